// Writing a simulated sequence folder (the io side of the simulator; core/sim stays free of io).
#include <charconv>
#include <cstdio>
#include <filesystem>
#include <set>

#include "lidarlabel/core/errors.h"
#include "lidarlabel/io/atomic_file.h"
#include "lidarlabel/io/native_format.h"
#include "lidarlabel/io/semantic_kitti.h"
#include "lidarlabel/io/sweep_io.h"
#include "lidarlabel/sim/write.h"

namespace fs = std::filesystem;

namespace lidarlabel::sim {

namespace {

constexpr const char* kGenerator = "lidarlabel simulator";
constexpr const char* kSimulatorVersion = "1";

// Shortest decimal that reads back to the same double (locale-independent).
std::string num(double v) {
  char buf[64];
  const auto r = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, r.ptr);
}

std::string frameName(int i) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%06d", i);
  return buf;
}

std::string poseLine(const Eigen::Isometry3d& p) {
  std::string s;
  for (int r = 0; r < 3; ++r)
    for (int c = 0; c < 4; ++c) s += (s.empty() ? "" : " ") + num(p.matrix()(r, c));
  return s + "\n";
}

std::string readme(const SimulationConfig& c, const SimulationSummary& sum, std::size_t tracks) {
  const SensorConfig& s = c.sensor;
  std::string r = "# Synthetic LiDAR sequence (lidarlabel simulator)\n\n";
  r += "Made by lidarlabel's deterministic LiDAR simulator: no third-party data, no licence "
       "restrictions.\nRegenerate it byte for byte (DIR = this folder; the output does not depend "
       "on it):\n\n    " +
       simulateCommandLine(c) + "\n\n";
  r += "- " + std::to_string(c.frames) + " frames at " + num(s.rateHz) +
       " Hz (timestamps from 1 s); " + "ego vehicle along world +x at " + num(c.scene.egoSpeed) +
       " m/s\n";
  r += "- sensor: " + std::to_string(s.beams) + " beams from " + num(s.fovUpDeg) + " to " +
       num(s.fovDownDeg) + " deg, " + std::to_string(s.azimuthSteps) + " azimuth steps, range " +
       num(s.minRange) + ".." + num(s.maxRange) + " m, range noise " + num(s.rangeNoiseStd) +
       " m (1 sigma), dropout " + num(s.dropoutProb) + "\n";
  r += "- " + std::to_string(sum.points) + " points, " + std::to_string(tracks) +
       " objects in the " + "scene, " + std::to_string(sum.tracks) + " of them seen, " +
       std::to_string(sum.boxes) + " boxes\n\n";
  r += "Files:\n"
       "- `velodyne/NNNNNN.bin`: KITTI float32 x, y, z, intensity (0..1), LiDAR frame "
       "(x forward, y left, z up, metres)\n"
       "- `labels/NNNNNN.llpl`: per-point labels (lidarlabel sidecar): SemanticKITTI raw semantic "
       "id, instance = track id (0 for stuff)\n"
       "- `annotations.lidarlabel.json`: the native annotation file: ego pose (LiDAR -> world) "
       "and ground-truth boxes per frame\n";
  if (c.semanticKittiFiles)
    r += "- `labels/NNNNNN.label`, `poses.txt`, `calib.txt` (Tr = identity, so poses are LiDAR "
         "poses), `times.txt`: SemanticKITTI layout\n";
  r += "\nGround truth: a frame lists every object with at least one point in its sweep (occluded "
       "or out-of-range objects are absent in those frames; track ids stay the same). Each box is "
       "the exact hull of the object's solids, so it contains exactly the points labelled with "
       "its instance (up to the range noise along the ray). See docs/simulator.md.\n";
  return r;
}

