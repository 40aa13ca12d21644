#pragma once
// Picking points on screen, done on the CPU from the camera's projection (no GL read-back).
#include <cstddef>
#include <cstdint>
#include <optional>

#include <Eigen/Core>

#include "lidarlabel/core/point_cloud.h"

namespace lidarlabel {

// viewProjection maps LiDAR-frame homogeneous points to clip space (OpenGL convention, NDC in
// [-1,1]^3 after the divide). (px, py): widget pixels, origin top-left, y down; width/height:
// widget size in the same pixels. Returns the index of the point whose projection lies within
// radiusPx of (px, py) and is closest to the eye (smallest NDC depth); nullopt when none.
// Points behind the eye or outside the depth range, non-finite points and (when `visible` is
// given: one byte per point) points whose byte is 0 are ignored. O(n), no allocation.
std::optional<std::size_t> pickNearestPoint(const PointCloud& cloud,
                                            const Eigen::Matrix4d& viewProjection, double width,
                                            double height, double px, double py,
                                            double radiusPx = 6.0,
                                            const std::uint8_t* visible = nullptr);

// The same for interleaved float xyz (3 floats per point, n points).
std::optional<std::size_t> pickNearestPoint(const float* xyz, std::size_t n,
                                            const Eigen::Matrix4d& viewProjection, double width,
                                            double height, double px, double py,
                                            double radiusPx = 6.0,
                                            const std::uint8_t* visible = nullptr);

}  // namespace lidarlabel
