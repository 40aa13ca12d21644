// Google Benchmark JSON -> markdown. Convention for ratios: a benchmark whose label contains
// "baseline: <other benchmark run name>" (several allowed, separated by "; ") gets a column
// "speed-up vs baseline" = other / this (real time): above 1 ours is faster, below 1 slower.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include <nlohmann/json.hpp>

#include "eval_common.h"
#include "eval_sections.h"

namespace lidarlabel::eval {

namespace {
const std::set<std::string> kStandardKeys = {"name",
                                             "family_index",
                                             "per_family_instance_index",
                                             "run_name",
                                             "run_type",
                                             "repetitions",
                                             "repetition_index",
                                             "threads",
                                             "iterations",
                                             "real_time",
                                             "cpu_time",
                                             "time_unit",
                                             "aggregate_name",
                                             "aggregate_unit",
                                             "label",
                                             "error_occurred",
                                             "error_message"};

// The run names after each "baseline: " in a label.
std::vector<std::string> baselinesOf(const std::string& label) {
  std::vector<std::string> out;
  const std::string key = "baseline: ";
  for (std::size_t at = label.find(key); at != std::string::npos; at = label.find(key, at)) {
    at += key.size();
    const std::size_t end = label.find(';', at);
    out.push_back(label.substr(at, end == std::string::npos ? std::string::npos : end - at));
  }
  return out;
}

std::string timeCell(double v, const std::string& unit) {
  return fmt(v, v < 10 ? 3 : (v < 100 ? 2 : 1)) + " " + unit;
}

double toMs(double v, const std::string& unit) {
  if (unit == "ns") return v * 1e-6;
  if (unit == "us") return v * 1e-3;
  if (unit == "s") return v * 1e3;
  return v;
}
}  // namespace

void speedSection(const std::vector<std::string>& jsonFiles) {
  std::printf("### Speed (Google Benchmark, Release, this machine)\n\n");
  for (const std::string& file : jsonFiles) {
    nlohmann::json doc;
    try {
      std::ifstream in(file);
      doc = nlohmann::json::parse(in);
    } catch (const std::exception& e) {
      std::printf("_%s: unreadable benchmark output (%s)_\n\n", file.c_str(), e.what());
      continue;
    }
    const auto& ctx = doc.value("context", nlohmann::json::object());
    std::printf("#### %s\n\n", std::filesystem::path(file).stem().string().c_str());
    std::printf("%d CPUs at %.0f MHz, load average %s when it started.\n\n",
                ctx.value("num_cpus", 0), ctx.value("mhz_per_cpu", 0.0),
                ctx.contains("load_avg") && ctx["load_avg"].is_array() && !ctx["load_avg"].empty()
                    ? fmt(ctx["load_avg"][0].get<double>(), 1).c_str()
                    : "unknown");
    std::map<std::string, double> realMs;
    std::vector<std::string> counterKeys;
    bool anyBaseline = false;
    const auto& benches = doc.value("benchmarks", nlohmann::json::array());
    for (const auto& b : benches) {
      if (b.value("run_type", "iteration") == "aggregate" &&
          b.value("aggregate_name", "") != "median")
        continue;
      realMs[b.value("run_name", b.value("name", ""))] =
          toMs(b.value("real_time", 0.0), b.value("time_unit", "ns"));
      for (const auto& [k, v] : b.items())
        if (!kStandardKeys.count(k) && v.is_number() &&
            std::find(counterKeys.begin(), counterKeys.end(), k) == counterKeys.end())
          counterKeys.push_back(k);
      anyBaseline |= !baselinesOf(b.value("label", "")).empty();
    }
    Table t;
    t.header = {"benchmark", "real time", "CPU time"};
    for (const auto& k : counterKeys) t.header.push_back(k);
    if (anyBaseline) t.header.push_back("speed-up vs baseline");
    for (const auto& b : benches) {
      if (b.value("run_type", "iteration") == "aggregate" &&
          b.value("aggregate_name", "") != "median")
        continue;
      const std::string unit = b.value("time_unit", "ns");
      std::vector<std::string> r = {b.value("name", ""), timeCell(b.value("real_time", 0.0), unit),
                                    timeCell(b.value("cpu_time", 0.0), unit)};
      for (const auto& k : counterKeys)
        r.push_back(b.contains(k) ? fmt(b[k].get<double>(), 2) : "");
      if (anyBaseline) {
        std::string cell;
        const double mine = toMs(b.value("real_time", 0.0), unit);
        for (const std::string& base : baselinesOf(b.value("label", ""))) {
          const auto it = realMs.find(base);
          if (it == realMs.end() || mine <= 0) continue;
          const double ratio = it->second / mine;
          cell += (cell.empty() ? "" : "; ") +
                  ("**" + fmt(ratio, ratio < 1 ? 2 : 1) + "x** vs " + it->first);
        }
        r.push_back(cell);
      }
      t.rows.push_back(r);
    }
    t.print();
  }
}

}  // namespace lidarlabel::eval
