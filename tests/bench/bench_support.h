#pragma once
// Shared by the benchmark programs: a console reporter that keeps every run so that a program
// can print ratios against its in-process baseline, and a large cloud made from a real sweep.
#include <benchmark/benchmark.h>

#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include "lidarlabel/core/point_cloud.h"
#include "lidarlabel/io/sweep_io.h"

namespace lidarlabel::bench {

// Prints as the console reporter does and keeps each benchmark's run by name. Lookups take a
// whole name, or else the start of one (e.g. "BM_Brush/120000" for ".../real_time"); 0 when
// nothing ran under that name.
class RatioReporter : public benchmark::ConsoleReporter {
 public:
  std::map<std::string, Run> runs;
  void ReportRuns(const std::vector<Run>& rs) override {
    for (const Run& r : rs)
      if (!r.error_occurred && r.run_type == Run::RT_Iteration) runs[r.benchmark_name()] = r;
    ConsoleReporter::ReportRuns(rs);
  }
  const Run* find(const std::string& name) const {
    if (const auto it = runs.find(name); it != runs.end()) return &it->second;
    for (const auto& [n, r] : runs)
      if (n.rfind(name, 0) == 0) return &r;
    return nullptr;
  }
  double cpuMs(const std::string& name) const {
    const Run* r = find(name);
    return r ? r->GetAdjustedCPUTime() * 1e3 / benchmark::GetTimeUnitMultiplier(r->time_unit) : 0;
  }
  double realMs(const std::string& name) const {
    const Run* r = find(name);
    return r ? r->GetAdjustedRealTime() * 1e3 / benchmark::GetTimeUnitMultiplier(r->time_unit) : 0;
  }
  double counter(const std::string& name, const std::string& key) const {
    const Run* r = find(name);
    if (!r) return 0;
    const auto c = r->counters.find(key);
    return c == r->counters.end() ? 0 : c->second.value;
  }
};

// n points: the KITTI .bin sweep at `path` repeated, each copy lifted 1 cm, to reach n.
inline PointCloud repeatedSweep(const std::string& path, std::size_t n) {
  const PointCloud one = readKittiBin(path);
  PointCloud c;
  c.reserve(n);
  for (std::size_t i = 0; c.size() < n; ++i) {
    const std::size_t j = i % one.size();
    c.push(one.x[j], one.y[j], one.z[j] + 0.01f * static_cast<float>(i / one.size()),
           one.intensity[j]);
  }
  return c;
}

}  // namespace lidarlabel::bench
