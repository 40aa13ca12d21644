#include "lidarlabel/render/view_ray.h"

#include <Eigen/Geometry>
#include <algorithm>
#include <cmath>
#include <numbers>

namespace lidarlabel {

namespace {
double tanHalfAngle(const OrbitCamera& c) {
  return std::tan(0.5 * c.viewAngleDeg * std::numbers::pi / 180.0);
}
}  // namespace

bool ViewRay::hitHorizontalPlane(double height, Eigen::Vector3d* hit) const {
  if (std::abs(direction.z()) < 1e-12) return false;
  const double t = (height - origin.z()) / direction.z();
  if (!(t >= 0.0)) return false;
  if (hit) *hit = at(t);
  return true;
}

bool ViewRay::closestOnLine(const Eigen::Vector3d& point, const Eigen::Vector3d& axis,
                            double* s) const {
  // Minimise |origin + t d - (point + s a)| over t, s (d, a unit).
  const Eigen::Vector3d a = axis.normalized(), d = direction.normalized();
  const Eigen::Vector3d w = point - origin;
  const double ad = a.dot(d), denom = 1.0 - ad * ad;
  if (!(denom > 1e-12)) return false;
  if (s) *s = (ad * w.dot(d) - w.dot(a)) / denom;
  return true;
}

ViewBasis viewBasis(const OrbitCamera& camera) {
  ViewBasis b;
  b.forward = (camera.target - eyePosition(camera)).normalized();
  b.up = viewUp(camera);
  b.right = b.forward.cross(b.up).normalized();
  return b;
}

ViewRay rayThroughPixel(const OrbitCamera& camera, double width, double height, double x,
                        double y) {
  const ViewBasis b = viewBasis(camera);
  const double w = std::max(1.0, width), h = std::max(1.0, height);
  const double ndcX = 2.0 * x / w - 1.0, ndcY = 1.0 - 2.0 * y / h;
  const double aspect = w / h;
  const Eigen::Vector3d eye = eyePosition(camera);
  ViewRay ray;
  if (camera.parallel) {
    const double half = halfViewHeight(camera);
    ray.origin = eye + ndcX * half * aspect * b.right + ndcY * half * b.up;
    ray.direction = b.forward;
  } else {
    const double t = tanHalfAngle(camera);
    ray.origin = eye;
    ray.direction = (b.forward + ndcX * t * aspect * b.right + ndcY * t * b.up).normalized();
  }
  return ray;
}

std::optional<Eigen::Vector2d> pixelOfPoint(const OrbitCamera& camera, double width, double height,
                                            const Eigen::Vector3d& p) {
  const ViewBasis b = viewBasis(camera);
  const double w = std::max(1.0, width), h = std::max(1.0, height);
  const double aspect = w / h;
  const Eigen::Vector3d v = p - eyePosition(camera);
  const double depth = v.dot(b.forward);
  double ndcX = 0, ndcY = 0;
  if (camera.parallel) {
    if (depth < 0.0) return std::nullopt;
    const double half = halfViewHeight(camera);
    ndcX = v.dot(b.right) / (half * aspect);
    ndcY = v.dot(b.up) / half;
  } else {
    if (!(depth > 1e-9)) return std::nullopt;
    const double t = tanHalfAngle(camera);
    ndcX = v.dot(b.right) / (depth * t * aspect);
    ndcY = v.dot(b.up) / (depth * t);
  }
  return Eigen::Vector2d(0.5 * (ndcX + 1.0) * w, 0.5 * (1.0 - ndcY) * h);
}

ScreenProjection screenProjection(const OrbitCamera& camera, double width, double height) {
  const ViewBasis b = viewBasis(camera);
  const double w = std::max(1.0, width), h = std::max(1.0, height);
  ScreenProjection p;
  p.eye = eyePosition(camera);
  p.right = b.right;
  p.up = b.up;
  p.forward = b.forward;
  p.parallel = camera.parallel;
  p.focal = 0.5 * h / (camera.parallel ? halfViewHeight(camera) : tanHalfAngle(camera));
  p.centre = Eigen::Vector2d(0.5 * w, 0.5 * h);
  p.nearDepth = 1e-9;
  return p;
}

double metresPerPixel(const OrbitCamera& camera, double viewHeightPx) {
  return 2.0 * halfViewHeight(camera) / std::max(1.0, viewHeightPx);
}

}  // namespace lidarlabel
