#pragma once
// Helpers for the export/import transaction and conformance tests: snapshots of folder trees,
// scratch copies of the bundled samples, injected damage.
#include <filesystem>
#include <fstream>
#include <map>
#include <string>

#include "lidarlabel/io/atomic_file.h"
#include "lidarlabel/io/native_format.h"
#include "test_paths.h"

namespace lidarlabel::test {

// Every entry under dir: relative path -> file bytes, "<dir>" for folders, "-> target" for links.
inline std::map<std::string, std::string> snapshotTree(const std::string& dir) {
  namespace fs = std::filesystem;
  std::map<std::string, std::string> out;
  if (!fs::exists(dir)) return out;
  for (const fs::directory_entry& e : fs::recursive_directory_iterator(dir)) {
    const std::string rel = fs::relative(e.path(), dir).string();
    if (e.is_symlink())
      out[rel] = "-> " + fs::read_symlink(e.path()).string();
    else if (e.is_directory())
      out[rel] = "<dir>";
    else
      out[rel] = readFile(e.path().string());
  }
  return out;
}

// Names in a folder (one level), to see that no staging folder was left behind.
inline std::map<std::string, std::string> listing(const std::string& dir) {
  std::map<std::string, std::string> out;
  for (const auto& e : std::filesystem::directory_iterator(dir))
    out[e.path().filename().string()] = e.is_directory() ? "<dir>" : "file";
  return out;
}

// A copy of sample_data/<rel> under scratch (so tests may damage it); returns its path.
inline std::string copySample(const std::string& rel, const std::string& scratch) {
  namespace fs = std::filesystem;
  const fs::path to = fs::path(scratch) / fs::path(rel).filename();
  fs::copy(sampleData(rel), to, fs::copy_options::recursive);
  return to.string();
}

// The synthetic sample (40 frames, boxes and point labels) copied under scratch.
inline Sequence syntheticCopy(const std::string& scratch) {
  const std::string root = copySample("synthetic", scratch);
  return loadNativeSequence(root + "/annotations.lidarlabel.json");
}

// Cuts a file to `keep` bytes (a truncated download or a full disk).
inline void truncateFile(const std::string& path, std::uintmax_t keep) {
  std::filesystem::resize_file(path, keep);
}

// Flips one byte in the middle (a damaged file of the right size).
inline void damageFile(const std::string& path) {
  std::string bytes = readFile(path);
  bytes[bytes.size() / 2] = static_cast<char>(bytes[bytes.size() / 2] ^ 0x5A);
  std::ofstream(path, std::ios::binary) << bytes;
}

}  // namespace lidarlabel::test
