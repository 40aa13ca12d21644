#include "lidarlabel/render/orbit_camera.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace lidarlabel {

namespace {
constexpr double kPi = std::numbers::pi;
constexpr double kMinElevation = -kPi / 2 + 0.01;
constexpr double kMinDistance = 0.5, kMaxDistance = 5000.0;

// Radius of the area to frame: the bounds' horizontal half-diagonal, at least 10 m.
double frameRadius(const Bounds& b) {
  if (!b.valid) return 40.0;
  const double dx = b.max[0] - b.min[0], dy = b.max[1] - b.min[1];
  return std::clamp(0.5 * std::hypot(dx, dy), 10.0, 2000.0);
}
}  // namespace

Eigen::Vector3d eyePosition(const OrbitCamera& c) {
  const double ce = std::cos(c.elevation);
  const Eigen::Vector3d dir(ce * std::cos(c.azimuth), ce * std::sin(c.azimuth),
                            std::sin(c.elevation));
  return c.target + c.distance * dir;
}

Eigen::Vector3d viewUp(const OrbitCamera& c) {
  // d(eye direction)/d(elevation): orthogonal to the view direction, well defined at +90 deg.
  const double se = std::sin(c.elevation);
  return Eigen::Vector3d(-se * std::cos(c.azimuth), -se * std::sin(c.azimuth),
                         std::cos(c.elevation))
      .normalized();
}

double halfViewHeight(const OrbitCamera& c) {
  return c.distance * std::tan(0.5 * c.viewAngleDeg * kPi / 180.0);
}

OrbitCamera birdsEyeCamera(const Bounds& bounds) {
  OrbitCamera c;
  c.parallel = true;
  c.azimuth = kPi;  // with elevation 90 deg: screen up = +x (forward)
  c.elevation = kPi / 2;
  // Sensor-centred: a 360-degree sweep is most useful around the vehicle.
  c.target = Eigen::Vector3d::Zero();
  c.distance = std::min(frameRadius(bounds), 60.0) / std::tan(0.5 * c.viewAngleDeg * kPi / 180.0);
  return c;
}

OrbitCamera chaseCamera(const Bounds& bounds) {
  OrbitCamera c;
  c.parallel = false;
  c.azimuth = kPi;  // eye behind the sensor (-x), looking forward
  c.elevation = 28.0 * kPi / 180.0;
  const double r = std::min(frameRadius(bounds), 50.0);
  c.target = Eigen::Vector3d(0.4 * r, 0.0, 0.0);
  c.distance = 0.9 * r;
  return c;
}

OrbitCamera boxViewCamera(const Cuboid& box, BoxView view, double aspect, double margin) {
  OrbitCamera c;
  c.parallel = true;
  c.target = box.center;
  const double l = box.length(), w = box.width(), h = box.height();
  double screenW = w, screenH = l, depth = h;  // Top
  if (view == BoxView::Top) {
    c.azimuth = box.yaw + kPi;  // at 90 degrees elevation, screen up = -(eye direction)
    c.elevation = kPi / 2;
  } else {
    c.elevation = 0.0;
    c.azimuth = view == BoxView::Side ? box.yaw - kPi / 2 : box.yaw;
    screenW = view == BoxView::Side ? l : w;
    screenH = h;
    depth = view == BoxView::Side ? w : l;
  }
  c.azimuth = std::remainder(c.azimuth, 2 * kPi);
  const double a = aspect > 0 ? aspect : 1.0;
  const double half = std::max({0.5 * screenH + margin, (0.5 * screenW + margin) / a, 0.05});
  c.slabHalfDepth = 0.5 * depth + margin;
  // The eye stands clear of the slab; the view angle then only sets the parallel scale.
  c.distance = c.slabHalfDepth + std::max(1.0, half);
  c.viewAngleDeg = 2.0 * std::atan(half / c.distance) * 180.0 / kPi;
  return c;
}

OrbitCamera focusOn(OrbitCamera c, const Cuboid& box) {
  c.target = box.center;
  const double radius = std::max(0.5 * box.size.norm(), 0.25);
  c.distance = std::clamp(1.3 * radius / std::tan(0.5 * c.viewAngleDeg * kPi / 180.0), kMinDistance,
                          kMaxDistance);
  if (c.parallel) c.distance = std::max(c.distance, c.slabHalfDepth);
  return c;
}

OrbitCamera orbitAround(OrbitCamera c, const Eigen::Vector3d& target) {
  const Eigen::Vector3d eye = eyePosition(c), d = eye - target;
  const double r = d.norm();
  if (!(r > 1e-9)) return c;
  c.target = target;
  c.distance = std::clamp(r, kMinDistance, kMaxDistance);
  c.elevation = std::clamp(std::asin(std::clamp(d.z() / r, -1.0, 1.0)), kMinElevation, kPi / 2);
  if (std::hypot(d.x(), d.y()) > 1e-12) c.azimuth = std::atan2(d.y(), d.x());
  return c;
}

OrbitCamera orbit(OrbitCamera c, double dx, double dy, double viewHeightPx) {
  const double k = kPi / std::max(1.0, viewHeightPx);
  c.azimuth = std::remainder(c.azimuth - dx * k, 2 * kPi);
  c.elevation = std::clamp(c.elevation + dy * k, kMinElevation, kPi / 2);
  return c;
}

OrbitCamera pan(OrbitCamera c, double dx, double dy, double viewHeightPx) {
  const Eigen::Vector3d up = viewUp(c);
  const Eigen::Vector3d back = (eyePosition(c) - c.target).normalized();
  const Eigen::Vector3d right = up.cross(back).normalized();
  const double metresPerPx = 2.0 * halfViewHeight(c) / std::max(1.0, viewHeightPx);
  c.target += metresPerPx * (-dx * right + dy * up);
  return c;
}

OrbitCamera zoom(OrbitCamera c, double steps) {
  c.distance = std::clamp(c.distance * std::pow(0.85, steps), kMinDistance, kMaxDistance);
  return c;
}

}  // namespace lidarlabel
