// lidarlabel-cli convert IN OUT --to FORMAT: sweeps between formats, one file or a whole folder.
#include <algorithm>
#include <cstdio>
#include <filesystem>

#include "cli.h"
#include "lidarlabel/io/atomic_file.h"
#include "lidarlabel/io/sequence_open.h"
#include "lidarlabel/io/sweep_io.h"

namespace fs = std::filesystem;

namespace lidarlabel::cli {

namespace {
// File name without its sweep extension ("a.pcd.bin" -> "a").
std::string sweepStem(const std::string& path) {
  std::string name = fs::path(path).filename().string();
  for (const char* ext : {".pcd.bin", ".bin", ".pcd", ".ply"}) {
    const std::string e = ext;
    if (name.size() > e.size() && name.compare(name.size() - e.size(), e.size(), e) == 0)
      return name.substr(0, name.size() - e.size());
  }
  return fs::path(path).stem().string();
}

// readSweep; a sweep rejected for a NaN/Inf point fails with the --nan choices named.
PointCloud readForConvert(const std::string& path, const std::string& format,
                          const SweepReadOptions& options) {
  try {
    return readSweep(path, format, options);
  } catch (const NonFinitePointError& e) {
    throw FileError(e.file(), e.where(), e.reason() + " (a no-return point); " + kNanOptionHint);
  }
}

int runConvert(const std::vector<std::string>& argv) {
  const Args args(argv, {"to", "from", "nan"}, {});
  if (args.positional().size() != 2) throw UsageError("expected IN and OUT");
  const auto to = args.value("to");
  if (!to) throw UsageError("--to FORMAT is required");
  const auto& known = sweepWriteFormats();
  if (std::find(known.begin(), known.end(), *to) == known.end())
    throw UsageError("unknown --to format '" + *to + "'");
  const std::string in = args.positional()[0], out = args.positional()[1];
  const SweepReadOptions options{nanPolicy(args)};
  const std::string from = args.valueOr("from", "");
  if (!fs::is_directory(in)) {
    std::string target = out;
    if (fs::is_directory(out))
      target = (fs::path(out) / (sweepStem(in) + sweepExtensionFor(*to))).string();
    const PointCloud cloud = readForConvert(in, from, options);
    if (fs::path(target).has_parent_path()) fs::create_directories(fs::path(target).parent_path());
    writeSweep(target, cloud, *to);
    std::printf("%s: %zu points -> %s (%s)\n", in.c_str(), cloud.size(), target.c_str(),
                to->c_str());
    return 0;
  }
  const Sequence seq = openSequence(in);
  if (seq.frames.empty()) throw UsageError("no sweeps in " + in);
  // The whole output folder appears at once (or not at all) via replaceDirectoryAtomic.
  Progress progress("convert", seq.frames.size());
  std::size_t points = 0;
  replaceDirectoryAtomic(out, [&](const std::string& tmp) {
    for (std::size_t i = 0; i < seq.frames.size(); ++i) {
      const std::string src = seq.sweepPathOf(i);
      const PointCloud cloud = readForConvert(src, from.empty() ? seq.sweepFormat : from, options);
      writeSweep((fs::path(tmp) / (sweepStem(src) + sweepExtensionFor(*to))).string(), cloud, *to);
      points += cloud.size();
      progress.update(i + 1);
    }
  });
  progress.finish();
  std::printf("%zu sweeps, %zu points -> %s (%s)\n", seq.frames.size(), points, out.c_str(),
              to->c_str());
  return 0;
}
}  // namespace

Command convertCommand() {
  return {
      "convert", "convert sweeps between kitti-bin, nuscenes-bin, pcd and ply (file or folder)",
      "usage: lidarlabel-cli convert IN OUT --to FORMAT [--from FORMAT] [--nan reject|drop|keep]\n"
      "  FORMAT: kitti-bin, nuscenes-bin, pcd-ascii, pcd-binary (= pcd),\n"
      "          pcd-binary-compressed, ply-ascii, ply-binary (= ply), ply-binary-be\n"
      "  IN a file: OUT is the output file (or an existing folder to write into).\n"
      "  IN a folder (any layout openSequence knows): every sweep is converted into the\n"
      "  folder OUT, which is replaced atomically (all sweeps or nothing).\n"
      "  --nan: points with NaN/Inf coordinates (no returns) are an error (reject, default),\n"
      "         kept as NaN so every point keeps its index and per-point labels stay aligned\n"
      "         (keep), or removed, shifting later points' indices down (drop).",
      runConvert};
}

}  // namespace lidarlabel::cli
