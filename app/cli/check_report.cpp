#include "check_report.h"

#include <algorithm>
#include <cstdio>
#include <map>

namespace lidarlabel::cli {

using json = nlohmann::json;

namespace {
json findingJson(const Finding& f, const std::string& folder) {
  json j{{"folder", folder},
         {"check", f.check},
         {"severity", toString(f.severity)},
         {"frame", f.frame < 0 ? json(nullptr) : json(f.frame)},
         {"track_ids", f.trackIds},
         {"message", f.message}};
  if (f.pointCount > 0) {
    j["point_count"] = f.pointCount;
    j["points"] = f.points;
  }
  return j;
}
}  // namespace

json checkSummaryJson(const json& folders, const json& findings) {
  std::size_t counts[3] = {0, 0, 0}, frames = 0;
  std::map<std::string, std::size_t> byCheck;
  for (const json& f : findings) {
    const auto s = severityFromString(f.at("severity").get<std::string>());
    ++counts[static_cast<int>(s.value_or(Severity::Error))];
    ++byCheck[f.at("check").get<std::string>()];
  }
  for (const json& f : folders) frames += f.at("frames").get<std::size_t>();
  return {{"folders", folders.size()}, {"frames", frames},      {"findings", findings.size()},
          {"errors", counts[2]},       {"warnings", counts[1]}, {"infos", counts[0]},
          {"by_check", byCheck}};
}

json checkReportJson(const std::vector<FolderCheck>& results, const std::string& shard) {
  json folders = json::array(), findings = json::array();
  for (const FolderCheck& r : results) {
    const CheckSummary s = summarize(r.findings);
    folders.push_back({{"folder", r.folder},
                       {"frames", r.frames},
                       {"errors", s.errors},
                       {"warnings", s.warnings},
                       {"infos", s.infos}});
    for (const Finding& f : r.findings) findings.push_back(findingJson(f, r.folder));
  }
  json doc{{"kind", "check"}, {"report_version", 1}, {"shards", json::array({shard})}};
  doc["summary"] = checkSummaryJson(folders, findings);
  doc["folders"] = std::move(folders);
  doc["findings"] = std::move(findings);
  return doc;
}

std::string checkText(const FolderCheck& r, std::size_t maxLines) {
  const CheckSummary s = summarize(r.findings);
  std::string out = r.folder + ": " + std::to_string(r.frames) + " frames, " +
                    std::to_string(s.errors) + " errors, " + std::to_string(s.warnings) +
                    " warnings, " + std::to_string(s.infos) + " info\n";
  std::vector<const Finding*> order;
  for (const Finding& f : r.findings) order.push_back(&f);
  std::stable_sort(order.begin(), order.end(), [](const Finding* a, const Finding* b) {
    return static_cast<int>(a->severity) > static_cast<int>(b->severity);
  });
  for (std::size_t i = 0; i < order.size() && i < maxLines; ++i) {
    const Finding& f = *order[i];
    char head[64];
    if (f.frame < 0)
      std::snprintf(head, sizeof head, "  %-7s %-10s", toString(f.severity), "sequence");
    else
      std::snprintf(head, sizeof head, "  %-7s frame %-4lld", toString(f.severity), f.frame);
    out += std::string(head) + " " + f.check + ": " + f.message + "\n";
  }
  if (order.size() > maxLines)
    out += "  ... " + std::to_string(order.size() - maxLines) +
           " more (all in the --json report; --max-lines N shows more)\n";
  if (!s.byCheck.empty()) {
    out += "  by check:";
    for (const auto& [id, n] : s.byCheck) out += " " + id + " " + std::to_string(n) + ",";
    out.back() = '\n';
  }
  return out;
}

}  // namespace lidarlabel::cli
