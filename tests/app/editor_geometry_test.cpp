// Edit API: geometry edits (nudges, handle drags, numeric entry, flip) as undo steps.
#include <QSignalSpy>

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <numbers>

#include "editor_fixture.h"

namespace lidarlabel {
namespace {

constexpr ObjectId kCar = 1;  // frame 0 of the fixture: car at (9, 3.5, -0.9), yaw 0.2

struct EditorGeometry : ::testing::Test {
  Document doc;
  Editor editor{doc};
  Cuboid start;
  void SetUp() override {
    test::openAnnotated(doc);
    start = doc.object(0, kCar)->box;
  }
  const Cuboid& box() { return doc.object(0, kCar)->box; }
  QUndoStack& stack() { return *doc.undoStack(); }
};

TEST_F(EditorGeometry, NudgeMovesAlongTheBoxHeadingAndUndoRedoRestoreExactValues) {
  ASSERT_TRUE(editor.nudgePosition(kCar, BoxAxis::Forward, 3, StepSize::Normal));
  const Cuboid moved = box();
  EXPECT_EQ(moved, nudgePosition(start, BoxAxis::Forward, 3 * NudgeSteps{}.normalMetres));
  stack().undo();
  EXPECT_EQ(box(), start);
  stack().redo();
  EXPECT_EQ(box(), moved);
}

TEST_F(EditorGeometry, StepSizesComeFromTheConfiguredSteps) {
  editor.nudgeYaw(kCar, 1, StepSize::Coarse);
  EXPECT_NEAR(box().yaw, start.yaw + NudgeSteps{}.coarseRadians, 1e-12);
  editor.nudgeSize(kCar, BoxDimension::Width, -2, StepSize::Fine);
  EXPECT_NEAR(box().width(), start.width() - 0.04, 1e-12);
  editor.nudgePosition(kCar, BoxAxis::Up, 1, StepSize::Coarse);
  EXPECT_NEAR(box().center.z(), start.center.z() + 0.5, 1e-12);
  EXPECT_EQ(stack().count(), 3);
}

TEST_F(EditorGeometry, AHeldNudgeIsOneUndoStep) {
  editor.nudgePosition(kCar, BoxAxis::Left, 1, StepSize::Normal, false);
  for (int i = 0; i < 9; ++i) editor.nudgePosition(kCar, BoxAxis::Left, 1, StepSize::Normal, true);
  EXPECT_EQ(stack().count(), 1);
  EXPECT_NEAR((box().center - start.center).norm(), 1.0, 1e-9);
  stack().undo();
  EXPECT_EQ(box(), start);
}

TEST_F(EditorGeometry, ANonContinuingNudgeAfterAHeldOneIsANewStep) {
  editor.nudgeYaw(kCar, 1, StepSize::Normal, false);
  editor.nudgeYaw(kCar, 1, StepSize::Normal, true);
  editor.nudgeYaw(kCar, 1, StepSize::Normal, false);
  EXPECT_EQ(stack().count(), 2);
  stack().undo();
  EXPECT_NEAR(box().yaw, start.yaw + 2 * NudgeSteps{}.normalRadians, 1e-12);
}

TEST_F(EditorGeometry, AContinuingNudgeNeverMergesIntoTheSavedState) {
  editor.nudgeYaw(kCar, 1, StepSize::Normal, false);
  stack().setClean();  // what saving does
  editor.nudgeYaw(kCar, 1, StepSize::Normal, true);
  EXPECT_EQ(stack().count(), 2);
  EXPECT_TRUE(doc.isModified());
  stack().undo();
  EXPECT_FALSE(doc.isModified());
}

TEST_F(EditorGeometry, ADragIsOneUndoStepAndUndoRedoRestoreExactValues) {
  const Eigen::Vector3d from(9.5, 3.5, -0.9);
  ASSERT_TRUE(editor.beginDrag(kCar, DragKind::Move, from));
  EXPECT_TRUE(editor.isDragging());
  for (double dx : {0.1, 0.4, 0.9, 1.3}) editor.updateDrag(from + Eigen::Vector3d(dx, -0.2, 0));
  editor.endDrag();
  EXPECT_FALSE(editor.isDragging());
  const Cuboid dragged = box();
  EXPECT_EQ(dragged, dragMove(start, from, from + Eigen::Vector3d(1.3, -0.2, 0)));
  EXPECT_EQ(stack().count(), 1);
  stack().undo();
  EXPECT_EQ(box(), start);
  stack().redo();
  EXPECT_EQ(box(), dragged);
}

TEST_F(EditorGeometry, TwoDragsAreTwoSteps) {
  for (int k = 0; k < 2; ++k) {
    editor.beginDrag(kCar, DragKind::Rotate, start.center + Eigen::Vector3d(2, 0, 0));
    editor.updateDrag(start.center + Eigen::Vector3d(2, 0.5, 0));
    editor.updateDrag(start.center + Eigen::Vector3d(2, 1, 0));
    editor.endDrag();
  }
  EXPECT_EQ(stack().count(), 2);
  stack().undo();
  EXPECT_NEAR(box().yaw, start.yaw + std::atan2(1.0, 2.0), 1e-12);
}

TEST_F(EditorGeometry, AFaceDragResizesKeepingTheOppositeFace) {
  const Eigen::Vector3d from = faceCenter(start, BoxFace::Front);
  editor.beginDrag(kCar, DragKind::Face, from, BoxFace::Front);
  editor.updateDrag(from + start.heading() * 0.4);
  editor.updateDrag(from + start.heading() * 0.6);
  editor.endDrag();
  EXPECT_NEAR(box().length(), start.length() + 0.6, 1e-12);
  EXPECT_NEAR((faceCenter(box(), BoxFace::Back) - faceCenter(start, BoxFace::Back)).norm(), 0,
              1e-12);
  EXPECT_EQ(stack().count(), 1);
}

TEST_F(EditorGeometry, ADragBackToTheStartLeavesNoStepAndNeverJoinsAnEarlierDrag) {
  const Eigen::Vector3d from(9, 3.5, -0.9);
  editor.beginDrag(kCar, DragKind::Move, from);
  editor.updateDrag(from + Eigen::Vector3d(1, 0, 0));
  editor.endDrag();
  const Cuboid afterFirst = box();
  editor.beginDrag(kCar, DragKind::Move, from);
  editor.updateDrag(from + Eigen::Vector3d(0.5, 0, 0));
  editor.updateDrag(from);  // back where this drag started
  editor.updateDrag(from + Eigen::Vector3d(0, 1, 0));
  editor.endDrag();
  EXPECT_EQ(stack().count(), 2);
  stack().undo();
  EXPECT_EQ(box(), afterFirst);
}

TEST_F(EditorGeometry, NumericEntrySetsExactValuesAndASpinBoxEditIsOneStep) {
  Cuboid b = start;
  b.center = {10.25, 2.5, -0.75};
  b.size = {4.2, 1.8, 1.55};
  b.yaw = -0.3;
  ASSERT_TRUE(editor.setBox(kCar, b));
  EXPECT_EQ(box(), b);
  b.size.x() = 4.3;
  editor.setBox(kCar, b, true);
  b.size.x() = 4.4;
  editor.setBox(kCar, b, true);
  EXPECT_EQ(stack().count(), 1);
  EXPECT_EQ(box(), b);
  stack().undo();
  EXPECT_EQ(box(), start);
}

TEST_F(EditorGeometry, NumericEntryRefusesNonFiniteOrTooSmallBoxes) {
  Cuboid b = start;
  b.center.x() = std::numeric_limits<double>::quiet_NaN();
  EXPECT_FALSE(editor.setBox(kCar, b));
  b = start;
  b.size.z() = 0.0;
  EXPECT_FALSE(editor.setBox(kCar, b));
  EXPECT_FALSE(editor.setBox(99, start));
  EXPECT_EQ(stack().count(), 0);
}

TEST_F(EditorGeometry, FlipHeadingTurnsTheBoxHalfWay) {
  ASSERT_TRUE(editor.flipHeading(kCar));
  EXPECT_NEAR(angleDiff(box().yaw, start.yaw), -std::numbers::pi, 1e-12);
  EXPECT_EQ(box().center, start.center);
}

TEST_F(EditorGeometry, AnEditEmitsObjectsChangedWithThatIdAndTheBoxBit) {
  QSignalSpy changed(&doc, &Document::objectsChanged);
  editor.nudgePosition(kCar, BoxAxis::Forward, 1, StepSize::Fine);
  ASSERT_EQ(changed.count(), 1);
  const auto e = changed.at(0).at(0).value<ObjectsEvent>();
  EXPECT_EQ(e.frame, 0u);
  EXPECT_EQ(e.ids, std::vector<ObjectId>{kCar});
  EXPECT_EQ(e.properties, unsigned(kPropBox));
}

TEST_F(EditorGeometry, EditingATrackedBoxMakesItTheAnnotators) {
  Sequence s = doc.sequence();
  s.frames[0].objects[0].provenance = Provenance::Tracked;
  s.frames[0].objects[0].confidence = 0.6f;
  doc.setSequence(s, doc.folder());
  QSignalSpy changed(&doc, &Document::objectsChanged);
  editor.nudgeSize(kCar, BoxDimension::Length, 1, StepSize::Normal);
  EXPECT_EQ(doc.object(0, kCar)->provenance, Provenance::Manual);
  EXPECT_EQ(doc.object(0, kCar)->confidence, 1.0f);
  ASSERT_EQ(changed.count(), 1);
  EXPECT_EQ(changed.at(0).at(0).value<ObjectsEvent>().properties,
            unsigned(kPropBox | kPropProvenance));
}

TEST_F(EditorGeometry, SelectionChangesNeverTouchTheUndoStack) {
  QSignalSpy selection(&doc, &Document::selectionChanged);
  editor.select({kCar});
  EXPECT_EQ(doc.selection(), std::vector<ObjectId>{kCar});
  editor.select({});
  EXPECT_EQ(selection.count(), 2);
  EXPECT_EQ(stack().count(), 0);
  EXPECT_TRUE(stack().isClean());
  EXPECT_FALSE(doc.isModified());
}

TEST_F(EditorGeometry, EditsOfAnUnknownIdChangeNothing) {
  EXPECT_FALSE(editor.nudgePosition(99, BoxAxis::Forward, 1, StepSize::Normal));
  EXPECT_FALSE(editor.nudgeYaw(99, 1, StepSize::Normal));
  EXPECT_FALSE(editor.flipHeading(99));
  EXPECT_FALSE(editor.beginDrag(99, DragKind::Move, {0, 0, 0}));
  EXPECT_FALSE(editor.updateDrag({1, 0, 0}));
  EXPECT_EQ(stack().count(), 0);
}

TEST_F(EditorGeometry, ReadoutCountsThePointsOfTheBox) {
  const auto r = editor.readout(kCar);
  ASSERT_TRUE(r.has_value());
  const BoxReadout expected = boxReadout(*doc.cloud(0), start);
  EXPECT_EQ(r->inside, expected.inside);
  EXPECT_EQ(r->outsideFace, expected.outsideFace);
  EXPECT_FALSE(editor.readout(99).has_value());
}

}  // namespace
}  // namespace lidarlabel
