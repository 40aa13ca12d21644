#include "lidarlabel/core/box_edit.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>

namespace lidarlabel {

namespace {

// Index of the box's own axis a face lies on (0 = length, 1 = width, 2 = height) and the sign of
// its outward normal along that axis.
int faceAxis(BoxFace face) {
  switch (face) {
    case BoxFace::Front:
    case BoxFace::Back:
      return 0;
    case BoxFace::Left:
    case BoxFace::Right:
      return 1;
    case BoxFace::Top:
    case BoxFace::Bottom:
      return 2;
  }
  return 0;
}

double faceSign(BoxFace face) {
  return face == BoxFace::Back || face == BoxFace::Right || face == BoxFace::Bottom ? -1.0 : 1.0;
}

int axisIndex(BoxAxis axis) {
  switch (axis) {
    case BoxAxis::Forward:
      return 0;
    case BoxAxis::Left:
      return 1;
    case BoxAxis::Up:
      return 2;
  }
  return 0;
}

int dimensionIndex(BoxDimension dimension) {
  switch (dimension) {
    case BoxDimension::Length:
      return 0;
    case BoxDimension::Width:
      return 1;
    case BoxDimension::Height:
      return 2;
  }
  return 0;
}

// wrapAngle, but an angle already in [-pi, pi) is returned bit for bit (numeric entry and undo
// compare exact values).
double wrapped(double a) {
  return a >= -std::numbers::pi && a < std::numbers::pi ? a : wrapAngle(a);
}

}  // namespace

double NudgeSteps::metres(StepSize s) const {
  switch (s) {
    case StepSize::Fine:
      return fineMetres;
    case StepSize::Normal:
      return normalMetres;
    case StepSize::Coarse:
      return coarseMetres;
  }
  return normalMetres;
}

double NudgeSteps::radians(StepSize s) const {
  switch (s) {
    case StepSize::Fine:
      return fineRadians;
    case StepSize::Normal:
      return normalRadians;
    case StepSize::Coarse:
      return coarseRadians;
  }
  return normalRadians;
}

Cuboid nudgePosition(const Cuboid& box, BoxAxis axis, double metres) {
  Cuboid out = box;
  out.center += box.rotation().col(axisIndex(axis)) * metres;
  return out;
}

Cuboid nudgeYaw(const Cuboid& box, double radians) {
  Cuboid out = box;
  out.yaw = wrapped(box.yaw + radians);
  return out;
}

Cuboid nudgeSize(const Cuboid& box, BoxDimension dimension, double metres) {
  Cuboid out = box;
  const int i = dimensionIndex(dimension);
  out.size[i] = std::max(kMinBoxExtent, box.size[i] + metres);
  return out;
}

Cuboid dragMove(const Cuboid& start, const Eigen::Vector3d& from, const Eigen::Vector3d& to,
                bool keepHeight) {
  Eigen::Vector3d delta = to - from;
  if (keepHeight) delta.z() = 0.0;
  Cuboid out = start;
  out.center += delta;
  return out;
}

Cuboid dragRotate(const Cuboid& start, const Eigen::Vector3d& from, const Eigen::Vector3d& to) {
  const Eigen::Vector2d a = (from - start.center).head<2>();
  const Eigen::Vector2d b = (to - start.center).head<2>();
  // A pointer on the centre (seen from above) has no direction: keep the start yaw.
  constexpr double kTiny = 1e-9;
  if (a.norm() < kTiny || b.norm() < kTiny) return start;
  const double swept = std::atan2(a.x() * b.y() - a.y() * b.x(), a.dot(b));
  return nudgeYaw(start, swept);
}

Cuboid dragFace(const Cuboid& start, BoxFace face, const Eigen::Vector3d& from,
                const Eigen::Vector3d& to) {
  const int i = faceAxis(face);
  const Eigen::Vector3d n = faceNormal(start, face);
  const double wanted = start.size[i] + (to - from).dot(n);
  const double extent = std::max(kMinBoxExtent, wanted);
  Cuboid out = start;
  out.size[i] = extent;
  // The opposite face (at centre - n * extent / 2) stays where it was.
  out.center = start.center + n * ((extent - start.size[i]) / 2.0);
  return out;
}

Cuboid flipHeading(const Cuboid& box) {
  return nudgeYaw(box, std::numbers::pi);
}

Eigen::Vector3d faceNormal(const Cuboid& box, BoxFace face) {
  return box.rotation().col(faceAxis(face)) * faceSign(face);
}

Eigen::Vector3d faceCenter(const Cuboid& box, BoxFace face) {
  return box.center + faceNormal(box, face) * (box.size[faceAxis(face)] / 2.0);
}

double rayBoxDistance(const Cuboid& box, const Eigen::Vector3d& origin,
                      const Eigen::Vector3d& direction) {
  // Slab test in the box's own frame.
  const Eigen::Matrix3d rt = box.rotation().transpose();
  const Eigen::Vector3d o = rt * (origin - box.center);
  const Eigen::Vector3d d = rt * direction;
  const Eigen::Vector3d h = box.size / 2.0;
  if (!(d.squaredNorm() > 0.0) || !o.allFinite() || !d.allFinite()) return -1.0;
  double tNear = -std::numeric_limits<double>::infinity();
  double tFar = std::numeric_limits<double>::infinity();
  for (int i = 0; i < 3; ++i) {
    if (d[i] == 0.0) {
      if (std::abs(o[i]) > h[i]) return -1.0;  // parallel to this slab and outside it
      continue;
    }
    double t0 = (-h[i] - o[i]) / d[i];
    double t1 = (h[i] - o[i]) / d[i];
    if (t0 > t1) std::swap(t0, t1);
    tNear = std::max(tNear, t0);
    tFar = std::min(tFar, t1);
  }
  if (tNear > tFar || tFar < 0.0) return -1.0;
  return tNear >= 0.0 ? tNear : tFar;  // from inside, the face the ray leaves through
}

}  // namespace lidarlabel
