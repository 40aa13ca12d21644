#pragma once
// Internal: the clutter generators of makeScene (SceneConfig::clutter, docs/simulator.md).
#include <string>
#include <vector>

#include "objects.h"

namespace lidarlabel::sim {

// Statics along one side of the street (side = +1 left, -1 right) over world x in [xMin, xMax).
// Walls and shelters stand where people walk: their footprints go to `obstacles` (the planner
// keeps road users clear of them).
void addHedges(Scene& scene, Rng& rng, double side, double xMin, double xMax);
void addKerbWalls(Scene& scene, Rng& rng, double side, double xMin, double xMax,
                  std::vector<Footprint>& obstacles);
void addBusStops(Scene& scene, Rng& rng, double side, double xMin, double xMax,
                 std::vector<Footprint>& obstacles);

// Road-user shapes (own frame): side mirrors on cars and vans (outside the box), a cyclist of
// a drawn height with a head, a bus made articulated (two sections and bellows).
void addMirrors(std::vector<Solid>& parts, const std::string& className, Rng& rng);
void reshapeCyclist(std::vector<Solid>& parts, Rng& rng, const ClutterConfig& config);
void makeArticulated(std::vector<Solid>& parts, Rng& rng);

}  // namespace lidarlabel::sim
