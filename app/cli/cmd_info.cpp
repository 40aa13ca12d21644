// lidarlabel-cli info PATH: what the readers see in a sweep file or a sequence folder.
#include <cstdio>
#include <filesystem>

#include "cli.h"
#include "lidarlabel/io/sequence_open.h"
#include "lidarlabel/io/sweep_io.h"

namespace lidarlabel::cli {

namespace {
int runInfo(const std::vector<std::string>& argv) {
  const Args args(argv, {"format"}, {});
  if (args.positional().size() != 1) throw UsageError("expected one PATH");
  const std::string path = args.positional()[0];
  if (std::filesystem::is_directory(path)) {
    const Sequence s = openSequence(path);
    std::size_t boxes = 0;
    for (const Frame& f : s.frames) boxes += f.objects.size();
    std::printf("sequence: %s\nframes: %zu\nsweep format: %s\nboxes: %zu\n", s.name.c_str(),
                s.frames.size(), s.sweepFormat.c_str(), boxes);
    return 0;
  }
  const std::string format = args.valueOr("format", sweepFormatFromPath(path));
  const PointCloud c = readSweep(path, format);
  const Bounds b = computeBounds(c);
  std::printf("file: %s\nformat: %s\npoints: %zu\nfields: x y z intensity%s%s\n", path.c_str(),
              format.c_str(), c.size(), c.hasRing() ? " ring" : "", c.hasTime() ? " time" : "");
  if (b.valid)
    std::printf("bounds: x %.2f..%.2f  y %.2f..%.2f  z %.2f..%.2f\n", b.min[0], b.max[0], b.min[1],
                b.max[1], b.min[2], b.max[2]);
  return 0;
}
}  // namespace

Command infoCommand() {
  return {"info", "describe a sweep file or a sequence folder (format, points, fields, bounds)",
          "usage: lidarlabel-cli info PATH [--format kitti-bin|nuscenes-bin|pcd|ply]", runInfo};
}

}  // namespace lidarlabel::cli
