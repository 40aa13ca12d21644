#include "lidarlabel/io/sequence_open.h"

#include <filesystem>

#include "lidarlabel/core/errors.h"
#include "lidarlabel/io/native_format.h"
#include "lidarlabel/io/sweep_io.h"

namespace fs = std::filesystem;

namespace lidarlabel {

namespace {
Sequence fromSweepList(const fs::path& root, const std::vector<std::string>& sweeps) {
  Sequence s;
  s.root = root.string();
  s.name = root.filename().string();
  if (s.name.empty()) s.name = root.parent_path().filename().string();
  for (const std::string& p : sweeps) {
    Frame f;
    f.info.sweepPath = fs::relative(p, root).string();
    s.frames.push_back(std::move(f));
  }
  s.sweepFormat = sweeps.empty() ? "" : sweepFormatFromPath(sweeps.front());
  return s;
}
}  // namespace

std::string nativePathFor(const std::string& folder) {
  return (fs::path(folder) / kNativeFileName).string();
}

Sequence openSequence(const std::string& folder) {
  const fs::path root(folder);
  if (!fs::is_directory(root)) throw FileError(folder, "", "not a folder");
  if (fs::exists(nativePathFor(folder))) return loadNativeSequence(nativePathFor(folder));
  if (fs::is_directory(root / "velodyne")) {
    const auto sweeps = listFiles((root / "velodyne").string(), {".bin"});
    if (!sweeps.empty()) return fromSweepList(root, sweeps);
  }
  const auto sweeps = listFiles(folder, {".bin", ".pcd", ".ply"});
  if (sweeps.empty())
    throw FileError(folder, "", "no sweeps found (expected velodyne/*.bin, *.bin, *.pcd or *.ply)");
  return fromSweepList(root, sweeps);
}

}  // namespace lidarlabel
