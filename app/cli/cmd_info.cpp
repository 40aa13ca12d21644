// lidarlabel-cli info PATH: what the readers see in a sweep file or a sequence folder.
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>

#include "cli.h"
#include "lidarlabel/io/sequence_open.h"
#include "lidarlabel/io/sweep_io.h"

namespace lidarlabel::cli {

namespace {
// "binary_compressed" for PCD, "binary_little_endian" for PLY, "" otherwise (from the header).
std::string encodingOf(const std::string& path, const std::string& format) {
  if (format != "pcd" && format != "ply") return "";
  std::ifstream in(path, std::ios::binary);
  std::string line;
  const std::string key = format == "pcd" ? "DATA " : "format ";
  for (int i = 0; i < 64 && std::getline(in, line); ++i)
    if (line.rfind(key, 0) == 0) {
      std::string v = line.substr(key.size());
      if (format == "ply") v = v.substr(0, v.find(' '));
      if (!v.empty() && v.back() == '\r') v.pop_back();
      return v;
    }
  return "";
}

template <class T>
void printRange(const char* name, const std::vector<T>& v) {
  if (v.empty()) return;
  const auto [lo, hi] = std::minmax_element(v.begin(), v.end());
  std::printf("%s: %g..%g\n", name, static_cast<double>(*lo), static_cast<double>(*hi));
}

int describeFolder(const std::string& path) {
  const SequenceLayout l = detectSequenceLayout(path);
  const Sequence s = sequenceFromLayout(l);
  std::size_t boxes = 0, poses = 0;
  for (const Frame& f : s.frames) {
    boxes += f.objects.size();
    poses += f.info.egoPose.has_value() ? 1 : 0;
  }
  std::printf("sequence: %s\nlayout: %s\nframes: %zu\nsweep format: %s\nposes: %zu of %zu frames\n",
              s.name.c_str(), l.kind.c_str(), s.frames.size(), s.sweepFormat.c_str(), poses,
              s.frames.size());
  if (!s.frames.empty() && s.frames.back().info.timestampUs != 0)
    std::printf("time: %lld..%lld us\n", static_cast<long long>(s.frames.front().info.timestampUs),
                static_cast<long long>(s.frames.back().info.timestampUs));
  for (const auto& [label, p] : {std::pair{"calib", l.calibFile},
                                 {"poses", l.posesFile},
                                 {"times", l.timesFile},
                                 {"calib folder", l.calibDir},
                                 {"labels", l.labelDir},
                                 {"images", l.imageDir},
                                 {"nuscenes tables", l.nuscenesTableDir},
                                 {"tracking labels", l.trackingLabelFile},
                                 {"tracking calib", l.trackingCalibFile},
                                 {"point labels", l.pointLabelDir}})
    if (!p.empty()) std::printf("%s: %s\n", label, p.c_str());
  std::printf("boxes: %zu\n", boxes);
  return 0;
}

int runInfo(const std::vector<std::string>& argv) {
  const Args args(argv, {"format", "nan"}, {});
  if (args.positional().size() != 1) throw UsageError("expected one PATH");
  const std::string path = args.positional()[0];
  if (std::filesystem::is_directory(path)) return describeFolder(path);
  const std::string format = args.valueOr("format", sweepFormatFromPath(path));
  const PointCloud c = readSweep(path, format, {nanPolicy(args)});
  const std::string enc = encodingOf(path, format);
  std::printf("file: %s\nformat: %s%s%s\npoints: %zu\nfields: x y z intensity%s%s\n", path.c_str(),
              format.c_str(), enc.empty() ? "" : " ", enc.c_str(), c.size(),
              c.hasRing() ? " ring" : "", c.hasTime() ? " time" : "");
  printRange("intensity", c.intensity);
  printRange("ring", c.ring);
  printRange("time", c.time);
  const Bounds b = computeBounds(c);
  if (b.valid)
    std::printf("bounds: x %.2f..%.2f  y %.2f..%.2f  z %.2f..%.2f\n", b.min[0], b.max[0], b.min[1],
                b.max[1], b.min[2], b.max[2]);
  return 0;
}
}  // namespace

Command infoCommand() {
  return {"info", "describe a sweep file or a sequence folder (format, points, fields, bounds)",
          "usage: lidarlabel-cli info PATH [--format kitti-bin|nuscenes-bin|pcd|ply]\n"
          "                            [--nan reject|drop|keep]\n"
          "  file:   format (and PCD/PLY encoding), points, fields, value ranges, bounds\n"
          "  folder: detected layout (native, nuscenes, kitti-odometry, kitti-object,\n"
          "          kitti-tracking, kitti-velodyne, folder), frames, sweep format, poses,\n"
          "          side files, and the boxes the window opens with (native document, else\n"
          "          label_2, label_02 or nuScenes sample_annotation)",
          runInfo};
}

}  // namespace lidarlabel::cli
