#pragma once
// The report of `lidarlabel-cli compare` (docs/checks.md): JSON holding pooled counts, so that
// merge-reports adds shards exactly, and the readable table.
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "lidarlabel/core/compare.h"

namespace lidarlabel::cli {

struct PairCompare {
  std::string reference, test;
  CompareResult result;
  std::string error;  // non-empty: the pair could not be compared (file and place)
};

nlohmann::json matchStatsJson(const MatchStats& s);
MatchStats matchStatsFromJson(const nlohmann::json& j);
nlohmann::json pointAgreementJson(const PointAgreement& p);
PointAgreement pointAgreementFromJson(const nlohmann::json& j);

// {"kind": "compare", "report_version": 1, "shards", "config", "pairs": [...], "overall",
//  "per_class", "points"}; the pooled parts are recomputed from "pairs" by compareTotals.
nlohmann::json compareReportJson(const std::vector<PairCompare>& pairs, const CompareConfig& c,
                                 const std::string& shard);
// Fills "overall", "per_class" and "points" of a report from its "pairs".
void compareTotals(nlohmann::json& report);

std::string compareText(const PairCompare& pair, bool perFrame);
std::string compareOverallText(const nlohmann::json& report);  // the pooled line of many pairs

}  // namespace lidarlabel::cli
