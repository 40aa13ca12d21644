// The points family of the label checks (core/checks.h): boxes against sweeps and per-point
// labels, on crafted scenes and on the bundled synthetic ground truth.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "checks_support.h"
#include "lidarlabel/core/checks.h"
#include "lidarlabel/io/frame_labels.h"
#include "lidarlabel/io/ontology_io.h"
#include "lidarlabel/io/sequence_open.h"
#include "lidarlabel/io/sweep_io.h"
#include "test_paths.h"

using namespace lidarlabel;
using namespace lidarlabel::test;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

namespace {

// Ground, then the visible surfaces of each car labelled with instance = its track id (1, 2, ..)
// and semantic 10 (car).
struct Scene {
  Frame frame;
  FramePoints points;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> range;  // per car: [first, last) point
};

Scene labelledScene(const std::vector<Cuboid>& cars) {
  Scene s;
  addGround(s.points.cloud);
  for (std::size_t i = 0; i < cars.size(); ++i) {
    const auto first = static_cast<std::uint32_t>(s.points.cloud.size());
    addVisibleSurface(s.points.cloud, cars[i]);
    s.range.emplace_back(first, static_cast<std::uint32_t>(s.points.cloud.size()));
    s.frame.objects.push_back(object(static_cast<std::uint32_t>(i + 1), "car", cars[i]));
  }
  s.points.labels.resize(s.points.cloud.size());
  for (std::size_t i = 0; i < cars.size(); ++i)
    for (std::uint32_t p = s.range[i].first; p < s.range[i].second; ++p) {
      s.points.labels.semantic[p] = 10;
      s.points.labels.instance[p] = static_cast<std::uint16_t>(i + 1);
    }
  return s;
}

std::vector<Finding> check(const Scene& s) {
  return checkFramePoints(s.frame, 0, s.points, defaultOntology());
}

}  // namespace

TEST(PointChecks, AreSilentOnCarsStandingOnTheGroundWithTheirPoints) {
  EXPECT_THAT(check(labelledScene({carAt(12, 4, 0.3), carAt(-15, -6, 1.2)})), IsEmpty());
}

TEST(PointChecks, BoxWithoutPointsHasTooFewPoints) {
  Scene s = labelledScene({carAt(12, 4, 0.3)});
  s.frame.objects.push_back(object(9, "car", carAt(60, 15, 0)));  // beyond the scanned ground
  const auto f = only(check(s), "too-few-points");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_THAT(f[0].trackIds, ElementsAre(9u));
  EXPECT_EQ(f[0].severity, Severity::Warning);
}

TEST(PointChecks, BoxLiftedAboveTheGroundIsFloating) {
  Scene s = labelledScene({carAt(12, 4, 0.3)});
  s.frame.objects[0].box.center.z() += 0.8;
  EXPECT_EQ(only(check(s), "floating").size(), 1u);
  EXPECT_THAT(only(check(s), "sunk"), IsEmpty());
}

TEST(PointChecks, BoxPushedIntoTheGroundIsSunk) {
  Scene s = labelledScene({carAt(12, 4, 0.3)});
  s.frame.objects[0].box.center.z() -= 0.6;
  EXPECT_EQ(only(check(s), "sunk").size(), 1u);
}

TEST(PointChecks, ShrunkenBoxLeavesItsInstancePointsOutsideAndListsThem) {
  Scene s = labelledScene({carAt(12, 4, 0.3)});
  s.frame.objects[0].box.size *= 0.8;
  const auto f = only(check(s), "points-outside-box");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].severity, Severity::Error);
  EXPECT_GT(f[0].pointCount, 100u);
  ASSERT_FALSE(f[0].points.empty());
  for (std::uint32_t p : f[0].points) {
    EXPECT_GE(p, s.range[0].first);
    EXPECT_LT(p, s.range[0].second);
  }
}

TEST(PointChecks, PointsOfAnInstanceWithoutABoxAreAnError) {
  Scene s = labelledScene({carAt(12, 4, 0.3)});
  for (std::uint32_t p = 0; p < 10; ++p) s.points.labels.instance[p] = 7;  // ground points
  const auto f = only(check(s), "instance-without-box");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_THAT(f[0].trackIds, ElementsAre(7u));
  EXPECT_EQ(f[0].pointCount, 10u);
  EXPECT_THAT(f[0].points, ElementsAre(0u, 1u, 2u, 3u, 4u, 5u, 6u, 7u, 8u, 9u));
}

TEST(PointChecks, BoxHoldingAnotherInstancesPointsNamesBothTracks) {
  Scene s = labelledScene({carAt(12, 4, 0.3), carAt(-15, -6, 1.2)});
  for (std::uint32_t p = s.range[1].first; p < s.range[1].first + 5; ++p)
    s.points.labels.instance[p] = 1;  // car 2's points labelled as car 1
  const auto f = only(check(s), "foreign-points-in-box");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_THAT(f[0].trackIds, ElementsAre(2u, 1u));
  EXPECT_EQ(f[0].pointCount, 5u);
  EXPECT_EQ(only(check(s), "points-outside-box").size(), 1u);  // and outside car 1's box
}

TEST(PointChecks, InstancesWithoutAnyBoxInTheSequenceArePointOnlyLabelling) {
  Scene s = labelledScene({carAt(12, 4, 0.3)});
  s.frame.objects.clear();
  Sequence seq;
  seq.frames.push_back(s.frame);
  const auto f = runChecks(seq, defaultOntology(), [&](std::size_t) { return s.points; });
  EXPECT_THAT(only(f, "instance-without-box"), IsEmpty());
}

// The bundled synthetic sequence is exact ground truth (simulator version 2: every box holds
// every point of its object): nothing at error or warning level.
TEST(PointChecks, BundledSyntheticGroundTruthHasNoErrorsOrWarnings) {
  const Sequence seq = openSequence(sampleData("synthetic"));
  const std::vector<Finding> f =
      runChecks(seq, defaultOntology(), [&](std::size_t i) -> std::optional<FramePoints> {
        FramePoints p;
        p.cloud = readSweep(seq.sweepPathOf(i), seq.sweepFormat);
        p.labels = readFramePointLabels(seq, i, p.cloud.size(), defaultOntology());
        return p;
      });
  for (const Finding& x : f)
    EXPECT_EQ(x.severity, Severity::Info)
        << "frame " << x.frame << " " << x.check << ": " << x.message;
  EXPECT_FALSE(only(f, "track-gap").empty()) << "occluded objects leave gaps in the sample";
}
