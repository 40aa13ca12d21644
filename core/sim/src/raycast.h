#pragma once
// Internal: ray casting against the ground and a set of solids, world frame, unit directions.
#include <cstdint>
#include <vector>

#include "lidarlabel/sim/scene.h"

namespace lidarlabel::sim {

struct Hit {
  double t = 0.0;                                     // metres along the unit ray
  Eigen::Vector3d normal = Eigen::Vector3d::UnitZ();  // surface normal (either orientation)
  std::uint16_t semantic = 0, instance = 0;
  float reflectivity = 0.0f;
};

// First ground hit with t in (0, tMax]; kerb faces count as sidewalk.
bool intersectGround(const Ground& ground, const Eigen::Vector3d& o, const Eigen::Vector3d& d,
                     double tMax, Hit& hit);

// The solids of one frame behind a 2D (bird's-eye) uniform grid around the sensor.
struct SolidSet {
  struct Prepared {
    Solid solid;
    double cosYaw = 1.0, sinYaw = 0.0;
  };
  std::vector<Prepared> solids;
  double x0 = 0, y0 = 0, cell = 1;  // grid origin (min corner) and cell size, metres
  int nx = 0, ny = 0;
  std::vector<std::uint32_t> start;  // CSR: items of cell c are items[start[c] .. start[c+1])
  std::vector<std::uint32_t> items;
  std::vector<std::uint32_t> mailbox;  // last ray id tested per solid (skips repeats)
  bool bruteForce = false;
};

// Keeps the solids whose footprint reaches within `radius` of `center` and grids them.
SolidSet buildSolidSet(const std::vector<const Solid*>& solids, const Eigen::Vector2d& center,
                       double radius, bool bruteForce);

// Nearest solid hit with t < tBest; updates tBest and hit. rayId must be unique per ray (> 0).
bool intersectSolids(SolidSet& set, const Eigen::Vector3d& o, const Eigen::Vector3d& d,
                     double& tBest, Hit& hit, std::uint32_t rayId);

}  // namespace lidarlabel::sim
