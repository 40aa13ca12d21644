#pragma once
// Synthetic scenes for the tracking / pre-labelling tests: flat ground at z = -1.73 (sensor at
// the origin) and boxes whose sensor-facing sides and top are sampled on a regular grid, which is
// what a LiDAR sees of a vehicle (an L-shape). No occlusion between objects.
#include <cmath>
#include <vector>

#include "lidarlabel/core/annotation.h"
#include "lidarlabel/core/box_edit.h"
#include "lidarlabel/core/ground.h"
#include "lidarlabel/core/point_cloud.h"

namespace lidarlabel::test {

inline constexpr double kGroundZ = -1.73;

inline Cuboid carAt(double x, double y, double yaw, Eigen::Vector3d size = {4.5, 1.9, 1.6}) {
  Cuboid b;
  b.size = size;
  b.center = {x, y, kGroundZ + size.z() / 2};
  b.yaw = yaw;
  return b;
}

// Points on the faces of `box` that face the sensor (origin), spacing `step` metres.
inline void addVisibleSurface(PointCloud& cloud, const Cuboid& box, double step = 0.1) {
  const Eigen::Matrix3d r = box.rotation();
  const Eigen::Vector3d h = box.size / 2;
  for (int axis = 0; axis < 3; ++axis) {
    for (int sign : {-1, 1}) {
      if (axis == 2 && sign < 0) continue;  // the bottom is never seen
      Eigen::Vector3d n = Eigen::Vector3d::Zero();
      n[axis] = sign;
      const Eigen::Vector3d faceCentre = box.center + r * (n.cwiseProduct(h));
      if ((r * n).dot(-faceCentre) <= 0) continue;  // faces away from the sensor
      const int u = (axis + 1) % 3, v = (axis + 2) % 3;
      for (double a = -h[u]; a <= h[u] + 1e-9; a += step)
        for (double b = -h[v]; b <= h[v] + 1e-9; b += step) {
          Eigen::Vector3d local = n.cwiseProduct(h);
          local[u] = a;
          local[v] = b;
          const Eigen::Vector3d p = box.center + r * local;
          cloud.push(static_cast<float>(p.x()), static_cast<float>(p.y()),
                     static_cast<float>(p.z()), 0.5f);
        }
    }
  }
}

// Ground points on a polar grid out to `range` metres.
inline void addGround(PointCloud& cloud, double range = 40.0) {
  for (double r = 3.0; r <= range; r += 0.5)
    for (double a = 0; a < 2 * M_PI; a += 0.5 / r)
      cloud.push(static_cast<float>(r * std::cos(a)), static_cast<float>(r * std::sin(a)),
                 static_cast<float>(kGroundZ), 0.1f);
}

// Ground points a box hides from the sensor (the ray to them passes through the box) are left
// out, as a LiDAR would not see them.
inline PointCloud scene(const std::vector<Cuboid>& boxes, bool ground = true) {
  PointCloud c;
  if (ground) {
    PointCloud g;
    addGround(g);
    for (std::size_t i = 0; i < g.size(); ++i) {
      const Eigen::Vector3d p(g.x[i], g.y[i], g.z[i]);
      bool hidden = false;
      for (const Cuboid& b : boxes) {
        const double t = rayBoxDistance(b, Eigen::Vector3d::Zero(), p);
        hidden = hidden || (t >= 0 && t < 1.0 - 1e-6);
      }
      if (!hidden) c.push(g.x[i], g.y[i], g.z[i], g.intensity[i]);
    }
  }
  for (const Cuboid& b : boxes) addVisibleSurface(c, b);
  return c;
}

// A car-shaped object in `box`: a body over the lower 60 % of the height and a cabin (55 % of
// the length, a little behind the middle, 90 % of the width) on top — a bonnet and a boot lower
// than the roof, as the pre-labelling's shape cues expect of a car.
inline std::vector<Cuboid> carParts(const Cuboid& box) {
  Cuboid body = box, cabin = box;
  const Eigen::Matrix3d r = box.rotation();
  body.size.z() = 0.6 * box.size.z();
  body.center = box.center + r * Eigen::Vector3d(0, 0, -0.2 * box.size.z());
  cabin.size = {0.55 * box.size.x(), 0.9 * box.size.y(), 0.4 * box.size.z()};
  cabin.center = box.center + r * Eigen::Vector3d(-0.1 * box.size.x(), 0, 0.3 * box.size.z());
  return {body, cabin};
}

// A bus shelter at (x, y), 4.5 x 1.4 x 2.5 m, axis-aligned, its back pane on the side away from
// the sensor (+y for y > 0): open towards the sensor. Glass back pane, two side panes, a roof.
inline std::vector<Cuboid> shelterParts(double x, double y) {
  const double len = 4.5, depth = 1.4, h = 2.5, back = y > 0 ? 1.0 : -1.0;
  Cuboid roof = carAt(x, y, 0.0, {len, depth, 0.06});
  roof.center.z() = kGroundZ + h - 0.03;
  return {carAt(x, y + back * depth / 2, 0.0, {len, 0.04, h}),
          carAt(x - len / 2, y, 0.0, {0.04, depth, h}),
          carAt(x + len / 2, y, 0.0, {0.04, depth, h}), roof};
}

// scene() with every box shaped as a car (carParts).
inline PointCloud carScene(const std::vector<Cuboid>& boxes) {
  std::vector<Cuboid> parts;
  for (const Cuboid& b : boxes)
    for (const Cuboid& p : carParts(b)) parts.push_back(p);
  return scene(parts);
}

// The exact ground result of a scene(): ground where z is at the ground plane.
inline GroundResult exactGround(const PointCloud& c) {
  GroundResult g;
  g.isGround.assign(c.size(), 0);  // not resize(): GCC 12 -Wnull-dereference false positive
  g.groundHeight.assign(c.size(), static_cast<float>(kGroundZ));
  for (std::size_t i = 0; i < c.size(); ++i) {
    g.isGround[i] = std::abs(c.z[i] - kGroundZ) < 1e-3 ? 1 : 0;
    g.groundCount += g.isGround[i];
  }
  return g;
}

inline ObjectAnnotation object(std::uint32_t id, const Cuboid& box, const char* cls = "car") {
  ObjectAnnotation o;
  o.trackId = id;
  o.className = cls;
  o.box = box;
  return o;
}

}  // namespace lidarlabel::test
