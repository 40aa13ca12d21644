#include "lidarlabel/core/cuboid.h"

#include <cmath>
#include <numbers>

namespace lidarlabel {

Eigen::Matrix3d Cuboid::rotation() const {
  return (Eigen::AngleAxisd(yaw, Eigen::Vector3d::UnitZ()) *
          Eigen::AngleAxisd(pitch, Eigen::Vector3d::UnitY()) *
          Eigen::AngleAxisd(roll, Eigen::Vector3d::UnitX()))
      .toRotationMatrix();
}

Eigen::Isometry3d Cuboid::pose() const {
  Eigen::Isometry3d t = Eigen::Isometry3d::Identity();
  t.linear() = rotation();
  t.translation() = center;
  return t;
}

Eigen::Vector3d Cuboid::heading() const {
  return rotation().col(0);
}

std::array<Eigen::Vector3d, 8> Cuboid::corners() const {
  const Eigen::Vector3d h = size / 2.0;
  static constexpr double sx[4] = {1, -1, -1, 1};
  static constexpr double sy[4] = {1, 1, -1, -1};
  const Eigen::Matrix3d r = rotation();
  std::array<Eigen::Vector3d, 8> out;
  for (int face = 0; face < 2; ++face) {
    const double sz = face == 0 ? -1.0 : 1.0;
    for (int k = 0; k < 4; ++k) {
      out[face * 4 + k] = center + r * Eigen::Vector3d(sx[k] * h.x(), sy[k] * h.y(), sz * h.z());
    }
  }
  return out;
}

bool Cuboid::contains(const Eigen::Vector3d& p, double margin) const {
  const Eigen::Vector3d local = rotation().transpose() * (p - center);
  const Eigen::Vector3d h = size / 2.0 + Eigen::Vector3d::Constant(margin);
  return std::abs(local.x()) <= h.x() && std::abs(local.y()) <= h.y() &&
         std::abs(local.z()) <= h.z();
}

double wrapAngle(double a) {
  constexpr double twoPi = 2.0 * std::numbers::pi;
  double r = std::fmod(a + std::numbers::pi, twoPi);
  if (r < 0) r += twoPi;
  return r - std::numbers::pi;
}

double angleDiff(double a, double b) {
  return wrapAngle(a - b);
}

}  // namespace lidarlabel
