#include "lidarlabel/core/box_edit.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <numbers>

namespace lidarlabel {
namespace {

constexpr double kPi = std::numbers::pi;

// A car-sized box at yaw 90 degrees: its heading (Forward) is +y, its Left is -x.
Cuboid rotatedBox() {
  Cuboid b;
  b.center = {10.0, 5.0, -0.8};
  b.size = {4.0, 2.0, 1.5};
  b.yaw = kPi / 2;
  return b;
}

TEST(NudgeSteps, PicksTheLengthOfEachStepSize) {
  const NudgeSteps s;
  EXPECT_DOUBLE_EQ(s.metres(StepSize::Fine), 0.02);
  EXPECT_DOUBLE_EQ(s.metres(StepSize::Normal), 0.10);
  EXPECT_DOUBLE_EQ(s.metres(StepSize::Coarse), 0.50);
  EXPECT_NEAR(s.radians(StepSize::Normal), 2.0 * kPi / 180.0, 1e-15);
  EXPECT_NEAR(s.radians(StepSize::Coarse), 10.0 * kPi / 180.0, 1e-15);
}

TEST(NudgePosition, ForwardOnABoxAtYaw90MovesAlongPlusY) {
  const Cuboid b = nudgePosition(rotatedBox(), BoxAxis::Forward, 0.5);
  EXPECT_NEAR(b.center.x(), 10.0, 1e-12);
  EXPECT_NEAR(b.center.y(), 5.5, 1e-12);
  EXPECT_NEAR(b.center.z(), -0.8, 1e-12);
  EXPECT_EQ(b.size, rotatedBox().size);
  EXPECT_EQ(b.yaw, rotatedBox().yaw);
}

TEST(NudgePosition, LeftOnABoxAtYaw90MovesAlongMinusX) {
  const Cuboid b = nudgePosition(rotatedBox(), BoxAxis::Left, 0.25);
  EXPECT_NEAR(b.center.x(), 9.75, 1e-12);
  EXPECT_NEAR(b.center.y(), 5.0, 1e-12);
}

TEST(NudgePosition, UpMovesAlongPlusZ) {
  const Cuboid b = nudgePosition(rotatedBox(), BoxAxis::Up, -0.1);
  EXPECT_NEAR(b.center.z(), -0.9, 1e-12);
  EXPECT_NEAR(b.center.x(), 10.0, 1e-12);
}

TEST(NudgeYaw, TurnsCounterClockwiseAndWrapsAcrossPi) {
  Cuboid b = rotatedBox();
  b.yaw = kPi - 0.05;
  const Cuboid turned = nudgeYaw(b, 0.1);
  EXPECT_NEAR(turned.yaw, -kPi + 0.05, 1e-12);
  EXPECT_EQ(turned.center, b.center);
}

TEST(NudgeSize, GrowsSymmetricallyAboutTheCentre) {
  const Cuboid b = nudgeSize(rotatedBox(), BoxDimension::Width, 0.4);
  EXPECT_NEAR(b.size.y(), 2.4, 1e-12);
  EXPECT_EQ(b.center, rotatedBox().center);
}

TEST(NudgeSize, ClampsAtTheMinimumExtent) {
  const Cuboid b = nudgeSize(rotatedBox(), BoxDimension::Height, -10.0);
  EXPECT_DOUBLE_EQ(b.size.z(), kMinBoxExtent);
}

TEST(DragMove, TranslatesByTheDragKeepingHeight) {
  const Cuboid b = dragMove(rotatedBox(), {1, 1, 0}, {2.5, 0.5, 3});
  EXPECT_NEAR(b.center.x(), 11.5, 1e-12);
  EXPECT_NEAR(b.center.y(), 4.5, 1e-12);
  EXPECT_NEAR(b.center.z(), -0.8, 1e-12);
}

TEST(DragMove, FollowsHeightWhenAsked) {
  const Cuboid b = dragMove(rotatedBox(), {1, 1, 0}, {1, 1, 0.3}, false);
  EXPECT_NEAR(b.center.z(), -0.5, 1e-12);
}

TEST(DragRotate, TurnsByTheAngleSweptAboutTheCentre) {
  const Cuboid start = rotatedBox();
  // From straight ahead of the centre (+x) to its left (+y): a quarter turn counter-clockwise.
  const Cuboid b = dragRotate(start, start.center + Eigen::Vector3d(3, 0, 1),
                              start.center + Eigen::Vector3d(0, 0.5, -2));
  EXPECT_NEAR(b.yaw, wrapAngle(kPi / 2 + kPi / 2), 1e-12);
  EXPECT_EQ(b.center, start.center);
}

TEST(DragRotate, SweepsClockwiseByANegativeAngle) {
  const Cuboid start = rotatedBox();
  const Eigen::Vector3d c = start.center;
  const Cuboid b = dragRotate(start, c + Eigen::Vector3d(1, 1, 0), c + Eigen::Vector3d(1, -1, 0));
  EXPECT_NEAR(b.yaw, kPi / 2 - kPi / 2, 1e-12);
}

TEST(DragRotate, KeepsYawWhenThePointerIsOnTheCentre) {
  const Cuboid start = rotatedBox();
  const Cuboid b = dragRotate(start, start.center, start.center + Eigen::Vector3d(1, 0, 0));
  EXPECT_EQ(b.yaw, start.yaw);
}

TEST(DragFace, FrontKeepsTheBackFaceFixed) {
  const Cuboid start = rotatedBox();
  const Eigen::Vector3d back = faceCenter(start, BoxFace::Back);
  // Dragging 0.7 m along the heading (+y) plus some sideways motion, which is ignored.
  const Cuboid b = dragFace(start, BoxFace::Front, {0, 0, 0}, {0.3, 0.7, 0.2});
  EXPECT_NEAR(b.length(), 4.7, 1e-12);
  EXPECT_NEAR((faceCenter(b, BoxFace::Back) - back).norm(), 0.0, 1e-12);
  EXPECT_NEAR(faceCenter(b, BoxFace::Front).y(), faceCenter(start, BoxFace::Front).y() + 0.7,
              1e-12);
  EXPECT_EQ(b.width(), start.width());
  EXPECT_EQ(b.yaw, start.yaw);
}

TEST(DragFace, RightKeepsTheLeftFaceFixed) {
  const Cuboid start = rotatedBox();
  const Eigen::Vector3d left = faceCenter(start, BoxFace::Left);
  // Right of a box heading +y is +x; drag it 0.5 m inwards.
  const Cuboid b = dragFace(start, BoxFace::Right, {11, 5, 0}, {10.5, 5, 0});
  EXPECT_NEAR(b.width(), 1.5, 1e-12);
  EXPECT_NEAR((faceCenter(b, BoxFace::Left) - left).norm(), 0.0, 1e-12);
}

TEST(DragFace, ClampsAtTheMinimumExtentKeepingTheOppositeFace) {
  const Cuboid start = rotatedBox();
  const Eigen::Vector3d bottom = faceCenter(start, BoxFace::Bottom);
  const Cuboid b = dragFace(start, BoxFace::Top, {0, 0, 1}, {0, 0, -5});
  EXPECT_DOUBLE_EQ(b.height(), kMinBoxExtent);
  EXPECT_NEAR((faceCenter(b, BoxFace::Bottom) - bottom).norm(), 0.0, 1e-12);
}

TEST(FlipHeading, TurnsHalfWayKeepingCentreAndSize) {
  const Cuboid b = flipHeading(rotatedBox());
  EXPECT_NEAR(b.yaw, -kPi / 2, 1e-12);
  EXPECT_EQ(b.center, rotatedBox().center);
  EXPECT_EQ(b.size, rotatedBox().size);
  EXPECT_NEAR(flipHeading(b).yaw, kPi / 2, 1e-12);
}

TEST(FaceNormal, PointsOutwardInTheLidarFrame) {
  const Cuboid b = rotatedBox();
  EXPECT_NEAR((faceNormal(b, BoxFace::Front) - Eigen::Vector3d(0, 1, 0)).norm(), 0, 1e-12);
  EXPECT_NEAR((faceNormal(b, BoxFace::Left) - Eigen::Vector3d(-1, 0, 0)).norm(), 0, 1e-12);
  EXPECT_NEAR((faceNormal(b, BoxFace::Bottom) - Eigen::Vector3d(0, 0, -1)).norm(), 0, 1e-12);
  EXPECT_NEAR((faceCenter(b, BoxFace::Front) - Eigen::Vector3d(10, 7, -0.8)).norm(), 0, 1e-12);
}

TEST(RayBoxDistance, HitsTheNearFaceFromOutside) {
  const Cuboid b = rotatedBox();  // spans x 9..11, y 3..7, z -1.55..-0.05
  const double t = rayBoxDistance(b, {0, 5, -0.8}, {2, 0, 0});
  EXPECT_NEAR(t, 4.5, 1e-12);  // direction not unit: t in its units, x = 9
}

TEST(RayBoxDistance, MissesAPassingRay) {
  const Cuboid b = rotatedBox();
  EXPECT_LT(rayBoxDistance(b, {0, 8, -0.8}, {1, 0, 0}), 0.0);
  EXPECT_LT(rayBoxDistance(b, {0, 5, -0.8}, {-1, 0, 0}), 0.0);  // box behind the origin
  EXPECT_LT(rayBoxDistance(b, {0, 5, -0.8}, {0, 0, 0}), 0.0);   // no direction
}

TEST(RayBoxDistance, FromInsideReturnsTheExitFace) {
  const Cuboid b = rotatedBox();
  const double t = rayBoxDistance(b, {10, 5, -0.8}, {0, 0, 1});
  EXPECT_NEAR(t, 0.75, 1e-12);
}

TEST(RayBoxDistance, HitsADiagonalRayOnARotatedBox) {
  Cuboid b;
  b.size = {2, 2, 2};
  b.yaw = kPi / 4;  // footprint a diamond with corners at distance sqrt(2) on the axes
  const double t = rayBoxDistance(b, {-5, 0, 0}, {1, 0, 0});
  EXPECT_NEAR(t, 5.0 - std::sqrt(2.0), 1e-12);
}

}  // namespace
}  // namespace lidarlabel
