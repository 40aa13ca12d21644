// A track's size from its detections (TrackerConfig::sizeFromDetections): a parked car whose
// start box fell short takes the length its later detections show.
#include <cmath>
#include <numbers>

#include <gtest/gtest.h>

#include "lidarlabel/core/tracking.h"
#include "tracking_scene.h"

using namespace lidarlabel;
using lidarlabel::test::carAt;
using lidarlabel::test::exactGround;
using lidarlabel::test::object;
using lidarlabel::test::scene;

namespace {
const Cuboid kCar = carAt(14, 5, 0.0, {4.6, 1.9, 1.5});

// A detection on kCar: its box as given, with a confidence.
ObjectAnnotation detection(const Cuboid& box, float confidence, const char* cls = "car") {
  ObjectAnnotation o = object(0, box, cls);
  o.confidence = confidence;
  return o;
}

// The size of track 1 after `frames` sweeps of kCar, started from a box 1 m too short (a
// partial first view, confidence 0.3), each sweep bringing `seen` as its detection.
Eigen::Vector3d sizeAfter(int frames, const ObjectAnnotation& seen, bool fromDetections = true) {
  ObjectAnnotation start = detection(carAt(13.5, 5, 0.0, {3.6, 1.9, 1.5}), 0.3f);
  start.trackId = 1;
  TrackerConfig config;
  config.sizeFromDetections = fromDetections;
  TrackerState s = startTracks({start}, Eigen::Isometry3d::Identity(), 0.0, config);
  const PointCloud cloud = scene({kCar});
  const GroundResult ground = exactGround(cloud);
  for (int f = 1; f <= frames; ++f) {
    TrackFrame tf;
    tf.cloud = &cloud;
    tf.ground = &ground;
    tf.time = 0.1 * f;
    tf.detections = {seen};
    s = trackNextFrame(s, tf, config).state;
  }
  EXPECT_EQ(s.tracks.size(), 1u);
  return s.tracks.empty() ? Eigen::Vector3d::Zero() : s.tracks.front().size;
}
}  // namespace

TEST(TrackSize, ATrackTakesTheLengthItsWellSeenDetectionsShow) {
  const Eigen::Vector3d size = sizeAfter(4, detection(kCar, 0.9f));
  EXPECT_NEAR(size.x(), 4.6, 1e-9);
  EXPECT_NEAR(size.y(), 1.9, 1e-9);
}

TEST(TrackSize, WithoutSizeFromDetectionsTheStartBoxsSizeStays) {
  const Eigen::Vector3d size = sizeAfter(4, detection(kCar, 0.9f), false);
  EXPECT_NEAR(size.x(), 3.6, 1e-9);
}

TEST(TrackSize, ADetectionTurnedAcrossTheTrackLeavesItsSizeAlone) {
  Cuboid across = kCar;
  across.yaw = std::numbers::pi / 2;  // the width taken for the length: its sides swapped
  const Eigen::Vector3d size = sizeAfter(4, detection(across, 0.9f));
  EXPECT_NEAR(size.x(), 3.6, 1e-9);
}

TEST(TrackSize, ADetectionPointingBackwardsStillCounts) {
  Cuboid back = kCar;
  back.yaw = std::numbers::pi;  // front and back swapped: the same sides
  const Eigen::Vector3d size = sizeAfter(4, detection(back, 0.9f));
  EXPECT_NEAR(size.x(), 4.6, 1e-9);
}

TEST(TrackSize, ADetectionOfAnotherClassLeavesItsSizeAlone) {
  const Eigen::Vector3d size = sizeAfter(4, detection(kCar, 0.9f, "van"));
  EXPECT_NEAR(size.x(), 3.6, 1e-9);
}
