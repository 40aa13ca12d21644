#include "lidarlabel/core/metrics.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <stdexcept>

namespace lidarlabel {
namespace {

PointLabels semantic(std::vector<std::uint16_t> ids) {
  PointLabels l;
  l.resize(ids.size());
  l.semantic = std::move(ids);
  return l;
}

TEST(GroundScores, FollowThePatchworkProtocolClasses) {
  for (std::uint16_t g : {40, 44, 48, 49, 60, 72}) EXPECT_TRUE(isSemanticKittiGround(g)) << g;
  for (std::uint16_t x : {0, 1, 70}) EXPECT_TRUE(isSemanticKittiGroundExcluded(x)) << x;
  for (std::uint16_t o : {10, 50, 51, 71, 80, 252}) {
    EXPECT_FALSE(isSemanticKittiGround(o)) << o;
    EXPECT_FALSE(isSemanticKittiGroundExcluded(o)) << o;
  }
}

TEST(GroundScores, CountsAKnownExample) {
  // road hit, terrain hit, sidewalk missed, car false alarm, building correct reject,
  // vegetation / unlabeled / outlier predicted ground but excluded.
  const auto labels = semantic({40, 72, 48, 10, 50, 70, 0, 1});
  const std::vector<std::uint8_t> mask = {1, 1, 0, 1, 0, 1, 1, 1};
  const GroundScores s = groundScores(mask, labels);
  EXPECT_EQ(s.truePositive, 2u);
  EXPECT_EQ(s.falseNegative, 1u);
  EXPECT_EQ(s.falsePositive, 1u);
  EXPECT_EQ(s.trueNegative, 1u);
  EXPECT_EQ(s.excluded, 3u);
  EXPECT_NEAR(s.precision, 100.0 * 2 / 3, 1e-9);
  EXPECT_NEAR(s.recall, 100.0 * 2 / 3, 1e-9);
  EXPECT_NEAR(s.f1, 100.0 * 2 / 3, 1e-9);
}

TEST(GroundScores, PoolingAddsCountsBeforeTheRatios) {
  const GroundScores a = groundScores({1, 1}, semantic({40, 40}));  // P 100 R 100
  const GroundScores b = groundScores({1, 0}, semantic({10, 40}));  // P 0 R 0
  const GroundScores p = poolGroundScores({a, b});
  EXPECT_NEAR(p.precision, 100.0 * 2 / 3, 1e-9);
  EXPECT_NEAR(p.recall, 100.0 * 2 / 3, 1e-9);
}

TEST(GroundScores, NoGroundAnywhereGivesZeroNotNaN) {
  const GroundScores s = groundScores({0, 0}, semantic({10, 50}));
  EXPECT_EQ(s.precision, 0.0);
  EXPECT_EQ(s.recall, 0.0);
  EXPECT_EQ(s.f1, 0.0);
}

TEST(GroundScores, RejectsAMaskOfTheWrongSize) {
  EXPECT_THROW(groundScores({1}, semantic({40, 40})), std::invalid_argument);
}

}  // namespace
}  // namespace lidarlabel
