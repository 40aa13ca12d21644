// Two processes on one server sequence: a MainWindow open on it, and a real second client
// process (server_child, another login role) editing the same frame. The window shows the other
// process's box and point-label changes live, and a collision as a conflict.
#include <QProcess>
#include <QStatusBar>
#include <QTableWidget>
#include <QTest>
#include <cmath>

#include <gtest/gtest.h>

#include "../desk_fixture.h"
#include "lidarlabel/app/conflicts_dock.h"
#include "lidarlabel/app/editor.h"
#include "lidarlabel/app/server_sync.h"
#include "server_support.h"

namespace lidarlabel::test {
namespace {

class ServerProcess : public ServerTest {
 protected:
  void SetUp() override {
    ServerTest::SetUp();
    if (IsSkipped()) return;
    qtApp();
    importSyntheticForAliceAndBob();
    dir_ = scratchDir();
    MainWindowConfig c = deskConfig();
    c.server.journalFolder = dir_ + "/journals";
    c.server.pollMilliseconds = 20;
    window_ = std::make_unique<MainWindow>(c);
    window_->show();
    ASSERT_TRUE(window_->openFolder(QString::fromStdString(locationOf("bob"))));
    window_->document().setCurrentFrame(4);
  }
  // Runs the child as alice and waits for it (the window's event loop does not run meanwhile).
  QString child(const QStringList& args) const {
    QProcess p;
    p.start(LIDARLABEL_SERVER_CHILD,
            QStringList{QString::fromStdString(uriOf("alice")), kSynthetic, "4"} + args);
    EXPECT_TRUE(p.waitForFinished(30000));
    EXPECT_EQ(p.exitStatus(), QProcess::NormalExit);
    return QString::fromUtf8(p.readAllStandardOutput()).trimmed() +
           QString::fromUtf8(p.readAllStandardError()).trimmed();
  }
  Document& document() { return window_->document(); }

  std::string dir_;
  std::unique_ptr<MainWindow> window_;
};

TEST_F(ServerProcess, TheWindowShowsAnotherProcesssBoxChangeLiveWithoutAnUndoStep) {
  const ObjectId id = document().objects(4)[1].trackId;
  const double height = document().object(4, id)->box.size.z();
  EXPECT_EQ(child({"taller", "1", "0.5"}), "ok 2");
  EXPECT_TRUE(QTest::qWaitFor(
      [&] { return std::abs(document().object(4, id)->box.size.z() - (height + 0.5)) < 1e-6; },
      5000));
  EXPECT_EQ(document().undoStack()->count(), 0);
}

TEST_F(ServerProcess, TheWindowShowsAnotherProcesssPointLabelsLive) {
  ASSERT_TRUE(document().pointLabels(4));
  EXPECT_EQ(child({"paint", "0", "30", "52"}), "ok 2");
  EXPECT_TRUE(QTest::qWaitFor([&] { return document().pointLabels(4)->semantic[15] == 52; }, 5000));
  EXPECT_EQ(document().undoStack()->count(), 0);
}

TEST_F(ServerProcess, AnEditCollidingWithAnotherProcesssCommitIsAConflictInTheDock) {
  const ObjectId id = document().objects(4)[0].trackId;
  Cuboid mine = document().object(4, id)->box;
  mine.size.z() += 1.5;
  EXPECT_EQ(child({"taller", "0", "0.5"}), "ok 2");  // first; the window has not heard of it
  ASSERT_TRUE(window_->editor().setBox(id, mine));
  ASSERT_TRUE(QTest::qWaitFor(
      [&] { return !window_->workspace().serverSync()->conflicts().empty(); }, 5000));
  auto* dock = static_cast<ConflictsDock*>(window_->conflictsPanel());
  ASSERT_EQ(dock->table()->rowCount(), 1);
  EXPECT_EQ(dock->table()->item(0, 1)->text(), "5");
  EXPECT_TRUE(window_->statusBar()->currentMessage().contains("Conflict"));
  EXPECT_EQ(document().object(4, id)->box, mine);  // mine still shown
}

TEST_F(ServerProcess, PointsLabelledDifferentlyByTheWindowAndAnotherProcessAreAConflictRow) {
  ASSERT_TRUE(document().pointLabels(4));
  EXPECT_EQ(child({"paint", "0", "30", "52"}), "ok 2");  // first; the window has not heard of it
  std::vector<std::uint32_t> points(20);
  for (std::uint32_t i = 0; i < 20; ++i) points[i] = 20 + i;  // 20..29 collide
  ASSERT_GT(window_->editor().paintPoints(points, 99, 0), 0);
  ASSERT_TRUE(window_->workspace().serverSync()->commitPending());
  ASSERT_EQ(window_->workspace().serverSync()->labelConflicts().size(), 1u);
  EXPECT_EQ(window_->workspace().serverSync()->labelConflicts()[0].points.size(), 10u);
  auto* dock = static_cast<ConflictsDock*>(window_->conflictsPanel());
  ASSERT_EQ(dock->table()->rowCount(), 1);
  EXPECT_EQ(dock->table()->item(0, 0)->text(), "10 point(s)");
  EXPECT_EQ(document().pointLabels(4)->semantic[5], 52);   // theirs, merged in
  EXPECT_EQ(document().pointLabels(4)->semantic[35], 99);  // mine
}

}  // namespace
}  // namespace lidarlabel::test
