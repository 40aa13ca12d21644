// The box and track families of the label checks (core/checks.h) on crafted sequences.
#include "lidarlabel/core/checks.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "checks_support.h"
#include "lidarlabel/io/ontology_io.h"

using namespace lidarlabel;
using namespace lidarlabel::test;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

namespace {
std::vector<Finding> all(const Sequence& s) {
  return runChecks(s, defaultOntology(), {});
}
}  // namespace

TEST(Checks, AreSilentOnAPlausibleDrivingCar) {
  EXPECT_THAT(all(drivingCar(20)), IsEmpty());
}

TEST(Checks, UnknownClassIsAnError) {
  Sequence s = drivingCar(1);
  s.frames[0].objects[0].className = "spaceship";
  const auto f = only(all(s), "unknown-class");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].severity, Severity::Error);
  EXPECT_EQ(f[0].frame, 0);
  EXPECT_THAT(f[0].trackIds, ElementsAre(1u));
  EXPECT_THAT(f[0].message, HasSubstr("spaceship"));
}

TEST(Checks, StuffClassOnABoxIsAnError) {
  Sequence s = drivingCar(1);
  s.frames[0].objects[0].className = "road";
  EXPECT_EQ(only(all(s), "not-a-thing-class").size(), 1u);
}

TEST(Checks, MissingRequiredAttributeIsAnErrorOnlyWhenTheOntologyRequiresIt) {
  Sequence s = drivingCar(1);
  EXPECT_THAT(only(all(s), "missing-attribute"), IsEmpty());
  Ontology o = defaultOntology();
  for (AttributeDef& a : const_cast<ClassDef*>(o.find("car"))->attributes)
    if (a.name == "state") a.required = true;
  const auto f = only(runChecks(s, o, {}), "missing-attribute");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_THAT(f[0].message, HasSubstr("'state'"));
  s.frames[0].objects[0].attributes["state"] = "parked";
  EXPECT_THAT(only(runChecks(s, o, {}), "missing-attribute"), IsEmpty());
}

TEST(Checks, AttributeValueOutsideTheOntologyIsAWarning) {
  Sequence s = drivingCar(1);
  s.frames[0].objects[0].attributes["state"] = "flying";
  const auto f = only(all(s), "invalid-attribute-value");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].severity, Severity::Warning);
}

TEST(Checks, SizeFarFromTheClassPriorIsAWarning) {
  Sequence s = drivingCar(1);
  s.frames[0].objects[0].box.size = {12.0, 1.9, 1.6};  // 2.7x the car prior's length
  EXPECT_EQ(only(all(s), "size-prior").size(), 1u);
}

TEST(Checks, ZeroSizeBoxIsInvalid) {
  Sequence s = drivingCar(1);
  s.frames[0].objects[0].box.size.z() = 0;
  EXPECT_EQ(only(all(s), "invalid-box").size(), 1u);
}

TEST(Checks, DuplicateTrackIdInAFrameIsAnError) {
  Sequence s = drivingCar(1);
  s.frames[0].objects.push_back(object(1, "car", carAt(-10, -4, 0)));
  const auto f = only(all(s), "duplicate-track-id");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_THAT(f[0].trackIds, ElementsAre(1u));
}

TEST(Checks, OverlappingBoxesAreReportedOnceWithBothTracks) {
  Sequence s = drivingCar(1);
  s.frames[0].objects.push_back(object(2, "car", carAt(6, 4.5, 0)));  // 1 m / 0.5 m shifted
  const auto f = only(all(s), "overlap");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_THAT(f[0].trackIds, ElementsAre(1u, 2u));
}

