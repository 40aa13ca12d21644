#pragma once
// Running lidarlabel-cli as a process and building fixture folders for the process-level tests.
#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "lidarlabel/io/atomic_file.h"
#include "lidarlabel/io/native_format.h"
#include "test_paths.h"

namespace lidarlabel::test {

struct CliRun {
  int status = -1;     // exit status
  std::string output;  // stdout + stderr
};

// Runs lidarlabel-cli with `args` (each quoted) and waits for it.
inline CliRun runCli(const std::vector<std::string>& args) {
  std::string cmd = std::string("'") + LIDARLABEL_CLI_BINARY + "'";
  for (const std::string& a : args) cmd += " '" + a + "'";
  cmd += " 2>&1";
  CliRun r;
  FILE* pipe = popen(cmd.c_str(), "r");
  if (!pipe) return r;
  std::array<char, 4096> buffer{};
  std::size_t n = 0;
  while ((n = std::fread(buffer.data(), 1, buffer.size(), pipe)) > 0)
    r.output.append(buffer.data(), n);
  const int raw = pclose(pipe);
  r.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
  return r;
}

inline nlohmann::json readJson(const std::string& path) {
  return nlohmann::json::parse(readFile(path));
}

// A copy of sample_data/synthetic in `dir`: the document and the labels copied (so they can be
// changed), the sweeps linked.
inline std::string syntheticCopy(const std::string& dir) {
  namespace fs = std::filesystem;
  const fs::path src = sampleData("synthetic");
  fs::create_directories(dir);
  fs::copy_file(src / kNativeFileName, fs::path(dir) / kNativeFileName);
  fs::copy(src / "labels", fs::path(dir) / "labels");
  fs::create_directory_symlink(src / "velodyne", fs::path(dir) / "velodyne");
  return dir;
}

// The findings of a check report with this id, frame and (when given) track id.
inline std::vector<nlohmann::json> findingsOf(const nlohmann::json& report,
                                              const std::string& check, long long frame = -2,
                                              long long track = -1) {
  std::vector<nlohmann::json> out;
  for (const auto& f : report.at("findings")) {
    if (f.at("check") != check) continue;
    if (frame != -2 && !(f.at("frame").is_number() && f.at("frame").get<long long>() == frame))
      continue;
    if (track >= 0) {
      bool has = false;
      for (const auto& t : f.at("track_ids")) has = has || t.get<long long>() == track;
      if (!has) continue;
    }
    out.push_back(f);
  }
  return out;
}

}  // namespace lidarlabel::test
