#include "lidarlabel/io/kitti_odometry.h"

#include <cmath>
#include <optional>
#include <sstream>

#include "lidarlabel/core/errors.h"
#include "lidarlabel/io/atomic_file.h"
#include "text_util.h"

namespace lidarlabel {

namespace {
Eigen::Affine3d affineFrom12(const std::vector<std::string>& tokens, std::size_t first,
                             const std::string& path, std::size_t line) {
  Eigen::Matrix4d m = Eigen::Matrix4d::Identity();
  for (int k = 0; k < 12; ++k) {
    const auto v = parseDouble(tokens[first + k]);
    if (!v || !std::isfinite(*v))
      throw FileError(
          path, atLine(line),
          "value " + std::to_string(k + 1) + " '" + tokens[first + k] + "' is not a finite number");
    m(k / 4, k % 4) = *v;
  }
  return Eigen::Affine3d(m);
}

template <class F>
void forEachLine(const std::string& path, F&& f) {
  std::istringstream in(readFile(path));
  std::string text;
  std::size_t line = 0;
  while (std::getline(in, text)) {
    ++line;
    const auto tokens = splitWhitespace(text);
    if (!tokens.empty()) f(tokens, line);
  }
}
}  // namespace

Eigen::Affine3d readKittiOdometryTr(const std::string& calibPath) {
  std::optional<Eigen::Affine3d> tr;
  forEachLine(calibPath, [&](const std::vector<std::string>& t, std::size_t line) {
    std::string key = t[0];
    if (!key.empty() && key.back() == ':') key.pop_back();
    if (tr || (key != "Tr" && key != "Tr_velo_to_cam" && key != "Tr_velo_cam")) return;
    if (t.size() != 13)
      throw FileError(calibPath, atLine(line),
                      key + " needs 12 values, found " + std::to_string(t.size() - 1));
    tr = affineFrom12(t, 1, calibPath, line);
  });
  if (!tr) throw FileError(calibPath, "", "no 'Tr:' (LiDAR -> cam0) line");
  return *tr;
}

std::vector<Eigen::Affine3d> readKittiPoses(const std::string& path) {
  std::vector<Eigen::Affine3d> poses;
  forEachLine(path, [&](const std::vector<std::string>& t, std::size_t line) {
    if (t.size() != 12)
      throw FileError(path, atLine(line),
                      "a pose needs 12 values (3x4 row-major), found " + std::to_string(t.size()));
    poses.push_back(affineFrom12(t, 0, path, line));
  });
  return poses;
}

std::vector<double> readKittiTimes(const std::string& path) {
  std::vector<double> times;
  forEachLine(path, [&](const std::vector<std::string>& t, std::size_t line) {
    const auto v = t.size() == 1 ? parseDouble(t[0]) : std::nullopt;
    if (!v || !std::isfinite(*v))
      throw FileError(path, atLine(line), "expected one time in seconds");
    times.push_back(*v);
  });
  return times;
}

Eigen::Isometry3d kittiLidarToWorld(const Eigen::Affine3d& camPose, const Eigen::Affine3d& tr) {
  Eigen::Isometry3d out;
  out.matrix() = tr.matrix().inverse() * camPose.matrix() * tr.matrix();
  return out;
}

}  // namespace lidarlabel
