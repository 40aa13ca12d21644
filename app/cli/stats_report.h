#pragma once
// JSON and text of `lidarlabel-cli stats` (docs/checks.md). Counts and sums only, so that
// merge-reports adds folders and shards exactly.
#include <nlohmann/json.hpp>
#include <string>

#include "lidarlabel/core/label_stats.h"

namespace lidarlabel::cli {

nlohmann::json statsJson(const SequenceStats& s);
SequenceStats statsFromJson(const nlohmann::json& j);  // throws nlohmann exceptions when malformed
std::string statsText(const SequenceStats& s);

}  // namespace lidarlabel::cli
