#include "lidarlabel/core/tracking.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include <gtest/gtest.h>

#include "lidarlabel/core/box_iou.h"
#include "tracking_scene.h"

using namespace lidarlabel;
using lidarlabel::test::carAt;
using lidarlabel::test::exactGround;
using lidarlabel::test::object;
using lidarlabel::test::scene;

namespace {
const ObjectAnnotation* findTrack(const std::vector<ObjectAnnotation>& objs, std::uint32_t id) {
  for (const auto& o : objs)
    if (o.trackId == id) return &o;
  return nullptr;
}
bool contains(const std::vector<std::uint32_t>& v, std::uint32_t id) {
  return std::find(v.begin(), v.end(), id) != v.end();
}

// Runs the tracker over frames 1..n of `truth(frame)` (boxes with ids), starting from frame 0's
// truth, and returns the per-frame results.
template <class Truth, class Visible>
std::vector<TrackStepResult> run(int frames, Truth truth, Visible visible,
                                 const std::vector<ObjectAnnotation>& detections = {}) {
  std::vector<TrackStepResult> out;
  TrackerState s = startTracks(truth(0), Eigen::Isometry3d::Identity(), 0.0);
  for (int f = 1; f <= frames; ++f) {
    std::vector<Cuboid> boxes;
    for (const auto& o : truth(f))
      if (visible(f, o.trackId)) boxes.push_back(o.box);
    const PointCloud cloud = scene(boxes);
    const GroundResult ground = exactGround(cloud);
    TrackFrame tf;
    tf.cloud = &cloud;
    tf.ground = &ground;
    tf.time = 0.1 * f;
    tf.detections = detections;
    out.push_back(trackNextFrame(s, tf));
    s = out.back().state;
  }
  return out;
}
auto always = [](int, std::uint32_t) { return true; };
}  // namespace

TEST(Tracking, PropagatesAMovingCarKeepingIdSizeAndAHighIoU) {
  auto truth = [](int f) { return std::vector{object(5, carAt(12 + 1.0 * f, 4, 0.0))}; };
  const auto steps = run(20, truth, always);
  for (int f = 1; f <= 20; ++f) {
    const ObjectAnnotation* o = findTrack(steps[f - 1].objects, 5);
    ASSERT_NE(o, nullptr) << "frame " << f;
    EXPECT_EQ(o->provenance, Provenance::Tracked);
    EXPECT_TRUE(o->box.size.isApprox(truth(f)[0].box.size));
    EXPECT_GT(iou3d(o->box, truth(f)[0].box), 0.7) << "frame " << f;
  }
  EXPECT_NEAR(steps.back().state.tracks[0].filter.velocity().x(), 10.0, 1.0);
}

TEST(Tracking, FollowsATurningCar) {
  // Quarter circle of radius 15 m in 30 frames around (10, 20), heading tangent.
  auto truth = [](int f) {
    const double a = -M_PI / 2 + M_PI / 2 * f / 30.0;
    return std::vector{
        object(1, carAt(10 + 15 * std::cos(a), 20 + 15 * std::sin(a), a + M_PI / 2))};
  };
  const auto steps = run(30, truth, always);
  for (int f = 1; f <= 30; ++f) {
    const ObjectAnnotation* o = findTrack(steps[f - 1].objects, 1);
    ASSERT_NE(o, nullptr) << "frame " << f;
    EXPECT_GT(iou3d(o->box, truth(f)[0].box), 0.6) << "frame " << f;
    EXPECT_LT(std::abs(angleDiff(o->box.yaw, truth(f)[0].box.yaw)), 0.1) << "frame " << f;
  }
}

TEST(Tracking, CompensatesEgoMotionWithWorldFramePoses) {
  // A parked car at world (30, 3); the ego drives +x at 1 m per frame. Without the poses the
  // car would seem to move at -10 m/s.
  TrackerState s = startTracks({object(1, carAt(30, 3, 0.2))}, Eigen::Isometry3d::Identity(), 0);
  for (int f = 1; f <= 10; ++f) {
    Eigen::Isometry3d pose = Eigen::Isometry3d::Identity();
    pose.translation() = Eigen::Vector3d(1.0 * f, 0, 0);
    const Cuboid inLidar = carAt(30 - 1.0 * f, 3, 0.2);
    const PointCloud cloud = scene({inLidar});
    const GroundResult ground = exactGround(cloud);
    TrackFrame tf{&cloud, &ground, pose, 0.1 * f, {}};
    const TrackStepResult r = trackNextFrame(s, tf);
    s = r.state;
    ASSERT_EQ(r.objects.size(), 1u);
    EXPECT_GT(iou3d(r.objects[0].box, inLidar), 0.7) << "frame " << f;
  }
  EXPECT_LT(s.tracks[0].filter.velocity().head<2>().norm(), 0.5);
}

