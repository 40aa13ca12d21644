#include "lidarlabel/core/clustering.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <limits>
#include <numeric>

namespace lidarlabel {
namespace {

std::vector<std::uint32_t> all(const PointCloud& c) {
  std::vector<std::uint32_t> v(c.size());
  std::iota(v.begin(), v.end(), 0u);
  return v;
}

// A block of points filling [x0, x0+lx] x [y0, y0+ly] at heights z0..z1, 0.1 m spacing.
void block(PointCloud& c, float x0, float y0, float lx, float ly, float z0, float z1) {
  for (float x = x0; x <= x0 + lx + 1e-4f; x += 0.1f)
    for (float y = y0; y <= y0 + ly + 1e-4f; y += 0.1f)
      for (float z = z0; z <= z1 + 1e-4f; z += 0.5f) c.push(x, y, z, 0.f);
}

TEST(Clustering, SeparatesTwoCarsAMetreApart) {
  PointCloud c;
  block(c, 10, 0, 4, 1.8f, -1.2f, 0.f);
  const std::size_t first = c.size();
  block(c, 10, 2.8f, 4, 1.8f, -1.2f, 0.f);
  const Clusters k = clusterPoints(c, all(c));
  ASSERT_EQ(k.members.size(), 2u);
  EXPECT_EQ(k.members[0].size() + k.members[1].size(), c.size());
  EXPECT_EQ(clusterNearest(c, k, {12, 0.5}).front(), 0u);
  EXPECT_EQ(clusterNearest(c, k, {12, 4.0}).front(), first);
}

TEST(Clustering, JoinsPointsWithinTheCellGap) {
  PointCloud c;
  c.push(10.f, 0.f, 0.f, 0.f);
  c.push(10.3f, 0.f, 0.f, 0.f);  // 0.3 m: adjacent cells
  c.push(10.6f, 0.f, 0.f, 0.f);
  EXPECT_EQ(clusterPoints(c, all(c)).members.size(), 1u);
}

TEST(Clustering, KeepsAnOverhangBesideACarSeparate) {
  PointCloud c;
  block(c, 10, 0, 4, 1.8f, -1.2f, 0.f);
  block(c, 14.3f, 0, 4, 1.8f, 3.0f, 3.0f);  // next cell in BEV, 3 m above the car's roof
  EXPECT_EQ(clusterPoints(c, all(c)).members.size(), 2u);
}

TEST(Clustering, ReachGrowsWithRange) {
  PointCloud c;
  c.push(60.f, 0.f, 0.f, 0.f);
  c.push(60.f, 0.8f, 0.f,
         0.f);  // 0.8 m apart: joined at 60 m (reach 4 cells), not at 10 m (1 cell)
  c.push(10.f, 0.f, 0.f, 0.f);
  c.push(10.f, 0.8f, 0.f, 0.f);
  EXPECT_EQ(clusterPoints(c, all(c)).members.size(), 3u);
  ClusterConfig fixed;
  fixed.gapPerMetre = 0.f;
  EXPECT_EQ(clusterPoints(c, all(c), fixed).members.size(), 4u);
}

TEST(Clustering, ClustersOfOneToThreePointsAreKeptBySize) {
  PointCloud c;
  c.push(0, 0, 0, 0);                                                // 1 point
  c.push(5, 0, 0, 0), c.push(5.1f, 0, 0, 0);                         // 2 points
  c.push(9, 0, 0, 0), c.push(9.1f, 0, 0, 0), c.push(9.2f, 0, 0, 0);  // 3 points
  const Clusters k = clusterPoints(c, all(c));
  ASSERT_EQ(k.members.size(), 3u);
  EXPECT_THAT(k.members[0], ::testing::ElementsAre(3u, 4u, 5u));
  EXPECT_THAT(k.members[1], ::testing::ElementsAre(1u, 2u));
  EXPECT_THAT(k.members[2], ::testing::ElementsAre(0u));
  ClusterConfig min2;
  min2.minPoints = 2;
  EXPECT_EQ(clusterPoints(c, all(c), min2).members.size(), 2u);
}

TEST(Clustering, EmptyAndNaNInputsGiveNoClusters) {
  EXPECT_TRUE(clusterPoints(PointCloud{}, {}).members.empty());
  const float nan = std::numeric_limits<float>::quiet_NaN();
  PointCloud c;
  c.push(nan, nan, nan, 0);
  c.push(nan, 1, 1, 0);
  EXPECT_TRUE(clusterPoints(c, all(c)).members.empty());
  EXPECT_TRUE(clusterNearest(c, Clusters{}, {0, 0}).empty());
}

TEST(Neighbourhood, KeepsNonGroundPointsInTheRadiusAndHeightBand) {
  PointCloud c;
  c.push(10, 0, -1.7f, 0);   // 0: ground
  c.push(10, 0, -1.0f, 0);   // 1: object, 0.73 m above ground
  c.push(10, 0, -1.65f, 0);  // 2: 8 cm above ground: below the band (kerb / noise)
  c.push(10, 0, 4.0f, 0);    // 3: 5.7 m above ground: above the band (canopy)
  c.push(15, 0, -1.0f, 0);   // 4: outside the radius
  GroundResult g;
  g.isGround = {1, 0, 0, 0, 0};
  g.groundHeight.assign(5, -1.73f);
  EXPECT_THAT(nonGroundNeighbourhood(c, g, {10, 0}), ::testing::ElementsAre(1u));
  BevRect rect;
  rect.center = {12.5, 0};
  rect.size = {6, 1};
  EXPECT_THAT(nonGroundInRect(c, g, rect), ::testing::ElementsAre(1u, 4u));
}

}  // namespace
}  // namespace lidarlabel
