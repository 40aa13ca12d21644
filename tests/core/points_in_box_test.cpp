#include "lidarlabel/core/points_in_box.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <numbers>
#include <random>

#include "lidarlabel/io/sweep_io.h"
#include "test_paths.h"

namespace lidarlabel {
namespace {

constexpr double kPi = std::numbers::pi;

Cuboid makeBox(Eigen::Vector3d c, Eigen::Vector3d s, double yaw = 0, double pitch = 0,
               double roll = 0) {
  Cuboid b;
  b.center = c;
  b.size = s;
  b.yaw = yaw;
  b.pitch = pitch;
  b.roll = roll;
  return b;
}

// A point at box-frame coordinates (a, b, c) in units of half sizes, in the LiDAR frame.
void pushLocal(PointCloud& cloud, const Cuboid& box, double a, double b, double c,
               double outward = 0.0) {
  Eigen::Vector3d local(a * box.size.x() / 2, b * box.size.y() / 2, c * box.size.z() / 2);
  if (outward != 0.0) local += outward * local.normalized();
  const Eigen::Vector3d p = box.center + box.rotation() * local;
  cloud.push(static_cast<float>(p.x()), static_cast<float>(p.y()), static_cast<float>(p.z()), 0.f);
}

// Face centres, edge midpoints and corners of the box (26 points with |coordinate| = 1 somewhere).
PointCloud surfacePoints(const Cuboid& box, double outward = 0.0) {
  PointCloud cloud;
  for (int a = -1; a <= 1; ++a)
    for (int b = -1; b <= 1; ++b)
      for (int c = -1; c <= 1; ++c)
        if (a != 0 || b != 0 || c != 0) pushLocal(cloud, box, a, b, c, outward);
  return cloud;
}

TEST(PointsInBox, CountsPointsOnFacesOfAnAxisAlignedBoxAsInside) {
  // Values exactly representable in float: the faces are at x 8/12, y 4/6, z -1.75/-0.25.
  const Cuboid box = makeBox({10, 5, -1}, {4, 2, 1.5});
  const PointCloud onFaces = surfacePoints(box);
  const auto r = pointsInBoxes(onFaces, {box});
  EXPECT_EQ(r.insideCount[0], 26u);
  EXPECT_THAT(r.owner, ::testing::Each(0));
  EXPECT_EQ(countPointsInBox(onFaces, box).inside, 26u);
}

TEST(PointsInBox, CountsPointsOnFacesOfARotatedBoxAsInside) {
  for (const double yaw : {0.3, 1.2, -2.5, kPi / 2}) {
    const Cuboid box = makeBox({-7.3, 12.9, -0.8}, {4.4, 1.9, 1.6}, yaw);
    const auto r = pointsInBoxes(surfacePoints(box), {box});
    EXPECT_EQ(r.insideCount[0], 26u) << "yaw " << yaw;
    EXPECT_EQ(r.nearbyCount[0], 0u) << "yaw " << yaw;
  }
}

TEST(PointsInBox, CountsPointsOnFacesOfAPitchedAndRolledBoxAsInside) {
  const Cuboid box = makeBox({20.5, -3.1, 0.4}, {3.0, 2.0, 1.0}, 0.8, 0.15, -0.1);
  ASSERT_TRUE(box.is9Dof());
  const auto r = pointsInBoxes(surfacePoints(box), {box});
  EXPECT_EQ(r.insideCount[0], 26u);
}

TEST(PointsInBox, PointsTwoMillimetresOutsideAFaceAreNearbyNotInside) {
  const Cuboid box = makeBox({-7.3, 12.9, -0.8}, {4.4, 1.9, 1.6}, 1.2, 0.1, 0.05);
  const auto r = pointsInBoxes(surfacePoints(box, 0.002), {box});
  EXPECT_EQ(r.insideCount[0], 0u);
  EXPECT_EQ(r.nearbyCount[0], 26u);
  EXPECT_THAT(r.owner, ::testing::Each(-1));
}

TEST(PointsInBox, NearbyBandEndsAtTheMargin) {
  const Cuboid box = makeBox({0, 0, 0}, {2, 2, 2});
  PointCloud cloud;
  cloud.push(1.25f, 0, 0, 0);  // 0.25 m outside: nearby
  cloud.push(0, 1.29f, 0, 0);  // 0.29 m outside: nearby
  cloud.push(0, 0, 1.35f, 0);  // 0.35 m outside: neither
  PointsInBoxConfig cfg;
  cfg.nearbyMargin = 0.3f;
  const auto r = pointsInBoxes(cloud, {box}, cfg);
  EXPECT_EQ(r.insideCount[0], 0u);
  EXPECT_EQ(r.nearbyCount[0], 2u);
  EXPECT_EQ(countPointsInBox(cloud, box, 0.3f).nearby, 2u);
}

TEST(PointsInBox, OverlapIsOwnedByTheBoxWithTheNearestCentreAndListedInBoth) {
  const Cuboid a = makeBox({0, 0, 0}, {4, 2, 2});
  const Cuboid b = makeBox({1.5, 0, 0}, {4, 2, 2});
  PointCloud cloud;
  cloud.push(0.5f, 0, 0, 0);   // in both, nearer a's centre
  cloud.push(1.0f, 0, 0, 0);   // in both, nearer b's centre
  cloud.push(0.75f, 0, 0, 0);  // in both, equidistant: lower index (a)
  cloud.push(3.0f, 0, 0, 0);   // only in b
  const auto r = pointsInBoxes(cloud, {a, b});
  EXPECT_THAT(r.owner, ::testing::ElementsAre(0, 1, 0, 1));
  EXPECT_THAT(r.indices[0], ::testing::ElementsAre(0u, 1u, 2u));
  EXPECT_THAT(r.indices[1], ::testing::ElementsAre(0u, 1u, 2u, 3u));
  EXPECT_THAT(r.ownedCount, ::testing::ElementsAre(2u, 2u));
}

TEST(PointsInBox, YawWrapsAtPlusMinusPi) {
  const PointCloud cloud =
      readKittiBin(test::sampleData("kitti_object/training/velodyne/000003.bin"));
  const Cuboid atPi = makeBox({13.5, -1.0, -0.9}, {4.2, 1.8, 1.6}, kPi);
  const Cuboid atMinusPi = makeBox({13.5, -1.0, -0.9}, {4.2, 1.8, 1.6}, -kPi);
  const Cuboid atThreePi = makeBox({13.5, -1.0, -0.9}, {4.2, 1.8, 1.6}, 3 * kPi);
  const auto r = pointsInBoxes(cloud, {atPi, atMinusPi, atThreePi});
  EXPECT_GT(r.insideCount[0], 500u);
  EXPECT_EQ(r.indices[0], r.indices[1]);
  EXPECT_EQ(r.indices[0], r.indices[2]);
}

TEST(PointsInBox, MatchesABruteForceCheckOnARealSweep) {
  const PointCloud cloud =
      readKittiBin(test::sampleData("kitti_object/training/velodyne/000003.bin"));
  std::mt19937 rng(7);
  std::uniform_real_distribution<double> pos(-30, 30), yaw(-kPi, kPi), len(0.5, 6);
  std::vector<Cuboid> boxes;
  for (int k = 0; k < 40; ++k)
    boxes.push_back(makeBox({pos(rng), pos(rng), -1.0}, {len(rng), len(rng), 2.0}, yaw(rng)));
  const auto r = pointsInBoxes(cloud, boxes);
  for (std::size_t b = 0; b < boxes.size(); ++b) {
    std::vector<std::uint32_t> expected;
    for (std::size_t i = 0; i < cloud.size(); ++i)
      if (boxes[b].contains({cloud.x[i], cloud.y[i], cloud.z[i]}, 1e-4))
        expected.push_back(static_cast<std::uint32_t>(i));
    EXPECT_EQ(r.indices[b], expected) << "box " << b;
    EXPECT_EQ(countPointsInBox(cloud, boxes[b]).inside, expected.size()) << "box " << b;
    EXPECT_EQ(indicesInBox(cloud, boxes[b]), expected) << "box " << b;
  }
}

TEST(PointsInBox, ResultIsIdenticalForAnyThreadCount) {
  const PointCloud cloud =
      readKittiBin(test::sampleData("kitti_object/training/velodyne/000001.bin"));
  std::vector<Cuboid> boxes;
  for (int k = 0; k < 30; ++k)
    boxes.push_back(makeBox({-20.0 + 1.5 * k, 0.7 * (k % 7) - 2, -1.0}, {4, 3, 2}, 0.1 * k));
  PointsInBoxConfig one, three;
  one.threads = 1;
  three.threads = 3;
  three.minPointsPerThread = 1;
  const auto a = pointsInBoxes(cloud, boxes, one);
  const auto b = pointsInBoxes(cloud, boxes, three);
  EXPECT_EQ(a.owner, b.owner);
  EXPECT_EQ(a.indices, b.indices);
  EXPECT_EQ(a.nearbyCount, b.nearbyCount);
  EXPECT_EQ(a.ownedCount, b.ownedCount);
}

TEST(PointsInBox, EmptyCloudGivesZeroCountsPerBox) {
  const auto r = pointsInBoxes(PointCloud{}, {makeBox({0, 0, 0}, {1, 1, 1})});
  EXPECT_TRUE(r.owner.empty());
  ASSERT_EQ(r.insideCount.size(), 1u);
  EXPECT_EQ(r.insideCount[0], 0u);
  EXPECT_TRUE(r.indices[0].empty());
}

TEST(PointsInBox, NoBoxesLeavesEveryPointUnowned) {
  PointCloud cloud;
  cloud.push(1, 2, 3, 0);
  const auto r = pointsInBoxes(cloud, {});
  EXPECT_THAT(r.owner, ::testing::ElementsAre(-1));
}

TEST(PointsInBox, NaNPointsAreInNoBox) {
  const float nan = std::numeric_limits<float>::quiet_NaN();
  PointCloud cloud;
  cloud.push(nan, nan, nan, 0);
  cloud.push(0, nan, 0, 0);
  cloud.push(0, 0, nan, 0);
  const Cuboid box = makeBox({0, 0, 0}, {4, 4, 4});
  const auto r = pointsInBoxes(cloud, {box});
  EXPECT_THAT(r.owner, ::testing::Each(-1));
  EXPECT_EQ(r.insideCount[0], 0u);
  EXPECT_EQ(r.nearbyCount[0], 0u);
  EXPECT_EQ(countPointsInBox(cloud, box).inside, 0u);
}

TEST(PointsInBox, AZeroSizeBoxContainsOnlyPointsAtItsCentre) {
  PointCloud cloud;
  cloud.push(1, 2, 3, 0);
  cloud.push(1.01f, 2, 3, 0);
  const Cuboid box = makeBox({1, 2, 3}, {0, 0, 0}, 0.4);
  const auto r = pointsInBoxes(cloud, {box});
  EXPECT_THAT(r.owner, ::testing::ElementsAre(0, -1));
  EXPECT_EQ(r.nearbyCount[0], 1u);
}

TEST(PointsInBox, ABoxWithANonFiniteFieldContainsNothing) {
  PointCloud cloud;
  cloud.push(0, 0, 0, 0);
  Cuboid bad = makeBox({0, 0, 0}, {2, 2, 2});
  bad.yaw = std::numeric_limits<double>::quiet_NaN();
  const auto r = pointsInBoxes(cloud, {bad, makeBox({0, 0, 0}, {2, 2, 2})});
  EXPECT_EQ(r.insideCount[0], 0u);
  EXPECT_EQ(r.insideCount[1], 1u);
  EXPECT_THAT(r.owner, ::testing::ElementsAre(1));
}

TEST(PointsInBox, IndexListsCanBeSkipped) {
  PointCloud cloud;
  cloud.push(0, 0, 0, 0);
  PointsInBoxConfig cfg;
  cfg.indexLists = false;
  const auto r = pointsInBoxes(cloud, {makeBox({0, 0, 0}, {2, 2, 2})}, cfg);
  EXPECT_EQ(r.insideCount[0], 1u);
  EXPECT_TRUE(r.indices[0].empty());
}

}  // namespace
}  // namespace lidarlabel