TEST(Tracking, TrackThatLeavesTheFieldOfViewAndComesBackKeepsItsId) {
  auto truth = [](int f) { return std::vector{object(3, carAt(10, 5 + 0.8 * f, M_PI / 2))}; };
  auto visible = [](int f, std::uint32_t) { return f < 6 || f > 10; };  // gone in frames 6..10
  const auto steps = run(16, truth, visible);
  for (int f = 6; f <= 10; ++f) {
    EXPECT_EQ(findTrack(steps[f - 1].objects, 3), nullptr) << "frame " << f;
    EXPECT_TRUE(contains(steps[f - 1].lostTracks, 3)) << "frame " << f;
  }
  for (int f = 11; f <= 16; ++f) {
    const ObjectAnnotation* o = findTrack(steps[f - 1].objects, 3);
    ASSERT_NE(o, nullptr) << "frame " << f;
    EXPECT_GT(iou3d(o->box, truth(f)[0].box), 0.6) << "frame " << f;
    EXPECT_TRUE(steps[f - 1].newTracks.empty());
  }
}

TEST(Tracking, TwoCarsPassingEachOtherKeepTheirIds) {
  // Opposite directions in adjacent lanes 3.5 m apart (1.6 m gap between the sides), passing at
  // frame 10.
  auto truth = [](int f) {
    return std::vector{object(1, carAt(10 + 1.2 * f, 6.0, 0.0)),
                       object(2, carAt(34 - 1.2 * f, 9.5, M_PI))};
  };
  const auto steps = run(20, truth, always);
  for (int f = 1; f <= 20; ++f) {
    for (std::uint32_t id : {1u, 2u}) {
      const ObjectAnnotation* o = findTrack(steps[f - 1].objects, id);
      ASSERT_NE(o, nullptr) << "frame " << f << " id " << id;
      EXPECT_GT(iou3d(o->box, truth(f)[id - 1].box), 0.6) << "frame " << f << " id " << id;
    }
  }
}

TEST(Tracking, UnmatchedDetectionStartsANewTrack) {
  auto truth = [](int f) { return std::vector{object(4, carAt(15 + 0.5 * f, -5, 0.0))}; };
  const std::vector<ObjectAnnotation> dets = {object(0, carAt(15.5, -5, 0.0)),
                                              object(0, carAt(-20, 10, 1.0))};
  const auto steps = run(1, truth, always, dets);
  ASSERT_EQ(steps[0].newTracks.size(), 1u);
  EXPECT_EQ(steps[0].newTracks[0], 5u) << "ids continue after the largest given one";
  const ObjectAnnotation* o = findTrack(steps[0].objects, 5);
  ASSERT_NE(o, nullptr);
  EXPECT_EQ(o->provenance, Provenance::Automatic);
  EXPECT_NEAR(o->box.center.x(), -20.0, 1e-9);
}

TEST(Tracking, TwoOverlappingTracksAreReportedAmbiguous) {
  TrackerState s = startTracks({object(1, carAt(10, 0, 0)), object(2, carAt(10.5, 0.2, 0))},
                               Eigen::Isometry3d::Identity(), 0);
  const PointCloud cloud = scene({carAt(10.2, 0.1, 0)});
  const GroundResult ground = exactGround(cloud);
  const TrackStepResult r =
      trackNextFrame(s, {&cloud, &ground, Eigen::Isometry3d::Identity(), 0.1, {}});
  EXPECT_TRUE(contains(r.ambiguousTracks, 1));
  EXPECT_TRUE(contains(r.ambiguousTracks, 2));
}

TEST(Tracking, TrackIsRemovedAfterCoastingTooLong) {
  TrackerConfig c;
  c.maxCoastFrames = 3;
  TrackerState s = startTracks({object(1, carAt(10, 0, 0))}, Eigen::Isometry3d::Identity(), 0, c);
  const PointCloud empty;
  std::vector<std::uint32_t> removedAt;
  for (int f = 1; f <= 5; ++f) {
    const TrackStepResult r =
        trackNextFrame(s, {&empty, nullptr, Eigen::Isometry3d::Identity(), 0.1 * f, {}}, c);
    s = r.state;
    if (contains(r.removedTracks, 1)) removedAt.push_back(static_cast<std::uint32_t>(f));
  }
  EXPECT_EQ(removedAt, (std::vector<std::uint32_t>{4}));
  EXPECT_TRUE(s.tracks.empty());
}

