#include "lidarlabel/core/interpolation.h"

#include <cmath>
#include <numbers>

#include <gtest/gtest.h>

using namespace lidarlabel;

namespace {
constexpr double kPi = std::numbers::pi;

ObjectAnnotation manual(std::uint32_t id, const Eigen::Vector3d& c, double yaw) {
  ObjectAnnotation o;
  o.trackId = id;
  o.className = "car";
  o.box.center = c;
  o.box.size = {4, 2, 1.5};
  o.box.yaw = yaw;
  return o;
}

Sequence frames(std::size_t n) {
  Sequence s;
  s.frames.resize(n);
  return s;
}
}  // namespace

TEST(Interpolation, MidpointIsHalfwayInPositionSizeAndYaw) {
  Cuboid a, b;
  a.center = {0, 0, 0};
  b.center = {10, 4, 2};
  a.size = {4, 2, 1};
  b.size = {6, 2, 3};
  a.yaw = 0.2;
  b.yaw = 0.6;
  const Cuboid m = interpolateBox(a, b, 0.5);
  EXPECT_TRUE(m.center.isApprox(Eigen::Vector3d(5, 2, 1)));
  EXPECT_TRUE(m.size.isApprox(Eigen::Vector3d(5, 2, 2)));
  EXPECT_NEAR(m.yaw, 0.4, 1e-12);
}

TEST(Interpolation, YawAcrossPiTakesTheShortestArc) {
  Cuboid a, b;
  a.yaw = kPi - 0.1;
  b.yaw = -kPi + 0.1;
  const double mid = interpolateBox(a, b, 0.5).yaw;
  EXPECT_NEAR(std::abs(angleDiff(mid, kPi)), 0.0, 1e-12);
  EXPECT_NEAR(angleDiff(interpolateBox(a, b, 0.25).yaw, kPi - 0.05), 0.0, 1e-12);
}

TEST(Interpolation, FillsEveryFrameBetweenKeyframesWithInterpolatedProvenance) {
  Sequence s = frames(5);
  s.frames[0].objects.push_back(manual(7, {0, 0, 0}, 0));
  s.frames[4].objects.push_back(manual(7, {8, 0, 0}, 0));
  const auto boxes = interpolateTrack(s, 7);
  ASSERT_EQ(boxes.size(), 3u);
  for (std::size_t k = 0; k < 3; ++k) {
    EXPECT_EQ(boxes[k].frame, k + 1);
    EXPECT_EQ(boxes[k].object.provenance, Provenance::Interpolated);
    EXPECT_NEAR(boxes[k].object.box.center.x(), 2.0 * (k + 1), 1e-12);
  }
}

TEST(Interpolation, WorksInTheWorldFrameWhenTheEgoMoves) {
  // A parked car at world x = 20; the ego drives +x at 2 m per frame. In each LiDAR frame the car
  // is at 20 - 2 f; interpolation in the world must reproduce exactly that.
  Sequence s = frames(5);
  for (std::size_t f = 0; f < 5; ++f) {
    Eigen::Isometry3d pose = Eigen::Isometry3d::Identity();
    pose.translation() = Eigen::Vector3d(2.0 * f, 0, 0);
    s.frames[f].info.egoPose = pose;
  }
  s.frames[0].objects.push_back(manual(1, {20, 0, 0}, 0));
  s.frames[4].objects.push_back(manual(1, {12, 0, 0}, 0));
  for (const Keyframe& k : interpolateTrack(s, 1))
    EXPECT_NEAR(k.object.box.center.x(), 20.0 - 2.0 * k.frame, 1e-9);
}

TEST(Interpolation, EgoRotationIsRemovedFromYaw) {
  // The ego turns 90 deg; a world-fixed box at yaw 0 appears at yaw -90 deg in the last frame.
  Sequence s = frames(3);
  for (std::size_t f = 0; f < 3; ++f)
    s.frames[f].info.egoPose =
        Eigen::Isometry3d(Eigen::AngleAxisd(kPi / 4 * f, Eigen::Vector3d::UnitZ()));
  s.frames[0].objects.push_back(manual(1, {10, 0, 0}, 0));
  s.frames[2].objects.push_back(manual(1, {0, -10, 0}, -kPi / 2));
  const auto boxes = interpolateTrack(s, 1, {.spline = false});
  ASSERT_EQ(boxes.size(), 1u);
  EXPECT_NEAR(boxes[0].object.box.yaw, -kPi / 4, 1e-9);
  EXPECT_TRUE(boxes[0].object.box.center.isApprox(
      Eigen::Vector3d(10 * std::cos(kPi / 4), -10 * std::sin(kPi / 4), 0), 1e-9));
}

TEST(Interpolation, UsesTimestampsWhenFramesAreUnevenlySpaced) {
  Sequence s = frames(3);
  s.frames[0].info.timestampUs = 1'000'000;
  s.frames[1].info.timestampUs = 1'300'000;  // 30 % of the way
  s.frames[2].info.timestampUs = 2'000'000;
  s.frames[0].objects.push_back(manual(1, {0, 0, 0}, 0));
  s.frames[2].objects.push_back(manual(1, {10, 0, 0}, 0));
  EXPECT_NEAR(interpolateTrack(s, 1)[0].object.box.center.x(), 3.0, 1e-9);
}

TEST(Interpolation, SplineFollowsACircularPathBetterThanLines) {
  // Keys on a circle of radius 10 every 30 deg; the midpoint of the middle pair at 45 deg.
  Sequence s = frames(7);
  for (std::size_t f : {0u, 2u, 4u, 6u}) {
    const double a = kPi / 12 * f;
    s.frames[f].objects.push_back(manual(1, {10 * std::cos(a), 10 * std::sin(a), 0}, a + kPi / 2));
  }
  const auto lin = interpolateTrack(s, 1, {.spline = false});
  const auto spl = interpolateTrack(s, 1, {.spline = true});
  ASSERT_EQ(spl.size(), 3u);
  // frame 3 is at 45 deg.
  const double rLin = lin[1].object.box.center.head<2>().norm();
  const double rSpl = spl[1].object.box.center.head<2>().norm();
  EXPECT_LT(std::abs(rSpl - 10.0), std::abs(rLin - 10.0));
  EXPECT_NEAR(rSpl, 10.0, 0.05);
}

TEST(Interpolation, NeverOverwritesManualBoxesButReplacesToolBoxes) {
  Sequence s = frames(4);
  s.frames[0].objects.push_back(manual(1, {0, 0, 0}, 0));
  s.frames[3].objects.push_back(manual(1, {3, 0, 0}, 0));
  ObjectAnnotation tracked = manual(1, {9, 9, 9}, 0);
  tracked.provenance = Provenance::Tracked;
  s.frames[1].objects.push_back(tracked);
  s.frames[2].objects.push_back(manual(1, {5, 5, 5}, 0));  // a manual key in between
  const Sequence out = withInterpolatedTrack(s, 1, {.spline = false});
  EXPECT_NEAR(out.frames[1].objects[0].box.center.x(), 2.5, 1e-9) << "key 0 -> key at frame 2";
  EXPECT_EQ(out.frames[2].objects[0].box.center.x(), 5.0);
}

TEST(Interpolation, SingleKeyframeProducesNothing) {
  Sequence s = frames(3);
  s.frames[1].objects.push_back(manual(1, {0, 0, 0}, 0));
  EXPECT_TRUE(interpolateTrack(s, 1).empty());
}
