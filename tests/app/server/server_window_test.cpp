// The window on a server sequence: opened by location like a folder, other people's changes
// appear while it runs, and a collision shows in the Conflicts dock with both versions.
#include <QDockWidget>
#include <QPushButton>
#include <QStatusBar>
#include <QTableWidget>
#include <QTest>

#include <gtest/gtest.h>

#include "../desk_fixture.h"
#include "lidarlabel/app/conflicts_dock.h"
#include "lidarlabel/app/editor.h"
#include "lidarlabel/app/server_sync.h"
#include "server_support.h"

namespace lidarlabel::test {
namespace {

class ServerWindow : public ServerTest {
 protected:
  void SetUp() override {
    ServerTest::SetUp();
    if (IsSkipped()) return;
    qtApp();
    importSyntheticForAliceAndBob();
    dir_ = scratchDir();
  }
  MainWindowConfig config() const {
    MainWindowConfig c = deskConfig();
    c.server.journalFolder = dir_ + "/journals";
    c.server.pollMilliseconds = 20;
    return c;
  }
  std::string dir_;
};

// A second desk without a window (alice) on the same sequence, at frame 4.
struct AliceDesk {
  AliceDesk(const std::string& uri, const std::string& journal)
      : sync(document, ServerStore::open(uri), kSynthetic, {journal, 0}) {
    document.setCurrentFrame(4);
  }
  Document document{DocumentConfig{8, false}};
  Editor editor{document};
  ServerSync sync;
};

TEST_F(ServerWindow, OpensAServerLocationLikeAFolderWithNothingToSave) {
  MainWindow window(config());
  window.show();
  ASSERT_TRUE(window.openFolder(QString::fromStdString(locationOf("bob"))));
  EXPECT_TRUE(window.workspace().isServer());
  EXPECT_EQ(window.document().frameCount(), 40u);
  EXPECT_EQ(window.workspace().documentPath(), "");  // no file, no lock, no recovery file
  EXPECT_TRUE(window.conflictsPanel()->isVisible());
  window.document().setCurrentFrame(4);
  const ObjectId id = window.document().objects(4)[0].trackId;
  Cuboid b = window.document().object(4, id)->box;
  b.size.z() += 0.5;
  ASSERT_TRUE(window.editor().setBox(id, b));
  EXPECT_TRUE(QTest::qWaitFor([&] { return !window.document().isModified(); }, 5000));
  const StoredFrame f = owner()->loadFrame(kSynthetic, 4);
  EXPECT_EQ(f.frame.objects[0].box, b);
  EXPECT_TRUE(window.save());  // nothing left to send
}

TEST_F(ServerWindow, ACollisionShowsBothVersionsInTheConflictsDockAndTakeTheirsResolvesIt) {
  MainWindow window(config());
  window.show();
  ASSERT_TRUE(window.openFolder(QString::fromStdString(locationOf("bob"))));
  window.document().setCurrentFrame(4);
  AliceDesk desk(uriOf("alice"), dir_ + "/alice.jsonl");
  Document& aliceDoc = desk.document;
  Editor& alice = desk.editor;
  ServerSync& aliceSync = desk.sync;
  const ObjectId id = aliceDoc.objects(4)[0].trackId, other = aliceDoc.objects(4)[1].trackId;

  // A change of another box arrives while the window runs (its poll timer), no undo step.
  Cuboid moved = aliceDoc.object(4, other)->box;
  moved.center.x() += 1.0;
  ASSERT_TRUE(alice.setBox(other, moved));
  QApplication::processEvents();  // alice's queued commit
  EXPECT_TRUE(
      QTest::qWaitFor([&] { return window.document().object(4, other)->box == moved; }, 5000));
  EXPECT_EQ(window.document().undoStack()->count(), 0);

  // Both change box `id`: alice first; the window (which has not heard of it yet) second.
  Cuboid theirs = aliceDoc.object(4, id)->box, mine = window.document().object(4, id)->box;
  theirs.size.z() += 0.5;
  mine.size.z() += 1.5;
  ASSERT_TRUE(alice.setBox(id, theirs));
  ASSERT_TRUE(aliceSync.commitPending());  // no event loop turn: the window cannot hear of it
  ASSERT_TRUE(window.editor().setBox(id, mine));
  ASSERT_TRUE(
      QTest::qWaitFor([&] { return !window.workspace().serverSync()->conflicts().empty(); }, 5000));
  auto* dock = static_cast<ConflictsDock*>(window.conflictsPanel());
  ASSERT_EQ(dock->table()->rowCount(), 1);
  EXPECT_EQ(dock->table()->item(0, 1)->text(), "5");  // frame 4, shown 1-based
  EXPECT_EQ(dock->table()->item(0, 2)->text(), conflictSideText(*aliceDoc.object(4, id)));
  EXPECT_EQ(dock->table()->item(0, 3)->text(), conflictSideText(*window.document().object(4, id)));
  EXPECT_TRUE(window.statusBar()->currentMessage().contains("Conflict"));
  EXPECT_EQ(window.document().object(4, id)->box, mine);  // mine is still shown

  dock->table()->selectRow(0);
  QTest::mouseClick(dock->takeTheirsButton(), Qt::LeftButton);
  EXPECT_EQ(dock->table()->rowCount(), 0);
  EXPECT_EQ(window.document().object(4, id)->box, theirs);
}

TEST_F(ServerWindow, ARenumberingOntoATakenTrackIdShowsItsReasonAndTakeTheirsShowsBothBoxes) {
  MainWindow window(config());
  window.show();
  ASSERT_TRUE(window.openFolder(QString::fromStdString(locationOf("bob"))));
  window.document().setCurrentFrame(4);
  AliceDesk desk(uriOf("alice"), dir_ + "/alice.jsonl");
  Document& aliceDoc = desk.document;
  Editor& alice = desk.editor;
  ServerSync& aliceSync = desk.sync;
  const ObjectId mine = aliceDoc.objects(4)[0].trackId, theirs = aliceDoc.objects(4)[1].trackId;
  ASSERT_TRUE(alice.setTrackId(theirs, 60000));
  ASSERT_TRUE(aliceSync.commitPending());  // no event loop turn: the window cannot hear of it
  ASSERT_TRUE(window.editor().setTrackId(mine, 60000));
  ASSERT_TRUE(
      QTest::qWaitFor([&] { return !window.workspace().serverSync()->conflicts().empty(); }, 5000));
  auto* dock = static_cast<ConflictsDock*>(window.conflictsPanel());
  ASSERT_EQ(dock->table()->rowCount(), 1);
  EXPECT_TRUE(dock->table()->item(0, 0)->text().contains(
      "track id 60000 is used by another box of this frame"))
      << dock->table()->item(0, 0)->text().toStdString();
  EXPECT_TRUE(window.statusBar()->currentMessage().contains("refused"))
      << window.statusBar()->currentMessage().toStdString();

  dock->table()->selectRow(0);
  QTest::mouseClick(dock->takeTheirsButton(), Qt::LeftButton);
  EXPECT_EQ(dock->table()->rowCount(), 0);
  ASSERT_NE(window.document().object(4, mine), nullptr);   // mine back under its stored id
  ASSERT_NE(window.document().object(4, 60000), nullptr);  // and alice's box shown
  EXPECT_EQ(*window.document().object(4, 60000), *aliceDoc.object(4, 60000));
}

}  // namespace
}  // namespace lidarlabel::test