TEST(Tracking, EmptyCloudReportsEveryTrackLost) {
  TrackerState s = startTracks({object(1, carAt(10, 0, 0)), object(2, carAt(20, 0, 0))},
                               Eigen::Isometry3d::Identity(), 0);
  const PointCloud empty;
  const TrackStepResult r =
      trackNextFrame(s, {&empty, nullptr, Eigen::Isometry3d::Identity(), 0.1, {}});
  EXPECT_TRUE(r.objects.empty());
  EXPECT_EQ(r.lostTracks, (std::vector<std::uint32_t>{1, 2}));
}

TEST(Tracking, AllNaNCloudReportsEveryTrackLost) {
  TrackerState s = startTracks({object(1, carAt(10, 0, 0))}, Eigen::Isometry3d::Identity(), 0);
  PointCloud nan;
  const float q = std::numeric_limits<float>::quiet_NaN();
  for (int i = 0; i < 1000; ++i) nan.push(q, q, q, 0.f);
  const TrackStepResult r =
      trackNextFrame(s, {&nan, nullptr, Eigen::Isometry3d::Identity(), 0.1, {}});
  EXPECT_TRUE(r.objects.empty());
  EXPECT_EQ(r.lostTracks, (std::vector<std::uint32_t>{1}));
}

TEST(Tracking, RefitMovesABoxOntoItsPointsKeepingTheSize) {
  const Cuboid truth = carAt(14, -3, 0.3);
  const PointCloud cloud = scene({truth});
  const GroundResult ground = exactGround(cloud);
  Cuboid guess = truth;
  guess.center += Eigen::Vector3d(0.6, -0.4, 0);
  guess.yaw += 0.15;
  const FitResult r = refitBox(guess, cloud, &ground);
  ASSERT_TRUE(r.ok);
  EXPECT_TRUE(r.box.size.isApprox(truth.size));
  EXPECT_GT(iou3d(r.box, truth), 0.85);
}

namespace {
// A parked car whose points lie 0.3 m to the left of the box a person drew (the re-fit would
// pull the box onto them), tracked over `frames` identical sweeps; calibrated or not.
Cuboid trackParkedWithOffsetPoints(bool calibrate, int frames, TrackerState* start = nullptr) {
  const Cuboid drawn = carAt(14, -3, 0.3);
  Cuboid seen = drawn;
  seen.center += drawn.rotation() * Eigen::Vector3d(0, 0.3, 0);
  const PointCloud cloud = scene({seen});
  const GroundResult ground = exactGround(cloud);
  TrackerState state = startTracks({object(1, drawn)}, Eigen::Isometry3d::Identity(), 0.0);
  if (calibrate) calibrateTracks(state, cloud, &ground, Eigen::Isometry3d::Identity());
  if (start != nullptr) *start = state;
  Cuboid last = drawn;
  for (int f = 1; f <= frames; ++f) {
    TrackFrame tf;
    tf.cloud = &cloud;
    tf.ground = &ground;
    tf.time = 0.1 * f;
    TrackStepResult step = trackNextFrame(state, tf);
    state = step.state;
    if (!step.objects.empty()) last = step.objects.front().box;
  }
  return last;
}
}  // namespace

TEST(Tracking, CalibrationMeasuresTheRefitsOffsetInTheBoxsAxes) {
  TrackerState state;
  trackParkedWithOffsetPoints(true, 0, &state);
  ASSERT_EQ(state.tracks.size(), 1u);
  EXPECT_NEAR(state.tracks[0].fitBias(0), 0.0, 0.05);  // forward
  EXPECT_NEAR(state.tracks[0].fitBias(1), 0.3, 0.05);  // left
  EXPECT_NEAR(state.tracks[0].fitBias(3), 0.0, 0.02);  // yaw
}

TEST(Tracking, CalibratedTrackKeepsThePersonsBoxOnAParkedCar) {
  const Cuboid drawn = carAt(14, -3, 0.3);
  const Cuboid uncalibrated = trackParkedWithOffsetPoints(false, 5);
  const Cuboid calibrated = trackParkedWithOffsetPoints(true, 5);
  EXPECT_GT((uncalibrated.center - drawn.center).head<2>().norm(), 0.15);
  EXPECT_LT((calibrated.center - drawn.center).head<2>().norm(), 0.05);
}

TEST(Tracking, CalibrationLeavesNoBiasWhenTheRefitLandsFarAway) {
  Cuboid drawn = carAt(14, -3, 0.3);
  const PointCloud cloud = scene({carAt(14.8, -3, 0.3)});  // 0.8 m ahead: something else
  const GroundResult ground = exactGround(cloud);
  TrackerState state = startTracks({object(1, drawn)}, Eigen::Isometry3d::Identity(), 0.0);
  calibrateTracks(state, cloud, &ground, Eigen::Isometry3d::Identity());
  EXPECT_TRUE(state.tracks[0].fitBias.isZero());
}
