// Class sizes estimated from the data: medians of the boxes' sizes, clamped around the default;
// one object's size from its views; resizing a box where the sensor cannot see.
#include "lidarlabel/core/size_prior.h"

#include <numbers>

#include <gtest/gtest.h>

namespace lidarlabel {
namespace {

const Eigen::Vector3d kCar{4.5, 1.9, 1.6};

TEST(SizePrior, TheEstimateIsTheMedianOfEachDimension) {
  const std::vector<Eigen::Vector3d> seen = {
      {4.1, 1.7, 1.5}, {3.8, 1.6, 1.4}, {4.0, 1.8, 1.5}, {4.3, 1.65, 1.6}, {3.9, 1.7, 1.45}};
  const auto size = estimateSize(seen, kCar, {.minSamples = 5});
  ASSERT_TRUE(size.has_value());
  EXPECT_TRUE(size->isApprox(Eigen::Vector3d(4.0, 1.7, 1.5), 1e-12)) << size->transpose();
}

TEST(SizePrior, AnEvenCountTakesTheMeanOfTheTwoMiddleValues) {
  const std::vector<Eigen::Vector3d> seen = {{4.0, 1.6, 1.4}, {4.2, 1.8, 1.6}};
  const auto size = estimateSize(seen, kCar, {.minSamples = 2});
  ASSERT_TRUE(size.has_value());
  EXPECT_TRUE(size->isApprox(Eigen::Vector3d(4.1, 1.7, 1.5), 1e-12)) << size->transpose();
}

TEST(SizePrior, TooFewSamplesGiveNoEstimate) {
  EXPECT_FALSE(estimateSize({{4.0, 1.7, 1.5}, {4.0, 1.7, 1.5}}, kCar, {.minSamples = 3}));
  EXPECT_FALSE(estimateSize({}, kCar, {.minSamples = 0}));
}

TEST(SizePrior, AnEstimateStaysWithinTheRatioOfTheDefault) {
  // Boxes given the wrong class: 9 m long, 0.5 m wide.
  const std::vector<Eigen::Vector3d> seen(6, Eigen::Vector3d(9.0, 0.5, 1.6));
  const auto size = estimateSize(seen, kCar, {.minSamples = 5, .maxRatio = 1.25});
  ASSERT_TRUE(size.has_value());
  EXPECT_NEAR(size->x(), 4.5 * 1.25, 1e-12);
  EXPECT_NEAR(size->y(), 1.9 / 1.25, 1e-12);
  EXPECT_NEAR(size->z(), 1.6, 1e-12);
}

TEST(SizePrior, TheWeightedQuantileTakesTheValueWhereTheCumulativeWeightReachesIt) {
  // Lengths 3.6 (weight 1), 4.2 (weight 2), 4.6 (weight 1): total 4.
  const std::vector<SizeSample> views = {
      {{4.2, 1.8, 1.5}, 2.0}, {{3.6, 1.7, 1.4}, 1.0}, {{4.6, 1.9, 1.6}, 1.0}};
  const auto median = weightedQuantileSize(views, 0.5);
  ASSERT_TRUE(median.has_value());
  EXPECT_TRUE(median->isApprox(Eigen::Vector3d(4.2, 1.8, 1.5), 1e-12)) << median->transpose();
  const auto high = weightedQuantileSize(views, 0.9);
  ASSERT_TRUE(high.has_value());
  EXPECT_TRUE(high->isApprox(Eigen::Vector3d(4.6, 1.9, 1.6), 1e-12)) << high->transpose();
}

TEST(SizePrior, AHeavyViewOutvotesLightOnesInTheQuantile) {
  const std::vector<SizeSample> views = {
      {{4.4, 1.8, 1.5}, 9.0}, {{5.9, 2.4, 1.5}, 0.5}, {{3.1, 1.6, 1.5}, 0.5}};
  const auto size = weightedQuantileSize(views, 0.9);
  ASSERT_TRUE(size.has_value());
  EXPECT_NEAR(size->x(), 4.4, 1e-12);
  EXPECT_NEAR(size->y(), 1.8, 1e-12);
}

TEST(SizePrior, NoViewsOrNoPositiveWeightGiveNoQuantile) {
  EXPECT_FALSE(weightedQuantileSize({}, 0.5));
  EXPECT_FALSE(weightedQuantileSize({{{4.0, 1.7, 1.5}, 0.0}, {{4.2, 1.8, 1.5}, -1.0}}, 0.5));
}

TEST(SizePrior, ResizingKeepsTheFacesTheSensorSeesAndTheBottom) {
  // A car ahead of the sensor (at the origin), turned by 90 deg: its -x side (box axis y, the
  // right side) faces the sensor along the box's width; its length runs across the ray.
  Cuboid box;
  box.center = {20.0, 0.0, -1.0};
  box.size = {3.6, 1.7, 1.4};
  box.yaw = std::numbers::pi / 2;
  const Cuboid r = resizeKeepingSeenFaces(box, {4.4, 1.9, 1.6}, Eigen::Vector3d::Zero());
  EXPECT_TRUE(r.size.isApprox(Eigen::Vector3d(4.4, 1.9, 1.6)));
  EXPECT_NEAR(r.center.x() - r.size.y() / 2, box.center.x() - box.size.y() / 2, 1e-9)
      << "the near side stays";
  EXPECT_NEAR(r.center.y(), 0.0, 1e-9) << "the sensor lies between its ends: centred";
  EXPECT_NEAR(r.center.z() - r.size.z() / 2, box.center.z() - box.size.z() / 2, 1e-9)
      << "the bottom stays";
  EXPECT_DOUBLE_EQ(r.yaw, box.yaw);
}

TEST(SizePrior, ResizingAnObliquelySeenBoxKeepsItsNearCorner) {
  Cuboid box;
  box.center = {10.0, 6.0, -1.0};
  box.size = {3.8, 1.7, 1.5};
  const Cuboid r = resizeKeepingSeenFaces(box, {4.6, 2.0, 1.5}, Eigen::Vector3d::Zero());
  EXPECT_NEAR(r.center.x() - r.size.x() / 2, box.center.x() - box.size.x() / 2, 1e-9);
  EXPECT_NEAR(r.center.y() - r.size.y() / 2, box.center.y() - box.size.y() / 2, 1e-9);
}

}  // namespace
}  // namespace lidarlabel
