#pragma once
// Screen-space point selection for the labelling tools (brush, lasso) and the restrictions that
// combine with every tool. Pure maths, no Qt / VTK: the window hands in its camera as a
// ScreenProjection and gets cloud indices back.
//
// Pixels: logical widget pixels, origin top-left, x right, y down (as render/view_ray.h).
// Frame: the LiDAR frame of the sweep (x forward, y left, z up, metres).
// Results: point indices into the cloud, ascending, each at most once. Non-finite points are
// never selected.
#include <Eigen/Core>
#include <cstdint>
#include <optional>
#include <vector>

#include "lidarlabel/core/annotation.h"
#include "lidarlabel/core/cuboid.h"
#include "lidarlabel/core/point_cloud.h"

namespace lidarlabel {

// How a view maps a LiDAR-frame point p to a pixel. With v = p - eye:
//   depth = v . forward;  perspective: px = centre + focal * (v . right, -(v . up)) / depth,
//   visible when depth > nearDepth; parallel: px = centre + focal * (v . right, -(v . up)),
//   visible when depth >= 0. render's screenProjection(camera, w, h) builds it for a view.
struct ScreenProjection {
  Eigen::Vector3d eye = Eigen::Vector3d::Zero();
  Eigen::Vector3d right = -Eigen::Vector3d::UnitY();   // unit, screen right
  Eigen::Vector3d up = Eigen::Vector3d::UnitZ();       // unit, screen up
  Eigen::Vector3d forward = Eigen::Vector3d::UnitX();  // unit, into the screen
  bool parallel = false;
  double focal = 500.0;  // pixels per unit of (lateral / depth), or pixels per metre (parallel)
  Eigen::Vector2d centre{400.0, 300.0};  // pixel of the view axis
  double nearDepth = 1e-6;               // metres; perspective points closer are not visible
};

// The pixel of one point; nullopt when not visible (behind the eye).
std::optional<Eigen::Vector2d> projectPoint(const ScreenProjection& projection,
                                            const Eigen::Vector3d& p);

// The pixels of a stroke's candidate points, computed once per stroke (the camera holds still
// while the mouse paints), so each mouse move only scans floats. index ascending.
struct ProjectedPoints {
  std::vector<std::uint32_t> index;  // cloud index of each projected point
  std::vector<float> x, y;           // its pixel
};

// Projects the finite points in front of the eye; `shown` (one byte per point, 0 = hidden, may be
// null or empty = all) and `candidates` (ascending cloud indices, null = all points) narrow it.
ProjectedPoints projectPoints(const PointCloud& cloud, const ScreenProjection& projection,
                              const std::vector<std::uint8_t>* shown = nullptr,
                              const std::vector<std::uint32_t>* candidates = nullptr);

// Points whose pixel lies within `radius` pixels of the segment a-b (a disc when a == b): one
// brush move from the previous pointer position to the new one, so a fast stroke leaves no gaps.
std::vector<std::uint32_t> pointsNearSegment(const ProjectedPoints& points,
                                             const Eigen::Vector2d& a, const Eigen::Vector2d& b,
                                             double radius);
inline std::vector<std::uint32_t> pointsInCircle(const ProjectedPoints& points,
                                                 const Eigen::Vector2d& centre, double radius) {
  return pointsNearSegment(points, centre, centre, radius);
}

// Points whose pixel lies inside a closed polygon (vertices in order, closed implicitly; the
// even-odd rule, so a self-crossing lasso selects what it encloses an odd number of times).
// Fewer than 3 vertices select nothing.
std::vector<std::uint32_t> pointsInPolygon(const ProjectedPoints& points,
                                           const std::vector<Eigen::Vector2d>& polygon);

// Restrictions that combine with any tool (all that are set must hold).
struct PointFilter {
  bool nonGroundOnly = false;       // only points ground removal did not classify as ground
  bool unlabelledOnly = false;      // only points whose semantic label is 0 (unlabeled)
  std::optional<Cuboid> insideBox;  // only points inside this box (closed, points_in_box.h rule)
  std::optional<float> minZ;        // only points with z >= minZ (LiDAR frame, metres)
  std::optional<float> maxZ;        // only points with z <= maxZ

  bool any() const { return nonGroundOnly || unlabelledOnly || insideBox || minZ || maxZ; }
};

// The indices (kept in order) that pass the filter. labels: the frame's labels (null or empty =
// every point unlabelled); isGround: ground removal's mask (needed for nonGroundOnly; null =
// no point is ground).
std::vector<std::uint32_t> filterPoints(const std::vector<std::uint32_t>& indices,
                                        const PointFilter& filter, const PointCloud& cloud,
                                        const PointLabels* labels,
                                        const std::vector<std::uint8_t>* isGround);

}  // namespace lidarlabel