TEST(Checks, TheIndexedOverlapSearchFindsWhatAllPairsFind) {
  Sequence s;
  s.frames.resize(1);
  for (std::uint32_t i = 0; i < 60; ++i)  // a dense jam with overlaps across grid cells
    s.frames[0].objects.push_back(
        object(i + 1, "car", carAt(3.7 * (i % 10) - 15, 2.2 * (i / 10) - 6, 0.1 * i)));
  CheckConfig naive;
  naive.overlapIndex = false;
  const auto indexed = only(checkFrameBoxes(s.frames[0], 0, defaultOntology()), "overlap");
  const auto pairs = only(checkFrameBoxes(s.frames[0], 0, defaultOntology(), naive), "overlap");
  EXPECT_GT(pairs.size(), 10u);
  auto ids = [](std::vector<Finding> v) {
    std::vector<std::vector<std::uint32_t>> r;
    for (const Finding& f : v) r.push_back(f.trackIds);
    std::sort(r.begin(), r.end());
    return r;
  };
  EXPECT_EQ(ids(indexed), ids(pairs));
}

TEST(Checks, ClassChangeWithinATrackIsAnError) {
  Sequence s = drivingCar(5);
  s.frames[3].objects[0].className = "van";
  const auto f = only(all(s), "class-change");
  ASSERT_EQ(f.size(), 2u);  // car -> van at 3, van -> car at 4
  EXPECT_EQ(f[0].frame, 3);
  EXPECT_EQ(f[0].severity, Severity::Error);
}

TEST(Checks, TrackGapIsInfoNamingTheMissingFrames) {
  Sequence s = drivingCar(10);
  s.frames[4].objects.clear();
  s.frames[5].objects.clear();
  const auto f = only(all(s), "track-gap");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].severity, Severity::Info);
  EXPECT_EQ(f[0].frame, 4);
  EXPECT_THAT(f[0].message, HasSubstr("frames 4-5 (2 frames)"));
}

TEST(Checks, ShrunkenBoxDriftsFromTheTrackMedian) {
  Sequence s = drivingCar(10);
  s.frames[6].objects[0].box.size *= 0.7;
  const auto f = only(all(s), "size-drift");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].frame, 6);
  EXPECT_THAT(f[0].message, HasSubstr("30 % smaller"));
}

TEST(Checks, OneReversedBoxIsOneHeadingFlip) {
  Sequence s = drivingCar(10);
  s.frames[5].objects[0].box.yaw = M_PI;
  const auto f = only(all(s), "heading-flip");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].frame, 5);
  EXPECT_EQ(f[0].severity, Severity::Error);
  EXPECT_THAT(only(all(s), "yaw-rate"), IsEmpty());
}

TEST(Checks, HeadingIsComparedInTheWorldFrame) {
  // The ego turns 90 deg between frames and the box yaw compensates: the car keeps its heading.
  Sequence s = drivingCar(2, 0.0);
  s.frames[1].info.egoPose =
      Eigen::Isometry3d(Eigen::AngleAxisd(M_PI / 2, Eigen::Vector3d::UnitZ()));
  s.frames[1].objects[0].box.center =
      s.frames[1].info.egoPose->inverse() * s.frames[0].objects[0].box.center;
  s.frames[1].objects[0].box.yaw = -M_PI / 2;
  EXPECT_THAT(all(s), IsEmpty());
}

TEST(Checks, FastTurnIsAYawRateWarning) {
  Sequence s = drivingCar(3);
  s.frames[1].objects[0].box.yaw = 0.5;  // 29 deg in 0.1 s = 286 deg/s
  s.frames[2].objects[0].box.yaw = 1.0;
  const auto f = only(all(s), "yaw-rate");
  ASSERT_EQ(f.size(), 2u);
  EXPECT_EQ(f[0].severity, Severity::Warning);
}

