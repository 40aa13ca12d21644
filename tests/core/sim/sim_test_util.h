#pragma once
// Shared helpers for the simulator tests.
#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include <Eigen/Core>

#include "lidarlabel/io/atomic_file.h"
#include "lidarlabel/sim/simulate.h"

namespace lidarlabel::sim::test {

// FNV-1a 64 over every file of a folder: relative path, NUL, bytes; files in sorted order.
inline std::uint64_t hashFolder(const std::string& dir) {
  std::vector<std::string> files;
  for (const auto& e : std::filesystem::recursive_directory_iterator(dir))
    if (e.is_regular_file()) files.push_back(std::filesystem::relative(e.path(), dir).string());
  std::sort(files.begin(), files.end());
  std::uint64_t h = 0xCBF29CE484222325ull;
  auto eat = [&h](const std::string& s) {
    for (unsigned char c : s) h = (h ^ c) * 0x100000001B3ull;
    h = (h ^ 0u) * 0x100000001B3ull;
  };
  for (const std::string& f : files) {
    eat(f);
    eat(readFile((std::filesystem::path(dir) / f).string()));
  }
  return h;
}

// A small, exact (noise-free, no dropouts) sensor for ground-truth checks: 32 x 900 rays.
inline SimulationConfig exactConfig(std::uint64_t seed) {
  SimulationConfig c;
  c.seed = seed;
  c.frames = 10;
  c.sensor.beams = 32;
  c.sensor.azimuthSteps = 900;
  c.sensor.maxRange = 80;
  c.sensor.rangeNoiseStd = 0;
  c.sensor.dropoutProb = 0;
  return c;
}

inline Eigen::Vector3d pointAt(const PointCloud& c, std::size_t i) {
  return {c.x[i], c.y[i], c.z[i]};
}

}  // namespace lidarlabel::sim::test