// Refuses to replace a folder that is not an earlier simulator output.
void checkReplaceable(const std::string& outDir) {
  std::error_code ec;
  if (!fs::exists(outDir, ec)) return;
  if (!fs::is_directory(outDir, ec)) throw FileError(outDir, "", "exists and is not a folder");
  if (fs::directory_iterator(outDir, ec) == fs::directory_iterator()) return;  // empty
  const std::string json = (fs::path(outDir) / kNativeFileName).string();
  try {
    const Sequence old = loadNativeSequence(json);
    const auto it = old.metadata.find("generator");
    if (it != old.metadata.end() && it->second == kGenerator) return;
  } catch (const std::exception&) {
  }
  throw FileError(outDir, "",
                  "folder exists and is not a simulator output; refusing to replace it");
}

// "out/", "./out" and "out" name the same folder (replaceDirectoryAtomic needs a clean name).
std::string cleanFolderPath(const std::string& dir) {
  fs::path p = fs::absolute(dir).lexically_normal();
  if (!p.has_filename() && p.has_parent_path()) p = p.parent_path();
  return p.string();
}

}  // namespace

SimulationSummary writeSimulatedSequence(const SimulationConfig& config,
                                         const std::string& outFolder,
                                         const std::function<void(int, int)>& progress) {
  const std::string outDir = cleanFolderPath(outFolder);
  const std::string bad = validate(config);
  if (!bad.empty()) throw std::invalid_argument(bad);
  checkReplaceable(outDir);
  const Scene scene = makeScene(config);
  SimulationSummary sum;
  replaceDirectoryAtomic(outDir, [&](const std::string& tmp) {
    const fs::path root(tmp);
    fs::create_directories(root / "velodyne");
    fs::create_directories(root / "labels");
    Sequence seq;
    seq.name = "synthetic";
    seq.sweepFormat = "kitti-bin";
    seq.metadata = {{"generator", kGenerator},
                    {"simulator_version", kSimulatorVersion},
                    {"command", simulateCommandLine(config)},
                    {"seed", std::to_string(config.seed)},
                    {"ground_truth",
                     "exact simulator ground truth; a frame lists the objects with "
                     "at least one point in its sweep"},
                    {"point_labels", "SemanticKITTI raw semantic ids; instance = track id"}};
    std::string poses, times;
    std::set<std::uint32_t> seen;
    for (int i = 0; i < config.frames; ++i) {
      const SimFrame f = simulateFrame(scene, config.sensor, i);
      const std::string name = frameName(i);
      writeKittiBin((root / "velodyne" / (name + ".bin")).string(), f.cloud);
      writePointLabels((root / "labels" / (name + ".llpl")).string(), f.labels);
      if (config.semanticKittiFiles)
        writeSemanticKittiLabels((root / "labels" / (name + ".label")).string(), f.labels);
      Frame fr;
      fr.info.sweepPath = "velodyne/" + name + ".bin";
      fr.info.timestampUs = f.timestampUs;
      fr.info.egoPose = f.egoPose;
      fr.pointLabelPath = "labels/" + name + ".llpl";
      fr.objects = f.objects;
      seq.frames.push_back(std::move(fr));
      poses += poseLine(f.egoPose);
      times += num(static_cast<double>(f.timestampUs) * 1e-6) + "\n";
      sum.points += f.cloud.size();
      sum.boxes += f.objects.size();
      for (const ObjectAnnotation& o : f.objects) seen.insert(o.trackId);
      if (progress) progress(i + 1, config.frames);
    }
    sum.frames = config.frames;
    sum.tracks = seen.size();
    saveNativeSequence(seq, (root / kNativeFileName).string());
    if (config.semanticKittiFiles) {
      writeFileAtomic((root / "poses.txt").string(), poses);
      writeFileAtomic((root / "times.txt").string(), times);
      writeFileAtomic((root / "calib.txt").string(), "Tr: 1 0 0 0 0 1 0 0 0 0 1 0\n");
    }
    writeFileAtomic((root / "README.md").string(), readme(config, sum, scene.objects.size()));
  });
  return sum;
}

}  // namespace lidarlabel::sim
