#pragma once
// The JSON report of `lidarlabel-cli check` (docs/checks.md) and its readable summary.
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "lidarlabel/core/checks.h"

namespace lidarlabel::cli {

// One folder's result: the findings, or the reason it could not be checked (then one finding
// "unreadable" at error level carries it).
struct FolderCheck {
  std::string folder;
  std::size_t frames = 0;
  std::vector<Finding> findings;
};

// {"kind": "check", "report_version": 1, "folders": [...], "findings": [...], "summary": {...}}
nlohmann::json checkReportJson(const std::vector<FolderCheck>& results, const std::string& shard);
// Recomputes "summary" from "folders" and "findings" (used by merge-reports too).
nlohmann::json checkSummaryJson(const nlohmann::json& folders, const nlohmann::json& findings);
// Readable lines for one folder: a header, up to maxLines findings (most severe first), counts.
std::string checkText(const FolderCheck& result, std::size_t maxLines);

}  // namespace lidarlabel::cli
