#pragma once
// Placing a box on the ground: the ground height under a bird's-eye-view position, and a box of
// a given size standing there. Frame: the LiDAR frame (x forward, y left, z up, metres).
#include <optional>

#include <Eigen/Core>

#include "lidarlabel/core/cuboid.h"
#include "lidarlabel/core/ground.h"
#include "lidarlabel/core/point_cloud.h"

namespace lidarlabel {

// The ground's z under (x, y): the median of GroundResult::groundHeight over the ground points
// within `radius` metres (BEV) of xy, or, when there are none, over every point there with a
// finite ground height. nullopt when no point within radius has one (the caller falls back to
// -sensorHeight). Non-finite points are skipped.
std::optional<double> groundHeightAt(const PointCloud& cloud, const GroundResult& ground,
                                     const Eigen::Vector2d& xy, double radius = 2.0);

// A box of `size` (length, width, height) centred at xy whose bottom face lies at groundZ.
Cuboid boxOnGround(const Eigen::Vector2d& xy, double groundZ, const Eigen::Vector3d& size,
                   double yaw = 0.0);

}  // namespace lidarlabel
