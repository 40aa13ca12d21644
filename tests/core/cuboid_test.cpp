#include "lidarlabel/core/cuboid.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <numbers>

namespace lidarlabel {
namespace {

constexpr double kPi = std::numbers::pi;

TEST(Cuboid, HeadingFollowsYawCounterClockwiseFromX) {
  Cuboid c;
  c.yaw = kPi / 2;
  EXPECT_NEAR(c.heading().x(), 0.0, 1e-12);
  EXPECT_NEAR(c.heading().y(), 1.0, 1e-12);
}

TEST(Cuboid, CornersSpanLengthAlongHeadingAndHeightAlongZ) {
  Cuboid c;
  c.center = {10, 5, -1};
  c.size = {4, 2, 1.5};
  c.yaw = kPi / 2;  // length now along +y
  const auto k = c.corners();
  // Corner 0 = front-left-bottom: +l/2 along heading (+y), +w/2 to the left (-x), -h/2.
  EXPECT_NEAR(k[0].x(), 10 - 1, 1e-9);
  EXPECT_NEAR(k[0].y(), 5 + 2, 1e-9);
  EXPECT_NEAR(k[0].z(), -1 - 0.75, 1e-9);
  EXPECT_NEAR(k[4].z(), -1 + 0.75, 1e-9);
}

TEST(Cuboid, ContainsCountsPointsOnFacesAsInside) {
  Cuboid c;
  c.size = {4, 2, 2};
  EXPECT_TRUE(c.contains({2, 0, 0}));
  EXPECT_TRUE(c.contains({0, 1, 1}));
  EXPECT_FALSE(c.contains({2.0001, 0, 0}));
}

TEST(Cuboid, ContainsHonoursRotationAndMargin) {
  Cuboid c;
  c.size = {4, 1, 1};
  c.yaw = kPi / 2;
  EXPECT_TRUE(c.contains({0, 1.9, 0}));
  EXPECT_FALSE(c.contains({1.9, 0, 0}));
  EXPECT_TRUE(c.contains({0.7, 0, 0}, 0.25));
}

TEST(Cuboid, PitchTiltsTheHeadingOutOfThePlane) {
  Cuboid c;
  c.pitch = -kPi / 2;  // nose up: Ry(-90deg) maps +x to +z
  EXPECT_TRUE(c.is9Dof());
  EXPECT_NEAR(c.heading().z(), 1.0, 1e-12);
}

TEST(WrapAngle, MapsIntoHalfOpenMinusPiToPi) {
  EXPECT_NEAR(wrapAngle(3 * kPi / 2), -kPi / 2, 1e-12);
  EXPECT_NEAR(wrapAngle(-3 * kPi / 2), kPi / 2, 1e-12);
  EXPECT_NEAR(wrapAngle(kPi), -kPi, 1e-12);
  EXPECT_NEAR(wrapAngle(0.25), 0.25, 1e-15);
}

TEST(AngleDiff, TakesTheShortWayAcrossPi) {
  EXPECT_NEAR(angleDiff(kPi - 0.1, -kPi + 0.1), -0.2, 1e-12);
  EXPECT_NEAR(angleDiff(-kPi + 0.1, kPi - 0.1), 0.2, 1e-12);
}

}  // namespace
}  // namespace lidarlabel