TEST(Checks, SpeedIsMeasuredInTheWorldFrameWithEgoPoses) {
  // The ego drives at 60 m/s and a parked car's LiDAR-frame x falls 6 m per frame: 0 m/s.
  Sequence s = drivingCar(5, 0.0);
  for (std::size_t f = 0; f < 5; ++f) {
    s.frames[f].info.egoPose = Eigen::Isometry3d(Eigen::Translation3d(6.0 * f, 0, 0));
    s.frames[f].objects[0].box.center.x() = 40 - 6.0 * f;
  }
  EXPECT_THAT(all(s), IsEmpty());
  for (auto& fr : s.frames) fr.info.egoPose = Eigen::Isometry3d::Identity();
  EXPECT_EQ(only(all(s), "speed").size(), 4u);  // in the LiDAR frame: 60 m/s backwards
}

TEST(Checks, ImplausibleSpeedIsAWarning) {
  const auto f = only(all(drivingCar(4, 70.0)), "speed");
  ASSERT_EQ(f.size(), 3u);
  EXPECT_THAT(f[0].message, HasSubstr("70.0 m/s"));
}

TEST(Checks, PedestrianSpeedLimitComesFromTheOntology) {
  Sequence s = drivingCar(4, 15.0);
  for (auto& fr : s.frames)
    fr.objects[0].className = "pedestrian", fr.objects[0].box.size = {0.7, 0.7, 1.75};
  EXPECT_EQ(only(all(s), "speed").size(), 3u);  // pedestrian max_speed 12 m/s
}

TEST(Checks, SwappedTrackIdsJumpAndAreReportedAsReused) {
  Sequence s = drivingCar(6);
  for (auto& fr : s.frames) fr.objects.push_back(object(2, "car", carAt(-30, -8, M_PI)));
  std::swap(s.frames[3].objects[0].trackId, s.frames[3].objects[1].trackId);
  const auto f = only(all(s), "track-id-reused");
  ASSERT_GE(f.size(), 2u);
  EXPECT_EQ(f[0].frame, 3);
  EXPECT_EQ(f[0].severity, Severity::Error);
}

TEST(Checks, SuddenStopIsAnAccelerationWarning) {
  Sequence s = drivingCar(6);
  for (std::size_t f = 3; f < 6; ++f)
    s.frames[f].objects[0].box.center.x() = s.frames[2].objects[0].box.center.x();
  const auto f = only(all(s), "acceleration");
  ASSERT_EQ(f.size(), 1u);  // 10 m/s -> 0 in one frame: 100 m/s^2
  EXPECT_EQ(f[0].frame, 2);
}

TEST(Checks, MissingEgoPosesAreNotedOnceForTheSequence) {
  Sequence s = drivingCar(3);
  s.frames[1].info.egoPose.reset();
  const auto f = only(all(s), "no-ego-poses");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].frame, -1);
}

TEST(Checks, SkippedChecksDoNotRun) {
  Sequence s = drivingCar(1);
  s.frames[0].objects[0].className = "spaceship";
  CheckConfig c;
  c.skip = {"unknown-class"};
  EXPECT_THAT(runChecks(s, defaultOntology(), {}, c), IsEmpty());
}

TEST(Checks, ThresholdZeroSwitchesACheckOffForTheClass) {
  Sequence s = drivingCar(10);
  s.frames[5].objects[0].box.yaw = M_PI;
  Ontology o = defaultOntology();
  const_cast<ClassDef*>(o.find("car"))->checks.flipAngleDeg = 0;
  EXPECT_THAT(only(runChecks(s, o, {}), "heading-flip"), IsEmpty());
}

TEST(Checks, SummaryCountsBySeverityAndCheck) {
  Sequence s = drivingCar(10);
  s.frames[5].objects[0].box.yaw = M_PI;
  s.frames[4].objects.clear();
  const CheckSummary sum = summarize(all(s));
  EXPECT_EQ(sum.errors, 1u);
  EXPECT_EQ(sum.infos, 1u);
  EXPECT_TRUE(anyAtOrAbove(all(s), Severity::Error));
  EXPECT_FALSE(anyAtOrAbove(only(all(s), "track-gap"), Severity::Warning));
}
