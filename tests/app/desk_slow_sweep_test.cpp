// A sweep that takes long to read: frame 1's sweep is a named pipe, so reading it blocks until
// the test opens the pipe's other end (a disk that answers only when told to). Stepping to it
// must not block the window; after 0.5 s a progress dialog offers Cancel, and Cancel leaves the
// window on the frame it showed.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <gtest/gtest.h>
#include <QLabel>
#include <QPushButton>
#include <QSlider>
#include <atomic>
#include <chrono>
#include <thread>

#include "desk_fixture.h"
#include "editor_fixture.h"
#include "lidarlabel/app/frame_navigator.h"
#include "lidarlabel/app/scene_presenter.h"
#include "lidarlabel/app/timeline.h"

namespace lidarlabel {
namespace {

// The fixture's sequence with frame 1's sweep replaced by a named pipe. release() starts a
// thread that keeps opening the pipe's write end until the end of the test, so every reader
// blocked in open() goes on (and finds "not a regular file") and none stays blocked.
struct PipeSequence {
  std::string folder = test::scratchDir();
  std::string pipe = folder + "/slow_sweep.bin";
  std::atomic<bool> stop = false;
  std::thread opener;
  PipeSequence() {
    Sequence s = openSequence(test::sampleData("semantickitti/sequences/00"));
    for (std::size_t i = 0; i < s.size(); ++i) s.frames[i].info.sweepPath = s.sweepPathOf(i);
    s.frames[1].info.sweepPath = pipe;
    ::unlink(pipe.c_str());
    EXPECT_EQ(::mkfifo(pipe.c_str(), 0600), 0);
    saveNativeSequence(s, (std::filesystem::path(folder) / kNativeFileName).string());
  }
  ~PipeSequence() {
    release();  // whatever still reads the pipe when the window closes
    stop = true;
    opener.join();
  }
  void release() {
    if (opener.joinable()) return;
    opener = std::thread([this] {
      while (!stop) {
        const int fd = ::open(pipe.c_str(), O_WRONLY | O_NONBLOCK);
        if (fd >= 0) ::close(fd);
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
      }
    });
  }
};

TEST(DeskSlowSweep, ShowsProgressWithCancelAndCancelStaysOnTheFrameShown) {
  test::qtApp();
  PipeSequence seq;
  test::Desk d;
  ASSERT_TRUE(d.open(seq.folder));
  FrameNavigator& nav = *d.window.navigator();
  const auto start = std::chrono::steady_clock::now();
  QTest::keyClick(&d.view(), Qt::Key_PageDown);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_LT(seconds, 2.0);  // the key returned although the read has not (nothing was written)
  EXPECT_EQ(d.doc().currentFrame(), 0u);
  EXPECT_TRUE(nav.isLoading());
  EXPECT_EQ(nav.target(), 1u);
  Timeline& timeline = *d.window.timeline();
  EXPECT_EQ(timeline.frameLabel()->text(), QStringLiteral("1 / 3 \u2192 2 (reading)"));
  QTRY_VERIFY_WITH_TIMEOUT(nav.progressDialog() != nullptr, 5000);
  EXPECT_TRUE(nav.progressDialog()->isVisible());
  EXPECT_TRUE(nav.progressDialog()->labelText().contains(QStringLiteral("slow_sweep.bin")));
  QTest::keyClick(&d.view(), Qt::Key_2);  // the window answers meanwhile
  EXPECT_EQ(d.window.coloring(), PointColoring::Intensity);
  QTest::mouseClick(nav.progressDialog()->findChild<QPushButton*>(), Qt::LeftButton);
  EXPECT_FALSE(nav.isLoading());
  EXPECT_EQ(nav.progressDialog(), nullptr);
  EXPECT_EQ(d.doc().currentFrame(), 0u);
  EXPECT_EQ(timeline.slider()->value(), 0);
  EXPECT_EQ(timeline.frameLabel()->text(), QStringLiteral("1 / 3"));
  EXPECT_NE(d.window.presenter()->frameCloud(), nullptr);  // frame 0 still shown
  seq.release();
  QTest::qWait(300);
  EXPECT_EQ(d.doc().currentFrame(), 0u);  // the read finishing later changes nothing
}

TEST(DeskSlowSweep, ASlowReadThatFinishesShowsTheFrame) {
  test::qtApp();
  PipeSequence seq;
  test::Desk d;
  ASSERT_TRUE(d.open(seq.folder));
  FrameNavigator& nav = *d.window.navigator();
  QTest::keyClick(&d.view(), Qt::Key_PageDown);
  EXPECT_TRUE(nav.isLoading());
  seq.release();  // the pipe is not a sweep: the frame is shown with the error reported
  QTRY_COMPARE(d.doc().currentFrame(), 1u);
  EXPECT_FALSE(nav.isLoading());
}

}  // namespace
}  // namespace lidarlabel
