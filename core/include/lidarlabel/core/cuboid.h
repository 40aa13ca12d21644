#pragma once
// Oriented 3D box in the LiDAR frame (x forward, y left, z up, metres).
//
// center: geometric centre of the box (NOT the bottom face; KITTI's bottom-centre convention is
//         converted in io/ only).
// size:   (length, width, height) in metres along the box's own x, y, z axes. Length lies along
//         the heading.
// yaw:    rotation about +z in radians, counter-clockwise seen from above, 0 = heading along +x.
// pitch, roll: optional (9-DoF). Rotation = Rz(yaw) * Ry(pitch) * Rx(roll). Zero for 7-DoF boxes.
#include <Eigen/Core>
#include <Eigen/Geometry>
#include <array>

namespace lidarlabel {

struct Cuboid {
  Eigen::Vector3d center = Eigen::Vector3d::Zero();
  Eigen::Vector3d size = Eigen::Vector3d::Ones();  // length, width, height
  double yaw = 0.0;
  double pitch = 0.0;
  double roll = 0.0;

  double length() const { return size.x(); }
  double width() const { return size.y(); }
  double height() const { return size.z(); }
  bool is9Dof() const { return pitch != 0.0 || roll != 0.0; }

  // Box-to-LiDAR rotation.
  Eigen::Matrix3d rotation() const;
  // Box-to-LiDAR rigid transform (box frame origin at center).
  Eigen::Isometry3d pose() const;
  // Unit heading vector (box +x) in the LiDAR frame.
  Eigen::Vector3d heading() const;

  // The 8 corners in the LiDAR frame. Order: bottom face (z-) then top face (z+), each
  // counter-clockwise seen from above starting at front-left: (+l,+w), (-l,+w), (-l,-w), (+l,-w).
  std::array<Eigen::Vector3d, 8> corners() const;

  // True when p lies inside or on a face (closed box; faces count as inside), with an
  // optional outward margin in metres added on every side.
  bool contains(const Eigen::Vector3d& p, double margin = 0.0) const;

  friend bool operator==(const Cuboid&, const Cuboid&) = default;
};

// Angle wrapped into [-pi, pi).
double wrapAngle(double a);

// Smallest signed difference a - b, wrapped into [-pi, pi).
double angleDiff(double a, double b);

}  // namespace lidarlabel
