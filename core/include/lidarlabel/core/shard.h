#pragma once
// Splitting a work list over the jobs of a cluster array (Slurm array jobs, Kubernetes indexed
// jobs) with no coordination: every job gets the same list and its own index.
#include <optional>
#include <string>
#include <vector>

namespace lidarlabel {

// Shard `index` of `count` (0 <= index < count), written "index/count" on the command line.
struct ShardSpec {
  int index = 0;
  int count = 1;
  friend bool operator==(const ShardSpec&, const ShardSpec&) = default;
};

// Parses "i/n" (decimal, 0 <= i < n); std::nullopt for anything else.
std::optional<ShardSpec> parseShard(const std::string& text);

// The items of one shard: the list is de-duplicated and sorted byte-wise, then item k of the
// sorted list belongs to shard k mod count. Deterministic for any input order; the shards of
// 0..count-1 are disjoint and together hold every item once, and their sizes differ by at most 1.
std::vector<std::string> shardItems(std::vector<std::string> items, const ShardSpec& shard);

}  // namespace lidarlabel
