#include "lidarlabel/core/point_cloud.h"

#include <gtest/gtest.h>

#include <limits>

#include "lidarlabel/core/annotation.h"

namespace lidarlabel {
namespace {

TEST(PointCloud, PushKeepsOptionalChannelsInStep) {
  PointCloud c;
  c.resize(1, /*withRing=*/true, /*withTime=*/false);
  c.push(1, 2, 3, 0.5f, 7);
  c.push(4, 5, 6, 0.25f, 9);
  ASSERT_EQ(c.size(), 3u);
  EXPECT_TRUE(c.consistent());
  ASSERT_EQ(c.ring.size(), 3u);
  EXPECT_EQ(c.ring[2], 9);
  EXPECT_FALSE(c.hasTime());
}

TEST(PointCloud, AMillionPointFrameWithLabelsFitsIn24Megabytes) {
  PointCloud c;
  c.resize(1'000'000);
  PointLabels labels;
  labels.resize(1'000'000);
  const std::size_t labelBytes = labels.semantic.capacity() * 2 + labels.instance.capacity() * 2;
  EXPECT_LE(c.memoryBytes() + labelBytes, 24u * 1000 * 1000);
}

TEST(ComputeBounds, IgnoresNonFinitePoints) {
  PointCloud c;
  c.push(1, -2, 3, 0);
  c.push(std::numeric_limits<float>::quiet_NaN(), 100, 100, 0);
  c.push(-1, 2, 0, 0);
  const Bounds b = computeBounds(c);
  ASSERT_TRUE(b.valid);
  EXPECT_EQ(b.min[0], -1);
  EXPECT_EQ(b.max[1], 2);
  EXPECT_EQ(b.max[2], 3);
}

TEST(ComputeBounds, IsInvalidForAnEmptyCloud) {
  EXPECT_FALSE(computeBounds(PointCloud{}).valid);
}

}  // namespace
}  // namespace lidarlabel
