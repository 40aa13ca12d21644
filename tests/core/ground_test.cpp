#include "lidarlabel/core/ground.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <numbers>

#include "lidarlabel/core/metrics.h"
#include "lidarlabel/io/semantic_kitti.h"
#include "lidarlabel/io/sweep_io.h"
#include "test_paths.h"

namespace lidarlabel {
namespace {

// Rings of points on the surface z = surface(x, y), like a spinning LiDAR sees a road.
template <typename Surface>
PointCloud ringsOn(Surface&& surface, float maxRange = 40.f) {
  PointCloud c;
  for (float r = 3.f; r < maxRange; r *= 1.04f)
    for (int k = 0; k < 720; ++k) {
      const float a = static_cast<float>(k) * std::numbers::pi_v<float> / 360.f;
      const float x = r * std::cos(a), y = r * std::sin(a);
      c.push(x, y, surface(x, y), 0.f);
    }
  return c;
}

// A car-sized wall of points standing on the road at (x0, y0).
void addObject(PointCloud& c, float x0, float y0, float ground) {
  for (float dy = -0.9f; dy <= 0.9f; dy += 0.05f)
    for (float h = 0.3f; h <= 1.5f; h += 0.1f) c.push(x0, y0 + dy, ground + h, 0.f);
}

TEST(Ground, AFlatRoadAtSensorHeightIsAllGround) {
  const PointCloud c = ringsOn([](float, float) { return -1.73f; });
  const GroundResult g = removeGround(c);
  EXPECT_EQ(g.groundCount, c.size());
  for (std::size_t i = 0; i < c.size(); i += 97) EXPECT_NEAR(g.groundHeight[i], -1.73f, 0.02f);
}

TEST(Ground, ASlopedRoadIsGroundAndHeightsFollowTheSlope) {
  // 6 % grade uphill along +x.
  const PointCloud c = ringsOn([](float x, float) { return -1.73f + 0.06f * x; });
  const GroundResult g = removeGround(c);
  EXPECT_GT(static_cast<double>(g.groundCount), 0.99 * static_cast<double>(c.size()));
  for (std::size_t i = 0; i < c.size(); i += 101)
    EXPECT_NEAR(g.groundHeight[i], -1.73f + 0.06f * c.x[i], 0.05f);
}

TEST(Ground, AnObjectOnTheRoadIsNotGroundAndKnowsItsHeightAboveGround) {
  PointCloud c = ringsOn([](float, float) { return -1.73f; });
  const std::size_t roadPoints = c.size();
  addObject(c, 12.f, 3.f, -1.73f);
  const GroundResult g = removeGround(c);
  for (std::size_t i = roadPoints; i < c.size(); ++i) {
    EXPECT_EQ(g.isGround[i], 0) << "object point " << i;
    EXPECT_NEAR(c.z[i] - g.groundHeight[i], c.z[i] + 1.73f, 0.05f);
  }
}

TEST(Ground, EmptyCloudGivesEmptyResult) {
  const GroundResult g = removeGround(PointCloud{});
  EXPECT_TRUE(g.isGround.empty());
  EXPECT_TRUE(g.groundHeight.empty());
  EXPECT_EQ(g.groundCount, 0u);
}

TEST(Ground, AllNaNPointsAreNotGroundAndHaveNoHeight) {
  const float nan = std::numeric_limits<float>::quiet_NaN();
  PointCloud c;
  for (int i = 0; i < 100; ++i) c.push(nan, nan, nan, 0.f);
  const GroundResult g = removeGround(c);
  EXPECT_EQ(g.groundCount, 0u);
  EXPECT_THAT(g.isGround, ::testing::Each(0));
  for (float h : g.groundHeight) EXPECT_TRUE(std::isnan(h));
}

TEST(Ground, PointsOutsideTheRangeAreNotClassifiedButGetAHeight) {
  PointCloud c = ringsOn([](float, float) { return -1.73f; });
  c.push(1.0f, 0.5f, -0.6f, 0.f);   // the ego vehicle's body, inside minRange
  c.push(120.f, 0.f, -1.73f, 0.f);  // beyond maxRange
  const GroundResult g = removeGround(c);
  const std::size_t n = c.size();
  EXPECT_EQ(g.isGround[n - 2], 0);
  EXPECT_EQ(g.isGround[n - 1], 0);
  EXPECT_NEAR(g.groundHeight[n - 2], -1.73f, 1e-6f);
  EXPECT_NEAR(g.groundHeight[n - 1], -1.73f, 0.05f);
}

TEST(Ground, ResultIsIdenticalForAnyThreadCount) {
  const PointCloud c =
      readKittiBin(test::sampleData("semantickitti/sequences/00/velodyne/000000.bin"));
  GroundConfig one, two;
  two.threads = 2;
  const GroundResult a = removeGround(c, one), b = removeGround(c, two);
  EXPECT_EQ(a.isGround, b.isGround);
  EXPECT_EQ(a.groundCount, b.groundCount);
}

// The Patchwork++ protocol on the labelled SemanticKITTI frames (tests/core/metrics_test.cpp
// checks the metric itself). Patchwork++ with its defaults scores F1 99.05 on these frames.
TEST(Ground, ReachesF1Of99OnTheLabelledSemanticKittiFrames) {
  std::vector<GroundScores> frames;
  for (const char* f : {"000000", "000001", "000002"}) {
    const std::string base = test::sampleData("semantickitti/sequences/00/");
    const PointCloud c = readKittiBin(base + "velodyne/" + f + ".bin");
    const PointLabels labels =
        readSemanticKittiLabels(base + "labels/" + f + ".label", static_cast<long long>(c.size()));
    frames.push_back(groundScores(removeGround(c).isGround, labels));
    EXPECT_GT(frames.back().f1, 98.5) << "frame " << f;
  }
  const GroundScores pooled = poolGroundScores(frames);
  EXPECT_GE(pooled.f1, 99.0);
  EXPECT_GE(pooled.precision, 98.5);
  EXPECT_GE(pooled.recall, 98.5);
}

TEST(Ground, FindsTheRoadUnderANuscenesSweepWithItsConfig) {
  const PointCloud c = readSweep(
      test::sampleData("nuscenes/samples/LIDAR_TOP/"
                       "n015-2018-07-24-11-22-45+0800__LIDAR_TOP__1532402927647951.pcd.bin"));
  const GroundResult g = removeGround(c, groundConfigNuscenes());
  // A 32-beam sweep in a city street: a large share is road, and the road near the car lies
  // about one sensor height (1.84 m) below the sensor.
  EXPECT_GT(static_cast<double>(g.groundCount), 0.3 * static_cast<double>(c.size()));
  std::vector<float> near;
  for (std::size_t i = 0; i < c.size(); ++i)
    if (g.isGround[i] && std::hypot(c.x[i], c.y[i]) < 10.f) near.push_back(c.z[i]);
  ASSERT_FALSE(near.empty());
  std::nth_element(near.begin(), near.begin() + static_cast<long>(near.size() / 2), near.end());
  EXPECT_NEAR(near[near.size() / 2], -1.84f, 0.2f);
}

}  // namespace
}  // namespace lidarlabel
