#pragma once
// KITTI odometry side files (also SemanticKITTI's sequences/NN/): calib.txt, poses.txt, times.txt.
//
// Frames: "velo" = LiDAR (x forward, y left, z up), "cam0" = left grey camera (x right, y down,
// z forward), metres. poses.txt line i = P_i, the pose of cam0 at frame i in the world frame,
// which is cam0 at frame 0 (so P_0 ~ identity): a point p_cam0(i) maps to world as P_i * p.
// calib.txt "Tr:" = LiDAR -> cam0. The LiDAR -> world pose this project stores
// (FrameInfo::egoPose), with "world" = the LiDAR frame at frame 0, is therefore
//     T_i = Tr^-1 * P_i * Tr          (all as 4x4 homogeneous matrices)
// so T_0 ~ identity and z stays up.
#include <Eigen/Geometry>
#include <string>
#include <vector>

namespace lidarlabel {

// The "Tr:" matrix of an odometry calib.txt (also accepts "Tr_velo_to_cam" / "Tr_velo_cam"),
// row-major 3x4 -> 4x4. Missing key or bad values -> FileError naming the file and line.
Eigen::Affine3d readKittiOdometryTr(const std::string& calibPath);

// poses.txt: one row-major 3x4 matrix (12 numbers) per line. Wrong column count or a non-number
// -> FileError naming the line.
std::vector<Eigen::Affine3d> readKittiPoses(const std::string& path);

// times.txt: one time in seconds per line.
std::vector<double> readKittiTimes(const std::string& path);

// T_i = Tr^-1 * P_i * Tr (see above).
Eigen::Isometry3d kittiLidarToWorld(const Eigen::Affine3d& camPose, const Eigen::Affine3d& tr);

}  // namespace lidarlabel
