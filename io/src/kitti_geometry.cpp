// LiDAR box <-> KITTI label geometry, exact form of FORMATS.md §1.6.
#include <algorithm>
#include <cmath>
#include <fstream>
#include <numbers>

#include "lidarlabel/io/kitti_object.h"

namespace lidarlabel {

namespace {

constexpr double kNearZ = 0.1;  // m; corners closer to the camera plane are clipped away

// The 8 corners of a label box in rect camera coordinates (FORMATS.md §1.3).
std::array<Eigen::Vector3d, 8> labelCornersRect(const KittiLabel& l) {
  const double h = l.dimensions[0], w = l.dimensions[1], len = l.dimensions[2];
  const double xs[8] = {len / 2, len / 2, -len / 2, -len / 2, len / 2, len / 2, -len / 2, -len / 2};
  const double ys[8] = {0, 0, 0, 0, -h, -h, -h, -h};
  const double zs[8] = {w / 2, -w / 2, -w / 2, w / 2, w / 2, -w / 2, -w / 2, w / 2};
  const double c = std::cos(l.rotationY), s = std::sin(l.rotationY);
  std::array<Eigen::Vector3d, 8> out;
  for (int i = 0; i < 8; ++i)
    out[static_cast<std::size_t>(i)] =
        Eigen::Vector3d(c * xs[i] + s * zs[i], ys[i], -s * xs[i] + c * zs[i]) + l.location;
  return out;
}

// Corners in front of the near plane plus the crossings of the box edges with it.
std::vector<Eigen::Vector3d> clipToNearPlane(const std::array<Eigen::Vector3d, 8>& c) {
  static constexpr int kEdges[12][2] = {{0, 1}, {1, 2}, {2, 3}, {3, 0}, {4, 5}, {5, 6},
                                        {6, 7}, {7, 4}, {0, 4}, {1, 5}, {2, 6}, {3, 7}};
  std::vector<Eigen::Vector3d> out;
  for (const auto& p : c)
    if (p.z() >= kNearZ) out.push_back(p);
  for (const auto& e : kEdges) {
    const Eigen::Vector3d& a = c[static_cast<std::size_t>(e[0])];
    const Eigen::Vector3d& b = c[static_cast<std::size_t>(e[1])];
    if ((a.z() < kNearZ) != (b.z() < kNearZ)) {
      const double t = (kNearZ - a.z()) / (b.z() - a.z());
      out.push_back(a + t * (b - a));
    }
  }
  return out;
}

}  // namespace

std::optional<KittiImageSize> readPngSize(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  unsigned char b[24];
  if (!in || !in.read(reinterpret_cast<char*>(b), 24)) return std::nullopt;
  static constexpr unsigned char kSig[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
  if (!std::equal(kSig, kSig + 8, b) || std::string(reinterpret_cast<char*>(b + 12), 4) != "IHDR")
    return std::nullopt;
  auto be32 = [&](int o) {
    return static_cast<int>((static_cast<unsigned>(b[o]) << 24) | (b[o + 1] << 16) |
                            (b[o + 2] << 8) | b[o + 3]);
  };
  const KittiImageSize s{be32(16), be32(20)};
  if (s.width <= 0 || s.height <= 0) return std::nullopt;
  return s;
}

double kittiAlpha(const KittiLabel& l, const KittiCalib& calib) {
  const Eigen::Vector3d b = calib.veloToRect().inverse() * l.location;
  return wrapAngle(l.rotationY - std::atan2(-b.y(), b.x()));
}

KittiLabel kittiGeometryFromCuboid(const Cuboid& box, const KittiCalib& calib) {
  const Eigen::Affine3d t = calib.veloToRect();
  const Eigen::Matrix3d r = t.linear();
  KittiLabel l;
  const double h = box.height();
  l.location = t * box.center + Eigen::Vector3d(0, h / 2, 0);
  const Eigen::Vector3d d = r * Eigen::Vector3d(std::cos(box.yaw), std::sin(box.yaw), 0);
  l.rotationY = wrapAngle(std::atan2(-d.z(), d.x()));
  l.dimensions = {h, box.width(), box.length()};
  l.alpha = kittiAlpha(l, calib);
  return l;
}

std::optional<KittiImageBox> kittiImageBox(const KittiLabel& l, const KittiCalib& calib,
                                           const KittiImageSize& image) {
  const std::vector<Eigen::Vector3d> pts = clipToNearPlane(labelCornersRect(l));
  if (pts.empty()) return std::nullopt;
  double u0 = 1e300, v0 = 1e300, u1 = -1e300, v1 = -1e300;
  for (const auto& p : pts) {
    const Eigen::Vector3d q = calib.P[2] * p.homogeneous();
    u0 = std::min(u0, q.x() / q.z());
    u1 = std::max(u1, q.x() / q.z());
    v0 = std::min(v0, q.y() / q.z());
    v1 = std::max(v1, q.y() / q.z());
  }
  const double maxU = image.width - 1, maxV = image.height - 1;
  const double cu0 = std::clamp(u0, 0.0, maxU), cu1 = std::clamp(u1, 0.0, maxU);
  const double cv0 = std::clamp(v0, 0.0, maxV), cv1 = std::clamp(v1, 0.0, maxV);
  if (cu1 <= cu0 || cv1 <= cv0) return std::nullopt;
  KittiImageBox out;
  out.bbox = {cu0, cv0, cu1, cv1};
  const double full = (u1 - u0) * (v1 - v0);
  out.truncated = full > 0 ? std::clamp(1.0 - (cu1 - cu0) * (cv1 - cv0) / full, 0.0, 1.0) : 0.0;
  return out;
}

std::optional<KittiLabel> kittiLabelFromCuboid(const Cuboid& box, const KittiCalib& calib,
                                               const KittiImageSize& image) {
  KittiLabel l = kittiGeometryFromCuboid(box, calib);
  const std::optional<KittiImageBox> ib = kittiImageBox(l, calib, image);
  if (!ib) return std::nullopt;
  l.bbox = ib->bbox;
  l.truncated = ib->truncated;
  l.occluded = -1;
  return l;
}

Cuboid cuboidFromKittiLabel(const KittiLabel& l, const KittiCalib& calib) {
  const Eigen::Affine3d t = calib.veloToRect();
  const double h = l.dimensions[0];
  Cuboid c;
  c.center = t.inverse() * (l.location - Eigen::Vector3d(0, h / 2, 0));
  // Exact inverse of the forward ry = atan2(-d_z, d_x), d = R (cos yaw, sin yaw, 0): the LiDAR
  // heading h(yaw) must satisfy (R h) . n = 0 for the rect-frame normal n = (sin ry, 0, cos ry)
  // and point forward along (cos ry, 0, -sin ry). (FORMATS.md's back formula
  // d = R^-1 (cos ry, 0, -sin ry) is off by up to ~1e-4 rad when R tilts the vertical.)
  const Eigen::Matrix3d r = t.linear();
  const Eigen::Vector3d m =
      r.transpose() * Eigen::Vector3d(std::sin(l.rotationY), 0, std::cos(l.rotationY));
  double yaw = std::atan2(-m.x(), m.y());
  const Eigen::Vector3d fwd(std::cos(l.rotationY), 0, -std::sin(l.rotationY));
  if ((r * Eigen::Vector3d(std::cos(yaw), std::sin(yaw), 0)).dot(fwd) < 0) yaw += std::numbers::pi;
  c.yaw = wrapAngle(yaw);
  c.size = {l.dimensions[2], l.dimensions[1], h};
  return c;
}

}  // namespace lidarlabel
