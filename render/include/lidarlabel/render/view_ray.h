#pragma once
// Rays through pixels and pixels of points, for an OrbitCamera shown in a view of a given size.
// Pure maths (Eigen only; the same projection VTK draws with: vertical view angle, aspect =
// width / height, parallel scale = halfViewHeight), so tools and tests need no GL context.
// Pixels: logical widget pixels, origin top-left, x right, y down; (0, 0) is the top-left
// corner of the top-left pixel, so the view's centre is (width / 2, height / 2).
// Frame: LiDAR (x forward, y left, z up, metres).
#include <optional>

#include <Eigen/Core>

#include "lidarlabel/core/point_selection.h"
#include "lidarlabel/render/orbit_camera.h"

namespace lidarlabel {

struct ViewRay {
  Eigen::Vector3d origin = Eigen::Vector3d::Zero();
  Eigen::Vector3d direction = Eigen::Vector3d::UnitX();  // unit length

  Eigen::Vector3d at(double t) const { return origin + t * direction; }
  // Where the ray meets the horizontal plane z = height. False (hit untouched) when the ray is
  // parallel to the plane or the plane is behind the origin.
  bool hitHorizontalPlane(double height, Eigen::Vector3d* hit) const;
  // The point of the ray closest to the line through `point` along `axis` (any length): the
  // parameter s along that line (point + s * axis.normalized()). False when the ray and the line
  // are parallel. Used to drag a handle along one axis.
  bool closestOnLine(const Eigen::Vector3d& point, const Eigen::Vector3d& axis, double* s) const;
};

// The camera's screen axes (unit, LiDAR frame): right and up on screen, and forward (into the
// screen, eye -> target).
struct ViewBasis {
  Eigen::Vector3d right, up, forward;
};
ViewBasis viewBasis(const OrbitCamera& camera);

// The ray through pixel (x, y) of a width x height view. Perspective: from the eye. Parallel:
// from the pixel's point on the plane through the eye, along the view direction.
ViewRay rayThroughPixel(const OrbitCamera& camera, double width, double height, double x, double y);

// The pixel where a LiDAR-frame point is drawn in a width x height view; nullopt when the point
// is not in front of the eye (perspective: behind or on the eye plane; parallel: behind it).
// Points outside the view get pixels outside [0, width) x [0, height).
std::optional<Eigen::Vector2d> pixelOfPoint(const OrbitCamera& camera, double width, double height,
                                            const Eigen::Vector3d& p);

// The same projection as pixelOfPoint, as core's ScreenProjection (for the selection tools).
ScreenProjection screenProjection(const OrbitCamera& camera, double width, double height);

// Metres per pixel at the target's depth (perspective) or everywhere (parallel).
double metresPerPixel(const OrbitCamera& camera, double viewHeightPx);

}  // namespace lidarlabel
