#include "lidarlabel/io/sequence_open.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>
#include <set>

#include "json_util.h"
#include "lidarlabel/core/errors.h"
#include "lidarlabel/io/atomic_file.h"
#include "lidarlabel/io/kitti_odometry.h"
#include "lidarlabel/io/native_format.h"
#include "lidarlabel/io/ontology_io.h"
#include "lidarlabel/io/sweep_io.h"
#include "nuscenes_util.h"
#include "sequence_util.h"

namespace fs = std::filesystem;

namespace lidarlabel {

namespace {
std::string existing(const fs::path& p, bool folder) {
  std::error_code ec;
  const bool ok = folder ? fs::is_directory(p, ec) : fs::is_regular_file(p, ec);
  return ok ? p.string() : std::string();
}

std::string folderName(const fs::path& root) {
  std::string name = root.filename().string();
  return name.empty() ? root.parent_path().filename().string() : name;
}

// The first subfolder (natural order) of root holding sample_data.json, e.g. v1.0-mini.
std::string findNuscenesTables(const fs::path& root) {
  std::vector<std::string> dirs;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(root, ec))
    if (e.is_directory() && fs::is_regular_file(e.path() / "sample_data.json"))
      dirs.push_back(e.path().string());
  std::sort(dirs.begin(), dirs.end(), naturalLess);
  return dirs.empty() ? "" : dirs.front();
}

// Sweeps of a plain folder; all must share one format.
void plainFolder(const fs::path& root, SequenceLayout& l) {
  l.kind = "folder";
  l.sweeps = listFiles(root.string(), {".bin", ".pcd", ".ply"});
  if (l.sweeps.empty())
    throw FileError(root.string(), "",
                    "no sweeps found (expected annotations.lidarlabel.json, velodyne/*.bin, "
                    "samples/LIDAR_TOP/*.pcd.bin, or *.bin, *.pcd.bin, *.pcd, *.ply files)");
  l.sweepFormat = sweepFormatFromPath(l.sweeps.front());
  for (const std::string& s : l.sweeps)
    if (sweepFormatFromPath(s) != l.sweepFormat)
      throw FileError(root.string(), "",
                      "mixed sweep formats: " + fs::path(l.sweeps.front()).filename().string() +
                          " is " + l.sweepFormat + ", " + fs::path(s).filename().string() + " is " +
                          sweepFormatFromPath(s) + " (one format per sequence folder)");
}

// KITTI tracking labels for a sweep folder: <root>/label_02/<seq>.txt (the one file, or the one
// named like the folder) with calib/<seq>.txt, or KITTI's training/velodyne/<seq>/ with
// ../../label_02/<seq>.txt and ../../calib/<seq>.txt. Sets l.tracking*; false when none.
bool findTrackingLabels(const fs::path& root, SequenceLayout& l) {
  const std::string name = folderName(root);
  fs::path label, calibDir;
  if (fs::is_directory(root / "label_02")) {
    const auto files = listFiles((root / "label_02").string(), {".txt"});
    for (const std::string& f : files)
      if (fs::path(f).stem() == name) label = f;
    if (label.empty() && files.size() == 1) label = files.front();
    if (label.empty() && !files.empty())
      throw FileError((root / "label_02").string(), "",
                      std::to_string(files.size()) + " sequences and none named " + name +
                          ".txt: open one sequence per folder");
    calibDir = root / "calib";
  } else {
    fs::path self = fs::absolute(root).lexically_normal();
    if (!self.has_filename()) self = self.parent_path();  // "velodyne/0012/"
    const fs::path up = self.parent_path();
    if (up.filename() == "velodyne") {
      const fs::path training = up.parent_path();
      const fs::path f = training / "label_02" / (name + ".txt");
      if (fs::is_regular_file(f)) label = f;
      calibDir = training / "calib";
    }
  }
  if (label.empty()) return false;
  l.trackingLabelFile = label.string();
  l.trackingCalibFile = existing(calibDir / label.filename(), false);
  if (l.trackingCalibFile.empty()) l.trackingCalibFile = existing(root / "calib.txt", false);
  if (l.trackingCalibFile.empty())
    throw FileError(l.trackingLabelFile, "",
                    "no calibration for these labels (expected " +
                        (calibDir / label.filename()).string() + ")");
  return true;
}

void addKittiOdometry(const SequenceLayout& l, Sequence& s) {
  const Eigen::Affine3d tr = readKittiOdometryTr(l.calibFile);
  const auto poses =
      l.posesFile.empty() ? std::vector<Eigen::Affine3d>{} : readKittiPoses(l.posesFile);
  const auto times = l.timesFile.empty() ? std::vector<double>{} : readKittiTimes(l.timesFile);
  for (std::size_t i = 0; i < s.frames.size(); ++i) {
    const std::size_t k = kittiFileNumber(l.sweeps[i], i);
    FrameInfo& info = s.frames[i].info;
    if (!l.posesFile.empty()) {
      if (k >= poses.size())
        throw FileError(l.posesFile, "",
                        "no pose for sweep " + fs::path(l.sweeps[i]).filename().string() +
                            " (file has " + std::to_string(poses.size()) + " poses)");
      info.egoPose = kittiLidarToWorld(poses[k], tr);
    }
    if (!l.timesFile.empty()) {
      if (k >= times.size())
        throw FileError(l.timesFile, "",
                        "no time for sweep " + fs::path(l.sweeps[i]).filename().string() +
                            " (file has " + std::to_string(times.size()) + " lines)");
      info.timestampUs = std::llround(times[k] * 1e6);
    }
  }
}

Eigen::Isometry3d poseOf(const JsonReader& r) {
  const auto t = r.numbers("translation", 3);
  const auto q = r.numbers("rotation", 4);  // w, x, y, z
  Eigen::Isometry3d pose = Eigen::Isometry3d::Identity();
  pose.linear() = Eigen::Quaterniond(q[0], q[1], q[2], q[3]).normalized().toRotationMatrix();
  pose.translation() = Eigen::Vector3d(t[0], t[1], t[2]);
  return pose;
}

std::map<std::string, Eigen::Isometry3d> poseTable(const std::string& file) {
  const nlohmann::json j = parseJson(readFile(file), file);
  const JsonReader r(j, file, "");
  std::map<std::string, Eigen::Isometry3d> out;
  for (std::size_t i = 0; i < r.arraySize(); ++i) out[r.at(i).string("token")] = poseOf(r.at(i));
  return out;
}

// The sweeps' records of sample_data.json: poses (LiDAR -> global) when ego_pose.json and
// calibrated_sensor.json are there, and the location of their scenes' logs (nusc::addLocation).
void addNuscenesTables(const SequenceLayout& l, Sequence& s) {
  const fs::path dir(l.nuscenesTableDir);
  const bool poses =
      fs::exists(dir / "ego_pose.json") && fs::exists(dir / "calibrated_sensor.json");
  std::map<std::string, Eigen::Isometry3d> ego, sensor;
  if (poses) {
    ego = poseTable((dir / "ego_pose.json").string());
    sensor = poseTable((dir / "calibrated_sensor.json").string());
  }
  const std::string sdFile = (dir / "sample_data.json").string();
  const nlohmann::json sd = parseJson(readFile(sdFile), sdFile);
  const JsonReader r(sd, sdFile, "");
  std::map<std::string, std::size_t> byName;
  for (std::size_t i = 0; i < s.frames.size(); ++i)
    byName[fs::path(l.sweeps[i]).filename().string()] = i;
  std::vector<std::string> samples;
  for (std::size_t k = 0; k < r.arraySize(); ++k) {
    const JsonReader rec = r.at(k);
    const auto it = byName.find(fs::path(rec.string("filename")).filename().string());
    if (it == byName.end()) continue;
    if (rec.has("sample_token")) samples.push_back(rec.string("sample_token"));
    if (!poses) continue;
    const auto e = ego.find(rec.string("ego_pose_token"));
    const auto c = sensor.find(rec.string("calibrated_sensor_token"));
    if (e == ego.end()) rec.fail("ego_pose_token", "no such ego_pose record");
    if (c == sensor.end()) rec.fail("calibrated_sensor_token", "no such calibrated_sensor record");
    s.frames[it->second].info.egoPose = e->second * c->second;  // LiDAR -> ego -> global
  }
  nusc::addLocation(dir.string(), samples, s);
}

void addNuscenes(const SequenceLayout& l, Sequence& s) {
  for (std::size_t i = 0; i < s.frames.size(); ++i) {
    const std::string name = fs::path(l.sweeps[i]).filename().string();
    const auto us = name.rfind("__");
    const auto dot = name.find('.', us == std::string::npos ? 0 : us);
    if (us != std::string::npos && dot != std::string::npos && dot > us + 2) {
      const std::string digits = name.substr(us + 2, dot - us - 2);
      if (digits.find_first_not_of("0123456789") == std::string::npos && digits.size() < 19)
        s.frames[i].info.timestampUs = std::stoll(digits);
    }
  }
  if (!l.nuscenesTableDir.empty()) addNuscenesTables(l, s);
}
}  // namespace

