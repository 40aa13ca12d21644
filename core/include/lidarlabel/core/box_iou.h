#pragma once
// Overlap of oriented boxes. Exact for yaw-only (7-DoF) boxes: the bird's-eye-view (x-y)
// footprints are intersected by convex polygon clipping, and the 3D volume is that area times
// the overlap of the z intervals. pitch/roll are ignored (the footprint of the yaw-only box is
// used), which is the convention of the KITTI / nuScenes detection benchmarks.
// Degenerate boxes (zero length, width or height) have zero area/volume: IoU with them is 0.
#include <array>
#include <vector>

#include <Eigen/Core>

#include "lidarlabel/core/cuboid.h"

namespace lidarlabel {

// The 4 footprint corners, counter-clockwise seen from above (x, y in metres).
std::array<Eigen::Vector2d, 4> bevCorners(const Cuboid& box);

// Area of a simple polygon (shoelace); positive for counter-clockwise vertex order.
double polygonArea(const std::vector<Eigen::Vector2d>& polygon);

// Intersection of two convex counter-clockwise polygons (Sutherland-Hodgman); may be empty.
std::vector<Eigen::Vector2d> clipConvex(const std::vector<Eigen::Vector2d>& subject,
                                        const std::vector<Eigen::Vector2d>& clip);

// Footprint intersection area in m^2.
double bevIntersection(const Cuboid& a, const Cuboid& b);
// Footprint IoU in [0, 1].
double bevIoU(const Cuboid& a, const Cuboid& b);
// Volume intersection in m^3 (footprint intersection x z-overlap).
double intersection3d(const Cuboid& a, const Cuboid& b);
// 3D IoU in [0, 1].
double iou3d(const Cuboid& a, const Cuboid& b);

}  // namespace lidarlabel
