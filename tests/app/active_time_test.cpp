// Active annotation time: gaps between inputs count for the frame shown, idle gaps for nothing;
// the recorder feeds the document from real input events with an injected clock.
#include <QKeyEvent>
#include <QWidget>

#include <gtest/gtest.h>

#include "editor_fixture.h"
#include "lidarlabel/app/active_time.h"
#include "qt_app.h"

namespace lidarlabel {
namespace {

TEST(ActiveTime, TheGapBetweenTwoInputsGoesToTheFrameShownDuringIt) {
  ActiveTimeTracker t;
  EXPECT_EQ(t.input(100.0, 3), std::nullopt);  // the first input starts the clock
  EXPECT_EQ(t.input(104.5, 3), (TimeCredit{3, 4.5}));
  EXPECT_EQ(t.input(106.0, 4), (TimeCredit{3, 1.5}));  // this input stepped to frame 4
  EXPECT_EQ(t.input(107.0, 4), (TimeCredit{4, 1.0}));
}

TEST(ActiveTime, AGapLongerThanTheIdleLimitCountsForNothing) {
  ActiveTimeTracker t(ActiveTimeConfig{60.0});
  t.input(0.0, 0);
  EXPECT_EQ(t.input(60.0, 0), (TimeCredit{0, 60.0}));  // the limit itself still counts
  EXPECT_EQ(t.input(180.0, 0), std::nullopt);          // two minutes away
  EXPECT_EQ(t.input(182.0, 0), (TimeCredit{0, 2.0}));  // counting again from the return
}

TEST(ActiveTime, AFrameChangeWithoutInputSplitsTheTime) {
  ActiveTimeTracker t;
  EXPECT_EQ(t.frameChanged(5.0, 1), std::nullopt);  // nobody at the desk yet
  t.input(10.0, 1);
  EXPECT_EQ(t.frameChanged(12.0, 2), (TimeCredit{1, 2.0}));
  EXPECT_EQ(t.input(15.0, 2), (TimeCredit{2, 3.0}));
  t.reset();
  EXPECT_EQ(t.input(16.0, 2), std::nullopt);
}

TEST(ActiveTime, TheRecorderCreditsTheCurrentFrameFromKeyPressesInItsWindow) {
  test::qtApp();
  Document doc;
  test::openAnnotated(doc);
  doc.setCurrentFrame(1);
  QWidget window, other;
  auto* child = new QWidget(&window);
  double now = 0.0;
  ActiveTimeRecorder recorder(doc, &window, {}, [&now] { return now; });
  auto press = [](QWidget* w) {
    QKeyEvent e(QEvent::KeyPress, Qt::Key_Right, Qt::NoModifier);
    QApplication::sendEvent(w, &e);
  };
  press(child);
  now = 3.0;
  press(child);
  now = 5.0;
  press(&other);  // another window: not this desk's time
  now = 100.0;
  press(child);  // 97 s after the last input here: idle
  now = 101.0;
  press(child);
  EXPECT_DOUBLE_EQ(doc.sequence().frames[1].annotationSeconds, 4.0);
  EXPECT_DOUBLE_EQ(doc.sequence().frames[0].annotationSeconds, 0.0);
  EXPECT_FALSE(doc.isModified());
}

}  // namespace
}  // namespace lidarlabel
