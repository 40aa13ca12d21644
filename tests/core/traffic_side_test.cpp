// Heading from the side of the road: parked vehicles face the way the traffic on their side goes.
#include "lidarlabel/core/traffic_side.h"

#include <numbers>

#include <gtest/gtest.h>

namespace lidarlabel {
namespace {

constexpr double kPi = std::numbers::pi;

Cuboid parkedAt(double x, double y, double yaw) {
  Cuboid b;
  b.center = {x, y, -0.9};
  b.size = {4.5, 1.9, 1.6};
  b.yaw = yaw;
  return b;
}

TEST(TrafficSide, WithRightHandTrafficACarParkedOnTheRightFacesForward) {
  EXPECT_EQ(headingFromTraffic(parkedAt(12.0, -6.0, 0.0)), +1);
  EXPECT_EQ(headingFromTraffic(parkedAt(12.0, -6.0, kPi)), -1);
}

TEST(TrafficSide, WithRightHandTrafficACarParkedOnTheLeftFacesBack) {
  EXPECT_EQ(headingFromTraffic(parkedAt(12.0, 8.0, 0.1)), -1);
  EXPECT_EQ(headingFromTraffic(parkedAt(12.0, 8.0, kPi - 0.1)), +1);
}

TEST(TrafficSide, ACarInTheEgoVehiclesOwnLaneGetsNoPrior) {
  // Ahead in the ego vehicle's lane, or oncoming on a street too narrow for two lanes.
  EXPECT_EQ(headingFromTraffic(parkedAt(15.0, 2.0, 0.0)), 0);
  EXPECT_EQ(headingFromTraffic(parkedAt(-15.0, -1.0, kPi)), 0);
}

TEST(TrafficSide, ACarBehindTheEgoVehicleFollowsTheSameSides) {
  EXPECT_EQ(headingFromTraffic(parkedAt(-20.0, -6.0, kPi)), -1);
  EXPECT_EQ(headingFromTraffic(parkedAt(-20.0, 8.0, kPi)), +1);
}

TEST(TrafficSide, LeftHandTrafficMirrorsTheSides) {
  const TrafficConfig left{.side = TrafficSide::Left};
  EXPECT_EQ(headingFromTraffic(parkedAt(12.0, 8.0, 0.0), left), +1);
  EXPECT_EQ(headingFromTraffic(parkedAt(12.0, -6.0, 0.0), left), -1);
  EXPECT_EQ(headingFromTraffic(parkedAt(12.0, -2.0, kPi), left), 0);  // own lane
}

TEST(TrafficSide, ACarTurnedAcrossTheRoadGetsNoPrior) {
  EXPECT_EQ(headingFromTraffic(parkedAt(30.0, 8.0, kPi / 2)), 0);    // in a cross street
  EXPECT_EQ(headingFromTraffic(parkedAt(30.0, -8.0, -kPi / 3)), 0);  // 60 deg: a car park
  EXPECT_EQ(headingFromTraffic(parkedAt(30.0, 8.0, 0.4)), -1);       // 23 deg: still along
}

TEST(TrafficSide, TheRuleSwitchedOffNeverTurnsABox) {
  const TrafficConfig off{.side = TrafficSide::Off};
  EXPECT_EQ(headingFromTraffic(parkedAt(12.0, 8.0, 0.0), off), 0);
}

TEST(TrafficSide, AClassWithALongFootprintFollowsTheTrafficARoundOneDoesNot) {
  ClassDef car, cyclist, pedestrian;
  car.defaultSize = {4.5, 1.9, 1.6};
  cyclist.defaultSize = {1.8, 0.7, 1.7};
  pedestrian.defaultSize = {0.7, 0.7, 1.75};
  EXPECT_TRUE(followsTraffic(car));
  EXPECT_TRUE(followsTraffic(cyclist));
  EXPECT_FALSE(followsTraffic(pedestrian));
}

TEST(TrafficSide, ASequenceRecordsItsSideInItsMetadata) {
  const std::map<std::string, std::string> singapore{{kTrafficSideKey, "left"}};
  EXPECT_EQ(trafficSideOf(singapore, TrafficSide::Right), TrafficSide::Left);
  EXPECT_EQ(trafficSideOf({{kTrafficSideKey, "off"}}, TrafficSide::Right), TrafficSide::Off);
}

TEST(TrafficSide, ASequenceThatRecordsNoSideOrAnUnknownOneTakesTheFallback) {
  EXPECT_EQ(trafficSideOf({}, TrafficSide::Right), TrafficSide::Right);
  EXPECT_EQ(trafficSideOf({{kTrafficSideKey, "middle"}}, TrafficSide::Left), TrafficSide::Left);
}

TEST(TrafficSide, OnlyASideTheMetadataReallyRecordsCountsAsRecorded) {
  EXPECT_EQ(recordedTrafficSide({{kTrafficSideKey, "left"}}), TrafficSide::Left);
  EXPECT_FALSE(recordedTrafficSide({}).has_value());
  EXPECT_FALSE(recordedTrafficSide({{kTrafficSideKey, "middle"}}).has_value());
}

TEST(TrafficSide, EachSidesNameReadsBackAsThatSide) {
  for (TrafficSide side : {TrafficSide::Right, TrafficSide::Left, TrafficSide::Off})
    EXPECT_EQ(parseTrafficSide(trafficSideName(side)), side);
  EXPECT_EQ(parseTrafficSide("Left"), std::nullopt);
}

}  // namespace
}  // namespace lidarlabel
