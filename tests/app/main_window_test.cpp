// GUI smoke test of the first window. Needs an X display (run under xvfb-run, see README).
#include "lidarlabel/app/main_window.h"

#include <QMessageBox>
#include <QTest>

#include <gtest/gtest.h>

#include "app_fixture.h"
#include "lidarlabel/app/commands/set_frame_objects.h"
#include "lidarlabel/io/ontology_io.h"
#include "lidarlabel/render/scene_view.h"
#include "qt_app.h"

namespace lidarlabel {
namespace {

const std::string kDot = "\u00b7";

std::string status(const MainWindow& w) { return w.statusText().toStdString(); }

std::string expected(int frame, const char* points, const char* boxes) {
  return "frame " + std::to_string(frame) + "/3 " + kDot + " " + points + " points " + kDot + " " +
         boxes;
}

// A shown, active window with the annotated sample sequence open.
struct OpenWindow {
  MainWindow window;
  explicit OpenWindow(const std::string& folder) {
    window.resize(900, 650);
    window.show();
    window.activateWindow();
    // Not asserted: with other GUI tests on the same X server (ctest -j) focus can be stolen;
    // the keys must work either way.
    (void)QTest::qWaitForWindowActive(&window, 1000);
    EXPECT_TRUE(QTest::qWaitForWindowExposed(&window));
    EXPECT_TRUE(window.openFolder(QString::fromStdString(folder)));
  }
};

TEST(MainWindow, StepsFramesWithArrowAndLetterKeysAndShowsThemInTheStatusBar) {
  test::qtApp();
  OpenWindow o(test::writeAnnotatedSequence(test::scratchDir()));
  MainWindow& w = o.window;
  EXPECT_EQ(status(w), expected(1, "124,668", "1 box"));
  QTest::keyClick(w.sceneView(), Qt::Key_Right);  // from the focused view: propagates up
  QTest::keyClick(w.sceneView(), Qt::Key_Left);
  EXPECT_EQ(w.document().currentFrame(), 0u);
  QTest::keyClick(&w, Qt::Key_Right);
  EXPECT_EQ(status(w), expected(2, "124,605", "2 boxes"));
  QTest::keyClick(&w, Qt::Key_D);
  EXPECT_EQ(status(w), expected(3, "124,478", "0 boxes"));
  QTest::keyClick(&w, Qt::Key_Right);  // stays on the last frame
  EXPECT_EQ(w.document().currentFrame(), 2u);
  QTest::keyClick(&w, Qt::Key_Left);
  EXPECT_EQ(w.document().currentFrame(), 1u);
  QTest::keyClick(&w, Qt::Key_A);
  EXPECT_EQ(w.document().currentFrame(), 0u);
  QTest::keyClick(&w, Qt::Key_End);
  EXPECT_EQ(w.document().currentFrame(), 2u);
  QTest::keyClick(&w, Qt::Key_Home);
  EXPECT_EQ(status(w), expected(1, "124,668", "1 box"));
}

TEST(MainWindow, FrameKeysStillWorkWhenAnotherWindowIsActive) {
  test::qtApp();
  OpenWindow o(test::writeAnnotatedSequence(test::scratchDir()));
  QWidget other;
  other.show();
  QApplication::setActiveWindow(&other);
  ASSERT_NE(QApplication::activeWindow(), &o.window);
  QTest::keyClick(&o.window, Qt::Key_D);
  EXPECT_EQ(o.window.document().currentFrame(), 1u);
  QTest::keyClick(&o.window, Qt::Key_End);
  EXPECT_EQ(o.window.document().currentFrame(), 2u);
}

TEST(MainWindow, RendersPointsAndBoxesInTheirClassColour) {
  test::qtApp();
  OpenWindow o(test::writeAnnotatedSequence(test::scratchDir()));
  const Rgb car = defaultOntology().colorOf("car");
  const Rgb ped = defaultOntology().colorOf("pedestrian");
  QTest::keyClick(&o.window, Qt::Key_Right);  // frame 2: car + pedestrian
  const QImage img = o.window.sceneView()->grabFramebuffer();
  EXPECT_GT(test::countNonBackground(img), img.width() * img.height() / 20);  // not blank
  EXPECT_GT(test::countColor(img, car.r, car.g, car.b), 30);
  EXPECT_GT(test::countColor(img, ped.r, ped.g, ped.b), 10);
}

TEST(MainWindow, FrameWithoutBoxesShowsNoBoxColour) {
  test::qtApp();
  OpenWindow o(test::writeAnnotatedSequence(test::scratchDir()));
  const Rgb car = defaultOntology().colorOf("car");
  QTest::keyClick(&o.window, Qt::Key_End);  // frame 3: no boxes
  const QImage img = o.window.sceneView()->grabFramebuffer();
  EXPECT_GT(test::countNonBackground(img), img.width() * img.height() / 20);
  EXPECT_EQ(test::countColor(img, car.r, car.g, car.b), 0);
}

TEST(MainWindow, IntensityModeRecoloursTheCloud) {
  test::qtApp();
  OpenWindow o(test::sampleData("semantickitti/sequences/00"));
  const QImage height = o.window.sceneView()->grabFramebuffer();
  o.window.setColorMode(ColorMode::Intensity);
  const QImage intensity = o.window.sceneView()->grabFramebuffer();
  EXPECT_NE(height, intensity);
  EXPECT_EQ(o.window.colorMode(), ColorMode::Intensity);
}

TEST(MainWindow, PlusAndMinusKeysChangeThePointSize) {
  test::qtApp();
  OpenWindow o(test::sampleData("semantickitti/sequences/00"));
  const float start = o.window.sceneView()->style().pointSize;
  QTest::keyClick(&o.window, Qt::Key_Plus);
  EXPECT_FLOAT_EQ(o.window.sceneView()->style().pointSize, 1.5f * start);
  QTest::keyClick(&o.window, Qt::Key_Minus);
  QTest::keyClick(&o.window, Qt::Key_Minus);
  EXPECT_FLOAT_EQ(o.window.sceneView()->style().pointSize, start / 1.5f);
}

TEST(MainWindow, UndoKeyRevertsAnEditAndTheStatusBarFollows) {
  test::qtApp();
  OpenWindow o(test::writeAnnotatedSequence(test::scratchDir()));
  Document& doc = o.window.document();
  doc.undoStack()->push(new SetFrameObjectsCommand(doc, 0, {}, QStringLiteral("Delete")));
  EXPECT_EQ(status(o.window), expected(1, "124,668", "0 boxes"));
  QTest::keyClick(&o.window, Qt::Key_Z, Qt::ControlModifier);
  EXPECT_EQ(status(o.window), expected(1, "124,668", "1 box"));
  QTest::keyClick(&o.window, Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
  EXPECT_EQ(doc.objects(0).size(), 0u);
}

TEST(MainWindow, OpenErrorIsShownInAMessageBoxNotACrash) {
  test::qtApp();
  MainWindow w;
  const QString missing = QString::fromStdString(test::scratchDir() + "/not-a-sequence");
  EXPECT_FALSE(w.openFolder(missing));
  auto* box = w.findChild<QMessageBox*>(QStringLiteral("errorBox"));
  ASSERT_NE(box, nullptr);
  EXPECT_TRUE(box->text().contains(QStringLiteral("not-a-sequence")));
  EXPECT_FALSE(w.document().isOpen());
}

}  // namespace
}  // namespace lidarlabel
