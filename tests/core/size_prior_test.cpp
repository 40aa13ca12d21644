// Class sizes estimated from the data: medians of the boxes' sizes, clamped around the default.
#include "lidarlabel/core/size_prior.h"

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

}  // namespace
}  // namespace lidarlabel