SequenceLayout detectSequenceLayout(const std::string& folder) {
  const fs::path root(folder);
  if (!fs::is_directory(root)) throw FileError(folder, "", "not a folder");
  SequenceLayout l;
  l.root = folder;
  if (fs::exists(nativePathFor(folder))) {
    l.kind = "native";
    return l;
  }
  const fs::path lidarTop = root / "samples" / "LIDAR_TOP";
  if (fs::is_directory(lidarTop)) {
    l.sweeps = listFiles(lidarTop.string(), {".pcd.bin"});
    if (!l.sweeps.empty()) {
      l.kind = "nuscenes";
      l.sweepFormat = "nuscenes-bin";
      l.nuscenesTableDir = findNuscenesTables(root);
      return l;
    }
  }
  if (fs::is_directory(root / "velodyne")) {
    l.sweeps = listFiles((root / "velodyne").string(), {".bin"});
    if (!l.sweeps.empty()) {
      l.sweepFormat = "kitti-bin";
      l.calibFile = existing(root / "calib.txt", false);
      l.calibDir = existing(root / "calib", true);
      if (!l.calibFile.empty()) {
        l.kind = "kitti-odometry";
        l.posesFile = existing(root / "poses.txt", false);
        if (l.posesFile.empty())
          l.posesFile = existing(
              root.parent_path().parent_path() / "poses" / (folderName(root) + ".txt"), false);
        l.timesFile = existing(root / "times.txt", false);
      } else {
        l.kind = l.calibDir.empty() ? "kitti-velodyne" : "kitti-object";
        l.labelDir = existing(root / "label_2", true);
        l.imageDir = existing(root / "image_2", true);
      }
      if (findTrackingLabels(root, l) && l.kind != "kitti-odometry") l.kind = "kitti-tracking";
      l.pointLabelDir = existing(root / "labels", true);
      return l;
    }
  }
  plainFolder(root, l);
  if (l.sweepFormat == "kitti-bin" && findTrackingLabels(root, l)) l.kind = "kitti-tracking";
  return l;
}

