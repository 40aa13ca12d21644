#include "lidarlabel/core/box_iou.h"

#include <cmath>
#include <numbers>

#include <gtest/gtest.h>

using lidarlabel::Cuboid;

namespace {
Cuboid box(double x, double y, double z, double l, double w, double h, double yaw = 0.0) {
  Cuboid b;
  b.center = {x, y, z};
  b.size = {l, w, h};
  b.yaw = yaw;
  return b;
}
constexpr double kPi = std::numbers::pi;
}  // namespace

TEST(BoxIoU, IdenticalBoxesHaveIoUOne) {
  const Cuboid a = box(3, -2, 0.5, 4.2, 1.8, 1.5, 0.7);
  EXPECT_NEAR(lidarlabel::bevIoU(a, a), 1.0, 1e-12);
  EXPECT_NEAR(lidarlabel::iou3d(a, a), 1.0, 1e-12);
}

TEST(BoxIoU, HalfShiftedSquaresOverlapOneThird) {
  // 2x2 squares shifted by 1 m: intersection 2, union 6.
  EXPECT_NEAR(lidarlabel::bevIoU(box(0, 0, 0, 2, 2, 1), box(1, 0, 0, 2, 2, 1)), 1.0 / 3.0, 1e-12);
}

TEST(BoxIoU, SquareRotatedFortyFiveDegreesOverItselfKnownArea) {
  // Unit-half-size square and the same rotated by 45 deg: intersection is a regular octagon of
  // area 8 (sqrt(2) - 1) for a 2x2 square.
  const double inter = 8.0 * (std::sqrt(2.0) - 1.0);
  const double iou = inter / (8.0 - inter);
  EXPECT_NEAR(lidarlabel::bevIntersection(box(0, 0, 0, 2, 2, 1), box(0, 0, 0, 2, 2, 1, kPi / 4)),
              inter, 1e-12);
  EXPECT_NEAR(lidarlabel::bevIoU(box(0, 0, 0, 2, 2, 1), box(0, 0, 0, 2, 2, 1, kPi / 4)), iou,
              1e-12);
}

TEST(BoxIoU, ThreeDIoUMultipliesByHeightOverlap) {
  // Same footprint, heights [0,2] and [1,3]: intersection 4*1, union 8+8-4.
  EXPECT_NEAR(lidarlabel::iou3d(box(0, 0, 1, 2, 2, 2), box(0, 0, 2, 2, 2, 2)), 4.0 / 12.0, 1e-12);
}

TEST(BoxIoU, DisjointBoxesHaveZeroIoU) {
  EXPECT_EQ(lidarlabel::bevIoU(box(0, 0, 0, 2, 2, 1), box(5, 0, 0, 2, 2, 1)), 0.0);
  EXPECT_EQ(lidarlabel::iou3d(box(0, 0, 0, 2, 2, 1), box(0, 0, 5, 2, 2, 1)), 0.0);
}

TEST(BoxIoU, TouchingFacesHaveZeroIoU) {
  EXPECT_NEAR(lidarlabel::bevIoU(box(0, 0, 0, 2, 2, 1), box(2, 0, 0, 2, 2, 1)), 0.0, 1e-12);
}

TEST(BoxIoU, YawWrappingAtPiGivesTheSameFootprint) {
  const Cuboid a = box(1, 1, 0, 4, 2, 1.5, kPi - 1e-9);
  const Cuboid b = box(1, 1, 0, 4, 2, 1.5, -kPi + 1e-9);
  EXPECT_NEAR(lidarlabel::bevIoU(a, b), 1.0, 1e-6);
}

TEST(BoxIoU, HeadingFlipDoesNotChangeIoU) {
  EXPECT_NEAR(lidarlabel::bevIoU(box(0, 0, 0, 4, 2, 1, 0.3), box(0, 0, 0, 4, 2, 1, 0.3 + kPi)), 1.0,
              1e-9);
}

TEST(BoxIoU, BoxOfZeroSizeHasZeroIoU) {
  const Cuboid zero = box(0, 0, 0, 0, 0, 0);
  EXPECT_EQ(lidarlabel::bevIoU(zero, zero), 0.0);
  EXPECT_EQ(lidarlabel::iou3d(zero, box(0, 0, 0, 2, 2, 2)), 0.0);
}

TEST(BoxIoU, ContainedBoxIoUIsVolumeRatio) {
  EXPECT_NEAR(lidarlabel::iou3d(box(0, 0, 0, 4, 4, 4), box(0.5, 0.5, 0.5, 2, 2, 2, 0.4)),
              8.0 / 64.0, 1e-12);
}

TEST(BoxIoU, PolygonAreaIsPositiveForCounterClockwiseCorners) {
  const auto c = lidarlabel::bevCorners(box(0, 0, 0, 4, 2, 1, 1.0));
  EXPECT_NEAR(lidarlabel::polygonArea({c.begin(), c.end()}), 8.0, 1e-12);
}
