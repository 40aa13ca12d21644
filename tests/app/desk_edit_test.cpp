// The desk's editing, driven through real widgets: mouse drags on handles in the main view and
// the sub-views, held keys, the properties panel and the edit actions. Needs Xvfb.
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QTableWidget>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "app_fixture.h"
#include "desk_fixture.h"
#include "lidarlabel/app/object_list.h"
#include "lidarlabel/app/properties_panel.h"
#include "lidarlabel/app/scene_presenter.h"
#include "lidarlabel/app/sub_views.h"
#include "lidarlabel/core/box_edit.h"
#include "lidarlabel/render/scene_view.h"

namespace lidarlabel {
namespace {

using ::testing::DoubleNear;

// The annotated sample (frame 0: car 1 at (9, 3.5, -0.9), yaw 0.2), car 1 selected.
struct Selected : test::Desk {
  Selected() {
    EXPECT_TRUE(open(test::writeAnnotatedSequence(test::scratchDir())));
    window.editor().select({1});
    QApplication::processEvents();
  }
};

TEST(DeskEdit, DragOnTheCentreHandleMovesTheBoxAsOneUndoStep) {
  Selected d;
  const Cuboid before = d.object(1).box;
  const int steps = d.undoCount();
  const QPointF c = test::pixel(d.view(), before.center);
  test::drag(&d.view(), c, c + QPointF(60, 0));
  const Cuboid after = d.object(1).box;
  EXPECT_GT((after.center - before.center).norm(), 0.3);
  EXPECT_DOUBLE_EQ(after.center.z(), before.center.z());  // moved in the ground plane
  EXPECT_EQ(after.size, before.size);
  EXPECT_EQ(d.undoCount(), steps + 1);
  d.doc().undoStack()->undo();
  EXPECT_EQ(d.object(1).box, before);
  d.doc().undoStack()->redo();
  EXPECT_EQ(d.object(1).box, after);
}

TEST(DeskEdit, ClickOnABoxSelectsItAndAClickOnNothingClearsTheSelection) {
  Selected d;
  d.window.editor().select({});
  test::click(&d.view(), test::pixel(d.view(), d.object(1).box.center));
  EXPECT_EQ(d.doc().selection(), std::vector<ObjectId>{1});
  test::click(&d.view(), QPointF(5, 5));  // the sky
  EXPECT_TRUE(d.doc().selection().empty());
}

TEST(DeskEdit, DraggingTheFrontFaceInTheTopSubViewResizesItWithTheBackFaceFixed) {
  Selected d;
  SceneView* top = d.window.subViews()->view(SubViewKind::Top);
  const Cuboid before = d.object(1).box;
  const int steps = d.undoCount();
  const QPointF front = test::pixel(*top, faceCenter(before, BoxFace::Front));
  test::drag(top, front, front + QPointF(0, -25));  // heading points up in the top view
  const Cuboid after = d.object(1).box;
  EXPECT_GT(after.length(), before.length() + 0.2);
  EXPECT_DOUBLE_EQ(after.width(), before.width());
  const Eigen::Vector3d backBefore = faceCenter(before, BoxFace::Back);
  const Eigen::Vector3d backAfter = faceCenter(after, BoxFace::Back);
  EXPECT_LT((backAfter - backBefore).norm(), 1e-9);
  EXPECT_EQ(d.undoCount(), steps + 1);
  d.doc().undoStack()->undo();
  EXPECT_EQ(d.object(1).box, before);
  d.doc().undoStack()->redo();
  EXPECT_EQ(d.object(1).box, after);
}

TEST(DeskEdit, AHeldNudgeKeyIsOneUndoStep) {
  Selected d;
  const Cuboid before = d.object(1).box;
  const int steps = d.undoCount();
  test::holdKey(&d.view(), Qt::Key_Up, 5);  // press + 5 auto-repeats: 6 nudges forward
  const Cuboid after = d.object(1).box;
  const double moved = (after.center - before.center).dot(before.heading());
  EXPECT_THAT(moved, DoubleNear(6 * NudgeSteps{}.normalMetres, 1e-9));
  EXPECT_EQ(d.undoCount(), steps + 1);
  d.doc().undoStack()->undo();
  EXPECT_EQ(d.object(1).box, before);
}

TEST(DeskEdit, AHeldNudgeKeyWithSeveralBoxesSelectedIsOneUndoStep) {
  Selected d;
  d.doc().setCurrentFrame(1);  // car 1 and pedestrian 2
  d.window.editor().select({1, 2});
  QApplication::processEvents();
  const Cuboid car = d.object(1).box, walker = d.object(2).box;
  const int steps = d.undoCount();
  test::holdKey(&d.view(), Qt::Key_Left, 4);  // press + 4 auto-repeats: 5 nudges left
  const double m = 5 * NudgeSteps{}.normalMetres;
  EXPECT_THAT((d.object(1).box.center - car.center).norm(), DoubleNear(m, 1e-9));
  EXPECT_THAT((d.object(2).box.center - walker.center).norm(), DoubleNear(m, 1e-9));
  EXPECT_EQ(d.undoCount(), steps + 1);
  d.doc().undoStack()->undo();
  EXPECT_EQ(d.object(1).box, car);
  EXPECT_EQ(d.object(2).box, walker);
}

TEST(DeskEdit, TwoSeparatePressesAreTwoUndoSteps) {
  Selected d;
  const int steps = d.undoCount();
  QTest::keyClick(&d.view(), Qt::Key_Q);
  QTest::keyClick(&d.view(), Qt::Key_Q);
  EXPECT_EQ(d.undoCount(), steps + 2);
}

TEST(DeskEdit, AltNudgesByTheFineStepAndShiftByTheCoarseStep) {
  Selected d;
  const NudgeSteps s;
  const double length = d.object(1).box.length();
  QTest::keyClick(&d.view(), Qt::Key_T, Qt::AltModifier);  // longer, fine (symmetric)
  EXPECT_THAT(d.object(1).box.length(), DoubleNear(length + s.fineMetres, 1e-9));
  QTest::keyClick(&d.view(), Qt::Key_T, Qt::ShiftModifier);
  EXPECT_THAT(d.object(1).box.length(), DoubleNear(length + s.fineMetres + s.coarseMetres, 1e-9));
  const double yaw = d.object(1).box.yaw;
  QTest::keyClick(&d.view(), Qt::Key_E, Qt::ShiftModifier);  // turn clockwise, coarse
  EXPECT_THAT(d.object(1).box.yaw, DoubleNear(wrapAngle(yaw - s.coarseRadians), 1e-9));
}

TEST(DeskEdit, NumericEntryInOneFieldIsOneUndoStepAndSetsTheExactValue) {
  Selected d;
  QDoubleSpinBox* x = d.window.properties()->field(PropertiesPanel::X);
  const int steps = d.undoCount();
  x->setFocus();
  x->setValue(12.25);
  x->setValue(12.5);
  EXPECT_DOUBLE_EQ(d.object(1).box.center.x(), 12.5);
  EXPECT_EQ(d.undoCount(), steps + 1);
  QDoubleSpinBox* yaw = d.window.properties()->field(PropertiesPanel::YawDeg);
  yaw->setFocus();
  yaw->setValue(90.0);
  EXPECT_THAT(d.object(1).box.yaw, DoubleNear(1.5707963267948966, 1e-12));
  EXPECT_EQ(d.undoCount(), steps + 2);
  d.doc().undoStack()->undo();
  d.doc().undoStack()->undo();
  EXPECT_DOUBLE_EQ(d.object(1).box.center.x(), 9.0);
  EXPECT_DOUBLE_EQ(x->value(), 9.0);  // the panel follows undo
}

TEST(DeskEdit, TheClassComboChangesTheClassAndItsAttributesAppear) {
  Selected d;
  QComboBox* combo = d.window.properties()->classCombo();
  combo->setFocus();
  const int pedestrian = combo->findText(QStringLiteral("pedestrian"));
  ASSERT_GE(pedestrian, 0);
  combo->setCurrentIndex(pedestrian - 1);
  QTest::keyClick(combo, Qt::Key_Down);  // the user steps the combo onto "pedestrian"
  EXPECT_EQ(d.object(1).className, "pedestrian");
  const ClassDef* def = d.doc().ontology().find("pedestrian");
  ASSERT_NE(def, nullptr);
  for (const AttributeDef& a : def->attributes)
    EXPECT_NE(d.window.properties()->attributeCombo(a.name), nullptr) << a.name;
  d.doc().undoStack()->undo();
  EXPECT_EQ(d.object(1).className, "car");
  EXPECT_EQ(combo->currentText(), QStringLiteral("car"));
}

TEST(DeskEdit, DeleteDuplicateAndCopyToNextFrameKeys) {
  Selected d;
  d.focusView();
  QTest::keyClick(&d.view(), Qt::Key_D, Qt::ControlModifier);  // duplicate
  ASSERT_EQ(d.doc().objects(0).size(), 2u);
  const ObjectId copy = d.doc().objects(0)[1].trackId;
  EXPECT_NE(copy, 1u);
  EXPECT_EQ(d.doc().objects(0)[1].box.size, d.object(1).box.size);
  d.window.editor().select({1});
  QTest::keyClick(&d.view(), Qt::Key_PageDown, Qt::ControlModifier);  // copy to next frame
  ASSERT_NE(d.doc().object(1, 1), nullptr);
  EXPECT_EQ(d.doc().objects(1).size(), 2u);  // replaced the car 1 already there
  d.window.editor().select({copy});
  QTest::keyClick(&d.view(), Qt::Key_Delete);
  EXPECT_EQ(d.doc().objects(0).size(), 1u);
  EXPECT_EQ(d.doc().object(0, copy), nullptr);
}

TEST(DeskEdit, TheTitleShowsModifiedUntilTheEditIsUndone) {
  Selected d;
  EXPECT_FALSE(d.window.isWindowModified());
  EXPECT_TRUE(d.window.windowTitle().contains(QStringLiteral("[*]")));
  QTest::keyClick(&d.view(), Qt::Key_X);  // flip heading
  EXPECT_TRUE(d.window.isWindowModified());
  d.doc().undoStack()->undo();
  EXPECT_FALSE(d.window.isWindowModified());
}

TEST(DeskEdit, TheObjectListFollowsEditsRowByRowAndSelectsOnClick) {
  Selected d;
  QTableWidget* table = d.window.objectList()->table();
  d.doc().setCurrentFrame(1);
  ASSERT_EQ(table->rowCount(), 2);
  EXPECT_EQ(table->item(1, ObjectList::ColClass)->text(), QStringLiteral("pedestrian"));
  EXPECT_EQ(table->item(1, ObjectList::ColProvenance)->text(), QStringLiteral("manual"));
  const QRect cell = table->visualItemRect(table->item(1, ObjectList::ColClass));
  QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, cell.center());
  EXPECT_EQ(d.doc().selection(), std::vector<ObjectId>{2});
  QTableWidgetItem* before = table->item(0, ObjectList::ColClass);
  d.window.editor().setClass(2, "cyclist");
  EXPECT_EQ(table->item(1, ObjectList::ColClass)->text(), QStringLiteral("cyclist"));
  EXPECT_EQ(table->item(0, ObjectList::ColClass), before);  // the other row was not rebuilt
}

TEST(DeskEdit, AnEditOfOneBoxUpdatesOnlyThatBoxInTheScene) {
  Selected d;
  d.doc().setCurrentFrame(1);
  const std::size_t rebuilt = d.window.presenter()->boxUpdates();
  d.window.editor().nudgeYaw(2, 1, StepSize::Normal);
  EXPECT_EQ(d.window.presenter()->boxUpdates(), rebuilt + 1);
  EXPECT_EQ(d.view().cuboidCount(), 2u);
}

}  // namespace
}  // namespace lidarlabel
