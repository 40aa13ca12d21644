// lidarlabel-cli merge-reports --out FILE REPORT...: one report from the per-shard JSON reports
// of check, compare or stats (docs/checks.md).
#include <algorithm>
#include <cstdio>
#include <set>

#include "check_report.h"
#include "cli.h"
#include "compare_report.h"
#include "lidarlabel/core/errors.h"
#include "lidarlabel/io/atomic_file.h"
#include "stats_report.h"

namespace lidarlabel::cli {

using json = nlohmann::json;

namespace {

json load(const std::string& path) {
  try {
    return json::parse(readFile(path));
  } catch (const json::parse_error& e) {
    throw FileError(path, "byte " + std::to_string(e.byte), "not JSON");
  }
}

void appendAll(json& to, const json& from) {
  for (const json& x : from) to.push_back(x);
}

json merge(const std::vector<std::string>& paths) {
  json out;
  std::string kind;
  std::set<std::string> shards;
  for (const std::string& path : paths) {
    const json r = load(path);
    try {
      const std::string k = r.at("kind").get<std::string>();
      if (kind.empty()) {
        kind = k;
        out = {{"kind", kind}, {"report_version", 1}, {"shards", json::array()}};
        if (kind == "check") out["findings"] = json::array();
        if (kind == "check" || kind == "stats") out["folders"] = json::array();
        if (kind == "compare") out["pairs"] = json::array(), out["config"] = r.at("config");
      } else if (k != kind) {
        throw FileError(path, "field kind",
                        "a \"" + k + "\" report cannot merge into \"" + kind + "\" reports");
      }
      if (r.at("report_version").get<int>() != 1)
        throw FileError(path, "field report_version", "unknown report version");
      for (const json& s : r.at("shards")) {
        if (!shards.insert(s.get<std::string>()).second)
          throw FileError(path, "field shards",
                          "shard " + s.get<std::string>() + " is already merged");
        out["shards"].push_back(s);
      }
      if (kind == "check") {
        appendAll(out["folders"], r.at("folders"));
        appendAll(out["findings"], r.at("findings"));
      } else if (kind == "stats") {
        appendAll(out["folders"], r.at("folders"));
      } else if (kind == "compare") {
        if (r.at("config") != out["config"])
          throw FileError(path, "field config",
                          "compared with other settings than the first report");
        appendAll(out["pairs"], r.at("pairs"));
      } else {
        throw FileError(path, "field kind", "unknown report kind '" + k + "'");
      }
    } catch (const json::exception& e) {
      throw FileError(path, "", std::string("not a lidarlabel report: ") + e.what());
    }
  }
  // The order of one run over all folders: folders sorted, findings stable within a folder.
  auto byKey = [](const char* key) {
    return [key](const json& a, const json& b) {
      return a.at(key).get<std::string>() < b.at(key).get<std::string>();
    };
  };
  if (out.contains("folders"))
    std::stable_sort(out["folders"].begin(), out["folders"].end(), byKey("folder"));
  if (kind == "check")
    std::stable_sort(out["findings"].begin(), out["findings"].end(), byKey("folder"));
  if (kind == "compare")
    std::stable_sort(out["pairs"].begin(), out["pairs"].end(), byKey("reference"));
  if (kind == "check") out["summary"] = checkSummaryJson(out["folders"], out["findings"]);
  if (kind == "compare") compareTotals(out);
  if (kind == "stats") {
    SequenceStats total;
    bool first = true;
    for (const json& f : out["folders"]) {
      if (!f.contains("stats")) continue;
      const SequenceStats s = statsFromJson(f.at("stats"));
      if (first) total.review.levels = s.review.levels, first = false;
      mergeStats(total, s);
    }
    out["total"] = statsJson(total);
  }
  return out;
}

int runMergeReports(const std::vector<std::string>& argv) {
  const Args args(argv, {"out"}, {});
  const auto out = args.value("out");
  if (!out) throw UsageError("--out FILE is required");
  if (args.positional().empty()) throw UsageError("expected at least one REPORT");
  const json merged = merge(args.positional());
  writeFileAtomic(*out, merged.dump(1) + "\n");
  std::printf("%s: %zu reports (%zu shards) merged into %s\n",
              merged["kind"].get<std::string>().c_str(), args.positional().size(),
              merged["shards"].size(), out->c_str());
  if (merged["kind"] == "check") {
    const json& s = merged["summary"];
    std::printf("folders: %zu, frames: %zu, errors: %zu, warnings: %zu, info: %zu\n",
                s["folders"].get<std::size_t>(), s["frames"].get<std::size_t>(),
                s["errors"].get<std::size_t>(), s["warnings"].get<std::size_t>(),
                s["infos"].get<std::size_t>());
  } else if (merged["kind"] == "compare") {
    const json& o = merged["overall"];
    std::printf("precision: %.4f, recall: %.4f, mean_iou: %.4f\n", o["precision"].get<double>(),
                o["recall"].get<double>(), o["mean_iou"].get<double>());
  } else {
    std::printf("frames: %zu, objects: %zu\n", merged["total"]["frames"].get<std::size_t>(),
                merged["total"]["objects"].get<std::size_t>());
  }
  return 0;
}

}  // namespace

Command mergeReportsCommand() {
  return {
      "merge-reports", "merge the per-shard JSON reports of check, compare or stats into one",
      "usage: lidarlabel-cli merge-reports --out FILE REPORT...\n"
      "  Every REPORT must be of one kind (check, compare or stats); a shard merged twice is an\n"
      "  error. Findings, folders and pairs are concatenated; summaries and totals are\n"
      "  recomputed from the counts, so the result equals one run over all folders.",
      runMergeReports};
}

}  // namespace lidarlabel::cli
