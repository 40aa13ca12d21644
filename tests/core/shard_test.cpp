#include "lidarlabel/core/shard.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>

using namespace lidarlabel;
using ::testing::ElementsAre;

TEST(Shard, EveryItemIsInExactlyOneShardForSeveralCounts) {
  std::vector<std::string> items;
  for (int i = 0; i < 23; ++i) items.push_back("seq" + std::to_string(i * 7 % 23));
  for (int n : {1, 2, 3, 4, 7, 23, 40}) {
    std::map<std::string, int> seen;
    std::size_t smallest = items.size(), largest = 0;
    for (int i = 0; i < n; ++i) {
      const auto mine = shardItems(items, {i, n});
      smallest = std::min(smallest, mine.size());
      largest = std::max(largest, mine.size());
      for (const auto& item : mine) ++seen[item];
    }
    EXPECT_EQ(seen.size(), items.size()) << n;
    for (const auto& [item, count] : seen) EXPECT_EQ(count, 1) << item << " with n = " << n;
    EXPECT_LE(largest - smallest, 1u) << n;
  }
}

TEST(Shard, DependsOnlyOnTheSetNotTheOrderGiven) {
  EXPECT_EQ(shardItems({"c", "a", "b", "d"}, {1, 2}), shardItems({"d", "b", "a", "c"}, {1, 2}));
  EXPECT_THAT(shardItems({"c", "a", "b", "d"}, {1, 2}), ElementsAre("b", "d"));
}

TEST(Shard, DuplicatesAreHandledOnce) {
  EXPECT_THAT(shardItems({"a", "a", "b"}, {0, 1}), ElementsAre("a", "b"));
}

TEST(Shard, ParsesIndexSlashCount) {
  EXPECT_EQ(parseShard("2/8"), (ShardSpec{2, 8}));
  for (const char* bad : {"8/8", "-1/4", "1/0", "1", "a/b", "1/2x", "/2", ""})
    EXPECT_FALSE(parseShard(bad).has_value()) << bad;
}
