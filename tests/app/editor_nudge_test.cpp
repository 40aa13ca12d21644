// Edit API: nudges of several boxes at once (the selection) as one undo step per gesture.
#include <gtest/gtest.h>

#include <cmath>

#include "editor_fixture.h"

namespace lidarlabel {
namespace {

constexpr ObjectId kCar = 1, kWalker = 2;  // frame 1 of the fixture holds both

struct EditorNudge : ::testing::Test {
  Document doc;
  Editor editor{doc};
  Cuboid car, walker;
  void SetUp() override {
    test::openAnnotated(doc);
    doc.setCurrentFrame(1);
    car = box(kCar);
    walker = box(kWalker);
  }
  const Cuboid& box(ObjectId id) { return doc.object(1, id)->box; }
  QUndoStack& stack() { return *doc.undoStack(); }
};

TEST_F(EditorNudge, SeveralBoxesMoveEachAlongItsOwnHeadingInOneUndoStep) {
  ASSERT_TRUE(editor.nudgePosition({kCar, kWalker}, BoxAxis::Forward, 2, StepSize::Normal));
  const double m = 2 * NudgeSteps{}.normalMetres;
  EXPECT_EQ(box(kCar), nudgePosition(car, BoxAxis::Forward, m));
  EXPECT_EQ(box(kWalker), nudgePosition(walker, BoxAxis::Forward, m));
  EXPECT_EQ(stack().count(), 1);
  stack().undo();
  EXPECT_EQ(box(kCar), car);
  EXPECT_EQ(box(kWalker), walker);
}

TEST_F(EditorNudge, AHeldNudgeOfSeveralBoxesIsOneUndoStep) {
  editor.nudgeYaw({kCar, kWalker}, 1, StepSize::Normal, false);
  for (int i = 0; i < 7; ++i) editor.nudgeYaw({kCar, kWalker}, 1, StepSize::Normal, true);
  EXPECT_EQ(stack().count(), 1);
  EXPECT_NEAR(box(kCar).yaw, wrapAngle(car.yaw + 8 * NudgeSteps{}.normalRadians), 1e-12);
  EXPECT_NEAR(box(kWalker).yaw, wrapAngle(walker.yaw + 8 * NudgeSteps{}.normalRadians), 1e-12);
  stack().undo();
  EXPECT_EQ(box(kCar), car);
  EXPECT_EQ(box(kWalker), walker);
  stack().redo();
  EXPECT_NEAR(box(kWalker).yaw, wrapAngle(walker.yaw + 8 * NudgeSteps{}.normalRadians), 1e-12);
}

TEST_F(EditorNudge, AHeldNudgeKeepsMergingWhenOneBoxStopsAtItsMinimumSize) {
  const double shrink = walker.width() - kMinBoxExtent + 0.05;  // the walker bottoms out first
  const int presses = static_cast<int>(std::ceil(shrink / NudgeSteps{}.coarseMetres)) + 2;
  editor.nudgeSize({kCar, kWalker}, BoxDimension::Width, -1, StepSize::Coarse, false);
  for (int i = 1; i < presses; ++i)
    editor.nudgeSize({kCar, kWalker}, BoxDimension::Width, -1, StepSize::Coarse, true);
  EXPECT_EQ(stack().count(), 1);
  EXPECT_LT(box(kCar).width(), car.width());
  stack().undo();
  EXPECT_EQ(box(kCar), car);
  EXPECT_EQ(box(kWalker), walker);
}

TEST_F(EditorNudge, UnknownIdsAreSkippedAndNoKnownIdChangesNothing) {
  EXPECT_TRUE(editor.nudgePosition({kCar, 99}, BoxAxis::Left, 1, StepSize::Normal));
  EXPECT_EQ(box(kWalker), walker);
  EXPECT_FALSE(editor.nudgePosition({98, 99}, BoxAxis::Left, 1, StepSize::Normal));
  EXPECT_EQ(stack().count(), 1);
}

TEST_F(EditorNudge, ADifferentSetOfBoxesStartsANewStep) {
  editor.nudgePosition({kCar, kWalker}, BoxAxis::Up, 1, StepSize::Normal, false);
  editor.nudgePosition({kCar}, BoxAxis::Up, 1, StepSize::Normal, true);
  EXPECT_EQ(stack().count(), 2);
}

}  // namespace
}  // namespace lidarlabel
