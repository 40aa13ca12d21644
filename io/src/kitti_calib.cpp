#include "lidarlabel/io/kitti_calib.h"

#include <cstdio>
#include <map>
#include <sstream>
#include <vector>

#include "lidarlabel/core/errors.h"
#include "lidarlabel/io/atomic_file.h"
#include "text_util.h"

namespace lidarlabel {

namespace {

// Canonical key for the aliases used by the object and tracking benchmarks.
std::string canonicalKey(const std::string& k) {
  if (k == "R_rect") return "R0_rect";
  if (k == "Tr_velo_cam") return "Tr_velo_to_cam";
  if (k == "Tr_imu_velo") return "Tr_imu_to_velo";
  return k;
}

std::size_t expectedCount(const std::string& key) {
  if (key == "R0_rect") return 9;
  if (key == "P0" || key == "P1" || key == "P2" || key == "P3" || key == "Tr_velo_to_cam" ||
      key == "Tr_imu_to_velo")
    return 12;
  return 0;  // not a key we use
}

Matrix34d toMatrix34(const std::vector<double>& v) {
  Matrix34d m;
  for (int r = 0; r < 3; ++r)
    for (int c = 0; c < 4; ++c) m(r, c) = v[static_cast<std::size_t>(r * 4 + c)];
  return m;
}

void appendMatrix(std::string& out, const char* key, const double* rowMajor, int n,
                  bool colon = true) {
  out += key;
  if (colon) out += ':';
  char buf[32];
  for (int i = 0; i < n; ++i) {
    std::snprintf(buf, sizeof buf, " %.12e", rowMajor[i]);
    out += buf;
  }
  out += '\n';
}

}  // namespace

Eigen::Affine3d KittiCalib::veloToRect() const {
  Eigen::Matrix4d r = Eigen::Matrix4d::Identity(), t = Eigen::Matrix4d::Identity();
  r.topLeftCorner<3, 3>() = R0_rect;
  t.topRows<3>() = Tr_velo_to_cam;
  return Eigen::Affine3d(r * t);
}

KittiCalib parseKittiCalib(const std::string& text, const std::string& fileName) {
  std::map<std::string, std::vector<double>> values;
  std::istringstream in(text);
  std::string line;
  std::size_t lineNo = 0;
  while (std::getline(in, line)) {
    ++lineNo;
    std::vector<std::string> tok = splitWhitespace(line);
    if (tok.empty()) continue;
    std::string key = tok[0];
    const auto colon = key.find(':');
    if (colon != std::string::npos) {  // "key:" or "key:value"
      const std::string rest = key.substr(colon + 1);
      key = key.substr(0, colon);
      if (!rest.empty()) tok.insert(tok.begin() + 1, rest);
    }
    key = canonicalKey(key);
    const std::size_t want = expectedCount(key);
    if (want == 0) continue;  // other products' keys (e.g. raw calib) are ignored
    if (tok.size() - 1 != want)
      throw FileError(fileName, atLine(lineNo),
                      key + " has " + std::to_string(tok.size() - 1) + " values, expected " +
                          std::to_string(want));
    std::vector<double> v(want);
    for (std::size_t i = 0; i < want; ++i) {
      const auto d = parseDouble(tok[i + 1]);
      if (!d)
        throw FileError(
            fileName, atLine(lineNo),
            key + " value " + std::to_string(i + 1) + " '" + tok[i + 1] + "' is not a number");
      v[i] = *d;
    }
    values[key] = std::move(v);
  }
  for (const char* required : {"P2", "Tr_velo_to_cam"})
    if (!values.count(required))
      throw FileError(fileName, "",
                      std::string("missing key ") + required +
                          (std::string(required) == "P2" ? "" : " (or Tr_velo_cam)"));
  KittiCalib c;
  for (int i = 0; i < 4; ++i) {
    // Not "P" + std::to_string(i): GCC 12 reports a false -Wrestrict on it.
    const std::string key{'P', static_cast<char>('0' + i)};
    const auto it = values.find(key);
    c.P[i] = it == values.end() ? Matrix34d::Zero() : toMatrix34(it->second);
  }
  if (const auto it = values.find("R0_rect"); it != values.end())
    for (int r = 0; r < 3; ++r)
      for (int k = 0; k < 3; ++k) c.R0_rect(r, k) = it->second[static_cast<std::size_t>(r * 3 + k)];
  c.Tr_velo_to_cam = toMatrix34(values["Tr_velo_to_cam"]);
  const auto imu = values.find("Tr_imu_to_velo");
  c.Tr_imu_to_velo = imu == values.end() ? Matrix34d::Zero() : toMatrix34(imu->second);
  return c;
}

KittiCalib readKittiCalib(const std::string& path) {
  return parseKittiCalib(readFile(path), path);
}

namespace {
// The 7 lines with either the object or the tracking key names.
std::string calibText(const KittiCalib& c, bool tracking) {
  std::string out;
  auto rowMajor34 = [](const Matrix34d& m) {
    std::vector<double> v;
    for (int r = 0; r < 3; ++r)
      for (int k = 0; k < 4; ++k) v.push_back(m(r, k));
    return v;
  };
  const char* names[4] = {"P0", "P1", "P2", "P3"};
  for (int i = 0; i < 4; ++i) appendMatrix(out, names[i], rowMajor34(c.P[i]).data(), 12);
  std::vector<double> r0;
  for (int r = 0; r < 3; ++r)
    for (int k = 0; k < 3; ++k) r0.push_back(c.R0_rect(r, k));
  appendMatrix(out, tracking ? "R_rect" : "R0_rect", r0.data(), 9, !tracking);
  appendMatrix(out, tracking ? "Tr_velo_cam" : "Tr_velo_to_cam",
               rowMajor34(c.Tr_velo_to_cam).data(), 12, !tracking);
  appendMatrix(out, tracking ? "Tr_imu_velo" : "Tr_imu_to_velo",
               rowMajor34(c.Tr_imu_to_velo).data(), 12, !tracking);
  return out;
}
}  // namespace

std::string kittiCalibToText(const KittiCalib& c) {
  return calibText(c, false);
}
std::string kittiTrackingCalibToText(const KittiCalib& c) {
  return calibText(c, true);
}

}  // namespace lidarlabel
