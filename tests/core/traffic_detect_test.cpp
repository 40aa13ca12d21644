// The side of the road traffic keeps to, from the pre-labels' oncoming tracks.
#include "lidarlabel/core/traffic_detect.h"

#include <gtest/gtest.h>

#include "lidarlabel/io/ontology_io.h"

namespace lidarlabel {
namespace {

// Ten frames 0.1 s apart; the ego vehicle drives along world +x at 10 m/s. Each track: a car
// at world (x0 + vx t, y), its box in the LiDAR frame of each sweep.
struct Road {
  struct Car {
    double x0, y, vx;
    const char* cls = "car";
  };
  std::vector<Car> cars;
  Sequence sequence() const {
    Sequence s;
    for (int f = 0; f < 10; ++f) {
      const double t = 0.1 * f;
      Frame frame;
      frame.info.timestampUs = static_cast<std::int64_t>(1'000'000 + t * 1e6);
      Eigen::Isometry3d pose = Eigen::Isometry3d::Identity();
      pose.translation() = Eigen::Vector3d(10.0 * t, 0.0, 0.0);
      frame.info.egoPose = pose;
      std::uint32_t id = 1;
      for (const Car& c : cars) {
        ObjectAnnotation o;
        o.trackId = id++;
        o.className = c.cls;
        o.box.center = pose.inverse() * Eigen::Vector3d(c.x0 + c.vx * t, c.y, -1.0);
        o.box.size = {4.5, 1.9, 1.6};
        frame.objects.push_back(o);
      }
      s.frames.push_back(frame);
    }
    return s;
  }
};

TEST(TrafficDetect, OncomingCarsPassingOnTheLeftMeanRightHandTraffic) {
  const Road road{{{20, 3.5, -12}, {30, 3.2, -10}, {15, 4.0, -9}}};
  const TrafficVotes v = trafficFromTracks(road.sequence(), defaultOntology());
  EXPECT_EQ(v.right, 3u);
  EXPECT_EQ(v.left, 0u);
  ASSERT_TRUE(v.side.has_value());
  EXPECT_EQ(*v.side, TrafficSide::Right);
}

TEST(TrafficDetect, OncomingCarsPassingOnTheRightMeanLeftHandTraffic) {
  const Road road{{{20, -3.5, -12}, {30, -3.2, -10}}};
  const TrafficVotes v = trafficFromTracks(road.sequence(), defaultOntology());
  ASSERT_TRUE(v.side.has_value());
  EXPECT_EQ(*v.side, TrafficSide::Left);
}

TEST(TrafficDetect, ParkedAndSameWayTracksDoNotVote) {
  // Parked on both sides, and a car ahead going the ego's way.
  const Road road{{{20, 3.5, 0}, {30, -3.5, 0}, {25, 0.0, 10}, {10, -3.5, 12}}};
  const TrafficVotes v = trafficFromTracks(road.sequence(), defaultOntology());
  EXPECT_EQ(v.right + v.left, 0u);
  EXPECT_FALSE(v.side.has_value());
}

TEST(TrafficDetect, OneVoteOrASplitDecidesNothing) {
  EXPECT_FALSE(trafficFromTracks(Road{{{20, 3.5, -12}}}.sequence(), defaultOntology()).side);
  const TrafficVotes split =
      trafficFromTracks(Road{{{20, 3.5, -12}, {25, -3.5, -12}}}.sequence(), defaultOntology());
  EXPECT_EQ(split.right, 1u);
  EXPECT_EQ(split.left, 1u);
  EXPECT_FALSE(split.side.has_value());
}

TEST(TrafficDetect, WithoutEgoPosesNothingVotes) {
  Sequence s = Road{{{20, 3.5, -12}, {30, 3.2, -10}}}.sequence();
  s.frames[4].info.egoPose.reset();
  const TrafficVotes v = trafficFromTracks(s, defaultOntology());
  EXPECT_EQ(v.right + v.left, 0u);
  EXPECT_FALSE(v.side.has_value());
}

TEST(TrafficDetect, PedestriansAndTheEgosOwnLaneDoNotVote) {
  Road road{{{20, 3.5, -12, "pedestrian"}, {30, 0.5, -12}}};
  EXPECT_EQ(trafficFromTracks(road.sequence(), defaultOntology()).right, 0u);
}

}  // namespace
}  // namespace lidarlabel
