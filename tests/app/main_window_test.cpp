// GUI smoke test of the first window. Needs an X display (run under xvfb-run, see README).
#include "lidarlabel/app/main_window.h"

#include <QAction>
#include <QMessageBox>
#include <QSet>
#include <QTest>

#include <gtest/gtest.h>

#include <map>

#include "app_fixture.h"
#include "desk_fixture.h"
#include "lidarlabel/app/commands/set_frame_objects.h"
#include "lidarlabel/app/scene_presenter.h"
#include "lidarlabel/io/ontology_io.h"
#include "lidarlabel/render/scene_view.h"
#include "qt_app.h"

namespace lidarlabel {
namespace {

const std::string kDot = "\u00b7";

std::string status(const MainWindow& w) {
  return w.statusText().toStdString();
}

std::string expected(int frame, const char* points, const char* boxes) {
  return "frame " + std::to_string(frame) + "/3 " + kDot + " " + points + " points " + kDot + " " +
         boxes;
}

// A shown window (the active one, the 3D view focused) with a sequence open.
struct OpenWindow : test::Desk {
  MainWindow& window = Desk::window;
  explicit OpenWindow(const std::string& folder) { EXPECT_TRUE(open(folder)); }
};

// Two actions on one key make Qt fire neither ("ambiguous shortcut"): every key of the window's
// actions belongs to one action (the same action added to several widgets counts once).
TEST(MainWindow, NoTwoActionsShareAKey) {
  test::qtApp();
  OpenWindow o(test::writeAnnotatedSequence(test::scratchDir()));
  std::map<QString, QSet<QString>> owners;  // key -> texts of the actions bound to it
  for (QAction* a : o.window.findChildren<QAction*>())
    for (const QKeySequence& k : a->shortcuts())
      if (!k.isEmpty()) owners[k.toString()].insert(a->text());
  ASSERT_GT(owners.size(), 40u);
  for (const auto& [key, texts] : owners)
    EXPECT_EQ(texts.size(), 1) << key.toStdString() << " is bound to "
                               << QStringList(texts.values()).join(", ").toStdString();
}

TEST(MainWindow, StepsFramesWithPageKeysAndCommaPeriodAndShowsThemInTheStatusBar) {
  test::qtApp();
  OpenWindow o(test::writeAnnotatedSequence(test::scratchDir()));
  MainWindow& w = o.window;
  EXPECT_EQ(status(w), expected(1, "124,668", "1 box"));
  QTest::keyClick(w.sceneView(), Qt::Key_PageDown);
  QTest::keyClick(w.sceneView(), Qt::Key_PageUp);
  EXPECT_EQ(w.document().currentFrame(), 0u);
  QTest::keyClick(w.sceneView(), Qt::Key_PageDown);
  EXPECT_EQ(status(w), expected(2, "124,605", "2 boxes"));
  QTest::keyClick(w.sceneView(), Qt::Key_Period);
  EXPECT_EQ(status(w), expected(3, "124,478", "0 boxes"));
  QTest::keyClick(w.sceneView(), Qt::Key_PageDown);  // stays on the last frame
  EXPECT_EQ(w.document().currentFrame(), 2u);
  QTest::keyClick(w.sceneView(), Qt::Key_PageUp);
  EXPECT_EQ(w.document().currentFrame(), 1u);
  QTest::keyClick(w.sceneView(), Qt::Key_Comma);
  EXPECT_EQ(w.document().currentFrame(), 0u);
  QTest::keyClick(w.sceneView(), Qt::Key_End);
  EXPECT_EQ(w.document().currentFrame(), 2u);
  QTest::keyClick(w.sceneView(), Qt::Key_Home);
  EXPECT_EQ(status(w), expected(1, "124,668", "1 box"));
}

TEST(MainWindow, ArrowKeysNudgeTheSelectionAndNeverStepFrames) {
  test::qtApp();
  OpenWindow o(test::writeAnnotatedSequence(test::scratchDir()));
  QTest::keyClick(o.window.sceneView(), Qt::Key_Right);  // nothing selected: nothing happens
  EXPECT_EQ(o.window.document().currentFrame(), 0u);
  EXPECT_EQ(o.window.document().undoStack()->count(), 0);
  o.window.editor().select({1});
  QTest::keyClick(o.window.sceneView(), Qt::Key_Right);
  EXPECT_EQ(o.window.document().currentFrame(), 0u);
  EXPECT_EQ(o.window.document().undoStack()->count(), 1);
}

TEST(MainWindow, ArrowKeysInAFocusedSpinBoxStayWithTheSpinBox) {
  test::qtApp();
  OpenWindow o(test::writeAnnotatedSequence(test::scratchDir()));
  o.window.editor().select({1});
  QWidget* x = o.window.findChild<QWidget*>(QStringLiteral("field_x"));
  ASSERT_NE(x, nullptr);
  x->setFocus();
  QTest::keyClick(x, Qt::Key_Up);  // the spin box steps x by its single step, no nudge
  EXPECT_NEAR(o.window.document().object(0, 1)->box.center.x(), 9.05, 1e-9);
}

TEST(MainWindow, RendersPointsAndBoxesInTheirClassColour) {
  test::qtApp();
  OpenWindow o(test::writeAnnotatedSequence(test::scratchDir()));
  const Rgb car = defaultOntology().colorOf("car");
  const Rgb ped = defaultOntology().colorOf("pedestrian");
  QTest::keyClick(o.window.sceneView(), Qt::Key_PageDown);  // frame 2: car + pedestrian
  const QImage img = o.window.sceneView()->grabFramebuffer();
  EXPECT_GT(test::countNonBackground(img), img.width() * img.height() / 20);  // not blank
  EXPECT_GT(test::countColor(img, car.r, car.g, car.b), 30);
  EXPECT_GT(test::countColor(img, ped.r, ped.g, ped.b), 10);
}

TEST(MainWindow, FrameWithoutBoxesShowsNoBoxColour) {
  test::qtApp();
  OpenWindow o(test::writeAnnotatedSequence(test::scratchDir()));
  const Rgb car = defaultOntology().colorOf("car");
  QTest::keyClick(o.window.sceneView(), Qt::Key_End);  // frame 3: no boxes
  const QImage img = o.window.sceneView()->grabFramebuffer();
  EXPECT_GT(test::countNonBackground(img), img.width() * img.height() / 20);
  EXPECT_EQ(test::countColor(img, car.r, car.g, car.b), 0);
}

TEST(MainWindow, IntensityModeRecoloursTheCloud) {
  test::qtApp();
  OpenWindow o(test::sampleData("semantickitti/sequences/00"));
  const QImage height = o.window.sceneView()->grabFramebuffer();
  o.window.setColoring(PointColoring::Intensity);
  const QImage intensity = o.window.sceneView()->grabFramebuffer();
  EXPECT_NE(height, intensity);
  EXPECT_EQ(o.window.coloring(), PointColoring::Intensity);
}

TEST(MainWindow, PlusAndMinusKeysChangeThePointSize) {
  test::qtApp();
  OpenWindow o(test::sampleData("semantickitti/sequences/00"));
  const float start = o.window.sceneView()->style().pointSize;
  QTest::keyClick(o.window.sceneView(), Qt::Key_Plus);
  EXPECT_FLOAT_EQ(o.window.sceneView()->style().pointSize, 1.5f * start);
  QTest::keyClick(o.window.sceneView(), Qt::Key_Minus);
  QTest::keyClick(o.window.sceneView(), Qt::Key_Minus);
  EXPECT_FLOAT_EQ(o.window.sceneView()->style().pointSize, start / 1.5f);
}

TEST(MainWindow, UndoKeyRevertsAnEditAndTheStatusBarFollows) {
  test::qtApp();
  OpenWindow o(test::writeAnnotatedSequence(test::scratchDir()));
  Document& doc = o.window.document();
  doc.undoStack()->push(new SetFrameObjectsCommand(doc, 0, {}, QStringLiteral("Delete")));
  EXPECT_EQ(status(o.window), expected(1, "124,668", "0 boxes"));
  QTest::keyClick(o.window.sceneView(), Qt::Key_Z, Qt::ControlModifier);
  EXPECT_EQ(status(o.window), expected(1, "124,668", "1 box"));
  QTest::keyClick(o.window.sceneView(), Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
  EXPECT_EQ(doc.objects(0).size(), 0u);
}

TEST(MainWindow, OpenErrorIsShownInAMessageBoxNotACrash) {
  test::qtApp();
  test::Desk d;
  MainWindow& w = d.window;
  const QString missing = QString::fromStdString(test::scratchDir() + "/not-a-sequence");
  EXPECT_FALSE(w.openFolder(missing));
  auto* box = w.findChild<QMessageBox*>(QStringLiteral("errorBox"));
  ASSERT_NE(box, nullptr);
  EXPECT_TRUE(box->text().contains(QStringLiteral("not-a-sequence")));
  EXPECT_FALSE(w.document().isOpen());
}

}  // namespace
}  // namespace lidarlabel
