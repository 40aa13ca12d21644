#include "lidarlabel/core/compare.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "checks_support.h"

using namespace lidarlabel;
using namespace lidarlabel::test;
using ::testing::DoubleNear;

namespace {
// 10 frames, a car (track 1) and a pedestrian (track 2) in each.
Sequence reference() {
  Sequence s = drivingCar(10);
  for (auto& f : s.frames)
    f.objects.push_back(object(2, "pedestrian", carAt(-6, 3, 1.0, {0.7, 0.7, 1.75})));
  return s;
}
}  // namespace

TEST(Compare, IdenticalSetsArePerfect) {
  const CompareResult r = compareSequences(reference(), reference());
  EXPECT_EQ(r.overall.truePositives, 20u);
  EXPECT_DOUBLE_EQ(r.overall.precision(), 1.0);
  EXPECT_DOUBLE_EQ(r.overall.recall(), 1.0);
  EXPECT_THAT(r.overall.meanIoU(), DoubleNear(1.0, 1e-9));
  EXPECT_THAT(r.overall.meanCentreError(), DoubleNear(0.0, 1e-12));
  EXPECT_EQ(r.overall.idSwitches, 0u);
  EXPECT_EQ(r.perFrame.size(), 10u);
  EXPECT_EQ(r.perClass.at("car").truePositives, 10u);
}

TEST(Compare, HalfAMetreShiftOfA4Point5MetreCarGivesIoU0Point8) {
  Sequence test = reference();
  for (auto& f : test.frames) f.objects[0].box.center.x() += 0.5;
  const MatchStats car = compareSequences(reference(), test).perClass.at("car");
  EXPECT_EQ(car.truePositives, 10u);
  EXPECT_THAT(car.meanIoU(), DoubleNear(4.0 / 5.0, 1e-9));  // overlap 4.0 m of a 5.0 m union
  EXPECT_THAT(car.meanCentreError(), DoubleNear(0.5, 1e-9));
}

TEST(Compare, DeletedAndExtraBoxesLowerRecallAndPrecision) {
  Sequence test = reference();
  test.frames[3].objects.erase(test.frames[3].objects.begin());           // car missing in frame 3
  test.frames[5].objects.push_back(object(9, "car", carAt(30, -10, 0)));  // a ghost car
  const CompareResult r = compareSequences(reference(), test);
  EXPECT_EQ(r.overall.falseNegatives, 1u);
  EXPECT_EQ(r.overall.falsePositives, 1u);
  EXPECT_THAT(r.overall.recall(), DoubleNear(19.0 / 20.0, 1e-12));
  EXPECT_THAT(r.overall.precision(), DoubleNear(19.0 / 20.0, 1e-12));
  EXPECT_EQ(r.perFrame[3].falseNegatives, 1u);
  EXPECT_EQ(r.perFrame[5].falsePositives, 1u);
}

TEST(Compare, YawAndSizeErrorsAreMeasuredOnMatches) {
  Sequence test = reference();
  for (auto& f : test.frames) {
    f.objects[0].box.yaw += 10 * M_PI / 180;
    f.objects[0].box.size.x() += 0.3;  // (0.3 + 0 + 0) / 3 = 0.1 m mean size error
  }
  const MatchStats car = compareSequences(reference(), test).perClass.at("car");
  EXPECT_THAT(car.meanYawErrorDeg(), DoubleNear(10.0, 1e-9));
  EXPECT_THAT(car.meanSizeError(), DoubleNear(0.1, 1e-9));
}

TEST(Compare, ClassIsPartOfTheMatch) {
  Sequence test = reference();
  test.frames[0].objects[0].className = "van";
  const CompareResult r = compareSequences(reference(), test);
  EXPECT_EQ(r.perClass.at("car").falseNegatives, 1u);
  EXPECT_EQ(r.perClass.at("van").falsePositives, 1u);
}

TEST(Compare, ChangedTestTrackIdIsOneIdSwitch) {
  Sequence test = reference();
  for (std::size_t f = 6; f < 10; ++f) test.frames[f].objects[0].trackId = 77;
  EXPECT_EQ(compareSequences(reference(), test).overall.idSwitches, 1u);
}

TEST(Compare, DifferentFrameCountsAreRefused) {
  EXPECT_THROW(compareSequences(reference(), drivingCar(3)), std::invalid_argument);
}

TEST(Compare, PointLabelAgreementPerClassIoU) {
  PointLabels a, b;
  a.resize(10);
  b.resize(10);
  for (int i = 0; i < 10; ++i) a.semantic[i] = b.semantic[i] = i < 6 ? 40 : 10;  // 6 road, 4 car
  b.semantic[5] = 10;  // one road point called car in B
  const PointAgreement p = comparePointLabels(a, b);
  EXPECT_EQ(p.agreeing, 9u);
  EXPECT_THAT(p.classIoU().at(40), DoubleNear(5.0 / 6.0, 1e-12));
  EXPECT_THAT(p.classIoU().at(10), DoubleNear(4.0 / 5.0, 1e-12));
  EXPECT_THAT(p.meanIoU(), DoubleNear((5.0 / 6.0 + 4.0 / 5.0) / 2, 1e-12));
}

TEST(Compare, StatsOfPartsAddUpToTheWhole) {
  Sequence test = reference();
  test.frames[3].objects.clear();
  const CompareResult r = compareSequences(reference(), test);
  MatchStats sum;
  for (const MatchStats& f : r.perFrame) sum.add(f);
  EXPECT_EQ(sum.truePositives, r.overall.truePositives);
  EXPECT_EQ(sum.falseNegatives, r.overall.falseNegatives);
  EXPECT_DOUBLE_EQ(sum.sumIoU, r.overall.sumIoU);
}