Sequence sequenceFromLayout(const SequenceLayout& l) {
  return sequenceFromLayout(l, defaultOntology());
}

Sequence sequenceFromLayout(const SequenceLayout& l, const Ontology& ontology) {
  Sequence s = sweepsFromLayout(l);
  if (l.kind != "native") addLayoutLabels(l, s, ontology);
  return s;
}

Sequence sweepsFromLayout(const SequenceLayout& l) {
  if (l.kind == "native") return loadNativeSequence(nativePathFor(l.root));
  const fs::path root(l.root);
  Sequence s;
  s.root = l.root;
  s.name = folderName(root);
  s.sweepFormat = l.sweepFormat;
  for (const std::string& p : l.sweeps) {
    Frame f;
    f.info.sweepPath = fs::relative(p, root).string();
    s.frames.push_back(std::move(f));
  }
  if (l.kind == "kitti-odometry") addKittiOdometry(l, s);
  if (l.kind == "nuscenes") addNuscenes(l, s);
  return s;
}

Sequence openSequence(const std::string& folder, const Ontology& ontology) {
  return sequenceFromLayout(detectSequenceLayout(folder), ontology);
}

Sequence openSequence(const std::string& folder) {
  return openSequence(folder, defaultOntology());
}

std::size_t kittiFileNumber(const std::string& sweep, std::size_t fallback) {
  const std::string stem = fs::path(sweep).stem().string();
  if (stem.empty() || stem.size() > 9 || stem.find_first_not_of("0123456789") != std::string::npos)
    return fallback;
  return static_cast<std::size_t>(std::stoul(stem));
}

std::string nativePathFor(const std::string& folder) {
  return (fs::path(folder) / kNativeFileName).string();
}

}  // namespace lidarlabel
