#pragma once
// Internal: road-user shapes and their footprints over time (used by makeScene).
#include "lidarlabel/sim/random.h"
#include "lidarlabel/sim/scene.h"

namespace lidarlabel::sim {

// Solids of one road user in its own frame (x forward, origin on the ground under the footprint
// centre). Sizes are drawn from realistic ranges; className is a default-ontology class.
std::vector<Solid> makeParts(const std::string& className, Rng& rng, std::uint16_t semantic,
                             std::uint16_t instance);

// Oriented ground rectangle, world frame.
struct Footprint {
  Eigen::Vector2d center = Eigen::Vector2d::Zero();
  double heading = 0.0;
  double halfLength = 0.0, halfWidth = 0.0;
};

Footprint footprintAt(const SceneObject& object, const Eigen::Vector3d& hullLo,
                      const Eigen::Vector3d& hullHi, double t);

// True when the rectangles, each grown by margin/2 on every side, overlap.
bool overlaps(const Footprint& a, const Footprint& b, double margin);

}  // namespace lidarlabel::sim
