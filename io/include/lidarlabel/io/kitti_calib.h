#pragma once
// KITTI calibration files (docs/label-formats.md, FORMATS.md §1.5).
//
// Accepted: the object benchmark's "calib/%06d.txt" (P0..P3, R0_rect, Tr_velo_to_cam,
// Tr_imu_to_velo) and the tracking benchmark's "calib/%04d.txt" (P0..P3, R_rect, Tr_velo_cam,
// Tr_imu_velo, keys without colons). Keys may be written "key:" or "key", values are split on any
// whitespace, all matrices are row-major. Frames: "velo" = LiDAR (x forward, y left, z up),
// "rect" = rectified camera 0 (x right, y down, z forward), metres.
#include <Eigen/Core>
#include <Eigen/Geometry>
#include <string>

namespace lidarlabel {

using Matrix34d = Eigen::Matrix<double, 3, 4>;

struct KittiCalib {
  Matrix34d P[4];  // projections rect -> image_i (pixels); P2 is image_2
  Eigen::Matrix3d R0_rect = Eigen::Matrix3d::Identity();  // camera 0 -> rect
  Matrix34d Tr_velo_to_cam;                               // LiDAR -> camera 0
  Matrix34d Tr_imu_to_velo;                               // IMU -> LiDAR (zero when absent)

  // T = R0_rect(4x4) * Tr_velo_to_cam(4x4): LiDAR -> rect. Not necessarily orthonormal in
  // KITTI files (rounded values); callers use it as given (FORMATS.md §1.6).
  Eigen::Affine3d veloToRect() const;
};

// Parses calibration text. Requires P2 and Tr_velo_to_cam (or Tr_velo_cam); R0_rect/R_rect
// defaults to identity, the others to zero. Missing key, wrong value count or a non-number ->
// FileError naming `fileName`, the line (or the missing key) and the reason.
KittiCalib parseKittiCalib(const std::string& text, const std::string& fileName);
KittiCalib readKittiCalib(const std::string& path);

// The 7-line object-benchmark layout, in the order consumers read by line index
// (P0, P1, P2, P3, R0_rect, Tr_velo_to_cam, Tr_imu_to_velo), "%.12e" values.
std::string kittiCalibToText(const KittiCalib& calib);
// The tracking benchmark layout: "P0: .. P3:", then "R_rect", "Tr_velo_cam", "Tr_imu_velo"
// without colons, as in the released calib/%04d.txt.
std::string kittiTrackingCalibToText(const KittiCalib& calib);

}  // namespace lidarlabel
