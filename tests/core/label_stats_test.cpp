#include "lidarlabel/core/label_stats.h"

#include <gtest/gtest.h>

#include "checks_support.h"

using namespace lidarlabel;
using namespace lidarlabel::test;

TEST(LabelStats, CountsObjectsTracksAndTrackLengthsPerClass) {
  Sequence s = drivingCar(10);
  for (std::size_t f = 2; f < 5; ++f)
    s.frames[f].objects.push_back(object(2, "pedestrian", carAt(-6, 3, 0)));
  const SequenceStats st = sequenceStats(s, {"reviewer"});
  EXPECT_EQ(st.frames, 10u);
  EXPECT_EQ(st.objects, 13u);
  EXPECT_EQ(st.tracks, 2u);
  EXPECT_EQ(st.perClass.at("car").objects, 10u);
  EXPECT_DOUBLE_EQ(st.perClass.at("car").trackLength.max, 10.0);
  EXPECT_DOUBLE_EQ(st.perClass.at("pedestrian").trackLength.mean(), 3.0);
  EXPECT_EQ(st.provenance.at("manual"), 13u);
}

TEST(LabelStats, PointsPerBoxComeFromTheGivenCounts) {
  const Sequence s = drivingCar(2);
  const SequenceStats st = sequenceStats(s, {"reviewer"}, {{12}, {30}});
  EXPECT_DOUBLE_EQ(st.perClass.at("car").pointsPerBox.mean(), 21.0);
  EXPECT_DOUBLE_EQ(st.perClass.at("car").pointsPerBox.min, 12.0);
  EXPECT_EQ(st.perClass.at("car").pointsPerBox.histogram[3], 2u);  // both in [10, 50)
}

TEST(LabelStats, ReviewProgressPerLevelAndDoneFrames) {
  const std::vector<std::string> levels = {"reviewer", "qa"};
  Sequence s = drivingCar(4);
  auto decide = [&](Frame& f, const char* level, ReviewVerdict v) {
    recordDecision(f.review, {level, v, "x", "2026-12-02T08:00:00Z", ""}, levels);
  };
  decide(s.frames[0], "reviewer", ReviewVerdict::Accept);
  decide(s.frames[0], "qa", ReviewVerdict::Accept);
  decide(s.frames[1], "reviewer", ReviewVerdict::Accept);
  decide(s.frames[2], "reviewer", ReviewVerdict::Reject);
  recordObjectDecision(s.frames[0].objects[0], {"reviewer", ReviewVerdict::Accept, "x", "t", ""},
                       levels);
  s.frames[0].annotationSeconds = 30;
  s.frames[1].annotationSeconds = 50;
  const SequenceStats st = sequenceStats(s, levels);
  EXPECT_EQ(st.review.framesPassed[0], 2u);
  EXPECT_EQ(st.review.framesPassed[1], 1u);
  EXPECT_EQ(st.review.framesDone, 1u);
  EXPECT_EQ(st.review.framesRejected, 1u);
  EXPECT_EQ(st.review.objectStates.at("accepted"), 1u);
  EXPECT_EQ(st.review.objectStates.at("unreviewed"), 3u);
  EXPECT_EQ(st.review.objectsPassed[0], 1u);
  EXPECT_EQ(st.framesTimed, 2u);
  EXPECT_DOUBLE_EQ(st.annotationSeconds, 80.0);
}

TEST(LabelStats, MergingTwoSequencesAddsEveryCount) {
  const SequenceStats a = sequenceStats(drivingCar(3), {"reviewer"}, {{5}, {6}, {7}});
  SequenceStats sum = a;
  mergeStats(sum, a);
  EXPECT_EQ(sum.objects, 6u);
  EXPECT_EQ(sum.perClass.at("car").pointsPerBox.count, 6u);
  EXPECT_DOUBLE_EQ(sum.perClass.at("car").pointsPerBox.mean(), 6.0);
  EXPECT_EQ(sum.perClass.at("car").tracks, 2u);
}
