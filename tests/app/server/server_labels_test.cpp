// Point labels on a server, two desks: a stroke is one commit of the frame's labels, disjoint
// strokes of one frame merge, the same points labelled differently become a conflict, and other
// people's labels arrive live without an undo step.
#include <QTest>
#include <numeric>

#include "desk_server.h"

namespace lidarlabel::test {
namespace {

std::vector<std::uint32_t> range(std::uint32_t first, std::uint32_t count) {
  std::vector<std::uint32_t> v(count);
  std::iota(v.begin(), v.end(), first);
  return v;
}

// Frame 4 of the synthetic sample has no point of class 52 or 99: painting them changes every
// point it touches.
class DeskLabels : public DeskServer {
 protected:
  void SetUp() override {
    DeskServer::SetUp();
    if (IsSkipped()) return;
    // Both desks read frame 4's labels before either paints: their strokes are concurrent.
    ASSERT_TRUE(alice_->document.pointLabels(4));
    ASSERT_TRUE(bob_->document.pointLabels(4));
  }
  static std::uint16_t semanticAt(Document& d, std::uint32_t point) {
    return d.pointLabels(4)->semantic.at(point);
  }
  std::uint16_t onServerAt(std::uint32_t point) const {
    return owner()->loadPointLabels(kSynthetic, 4).labels.semantic.at(point);
  }
};

TEST_F(DeskLabels, DisjointStrokesOfOneFrameByTwoDesksBothSurviveAndArriveLive) {
  ASSERT_GT(alice_->editor.paintPoints(range(0, 50), 52, 0), 0);
  ASSERT_TRUE(alice_->commit());
  ASSERT_GT(bob_->editor.paintPoints(range(500, 50), 99, 0), 0);
  ASSERT_TRUE(bob_->commit());  // made on the version before alice's: merged
  EXPECT_EQ(onServerAt(10), 52);
  EXPECT_EQ(onServerAt(510), 99);
  EXPECT_EQ(semanticAt(bob_->document, 10), 52);  // the merge is shown at once
  EXPECT_TRUE(bob_->sync->labelConflicts().empty());
  EXPECT_TRUE(alice_->receiveUntil([&] { return semanticAt(alice_->document, 510) == 99; }));
  EXPECT_EQ(semanticAt(alice_->document, 10), 52);
  EXPECT_EQ(alice_->document.undoStack()->count(), 1);  // the remote labels are no undo step
  EXPECT_EQ(bob_->document.undoStack()->count(), 1);
  EXPECT_FALSE(alice_->document.isModified());
}

TEST_F(DeskLabels, TheSamePointsLabelledDifferentlyBecomeAConflictAndKeepMineCommitsMine) {
  QStringList messages;
  QObject::connect(bob_->sync.get(), &ServerSync::statusMessage,
                   [&](const QString& m) { messages << m; });
  ASSERT_GT(alice_->editor.paintPoints(range(0, 50), 52, 0), 0);
  ASSERT_TRUE(alice_->commit());
  ASSERT_GT(bob_->editor.paintPoints(range(25, 50), 99, 0), 0);
  ASSERT_TRUE(bob_->commit());
  ASSERT_EQ(bob_->sync->labelConflicts().size(), 1u);
  const LabelConflict& c = bob_->sync->labelConflicts()[0];
  EXPECT_EQ(c.frame, 4u);
  EXPECT_EQ(c.points, range(25, 25));  // 25..49: both labelled them
  EXPECT_EQ(c.theirs.semantic, std::vector<std::uint16_t>(25, 52));
  EXPECT_EQ(c.mine.semantic, std::vector<std::uint16_t>(25, 99));
  ASSERT_FALSE(messages.isEmpty());
  EXPECT_TRUE(messages.back().contains("Conflict")) << messages.back().toStdString();
  EXPECT_EQ(semanticAt(bob_->document, 30), 52);  // theirs shown at the collision ...
  EXPECT_EQ(semanticAt(bob_->document, 60), 99);  // ... mine where only I labelled
  EXPECT_EQ(onServerAt(60), 99);

  bob_->sync->keepMineLabels(0);
  EXPECT_TRUE(bob_->sync->labelConflicts().empty());
  EXPECT_EQ(semanticAt(bob_->document, 30), 99);
  EXPECT_EQ(onServerAt(30), 99);
  EXPECT_TRUE(alice_->receiveUntil([&] { return semanticAt(alice_->document, 30) == 99; }));
}

TEST_F(DeskLabels, AStrokeOfManySegmentsIsOneUndoStepAndOneCommitUnderItsAuthor) {
  Desk carl(uriOf("bob"), dir_ + "/carl.jsonl");
  carl.sync.reset();  // re-opened with a short quiet time, as the window runs it
  carl.sync = std::make_unique<ServerSync>(carl.document, ServerStore::open(uriOf("bob")),
                                           kSynthetic, ServerSyncConfig{dir_ + "/c.jsonl", 0, 50});
  carl.document.setCurrentFrame(4);
  const std::size_t before = auditOf("point_labels").size();
  for (std::uint32_t s = 0; s < 5; ++s)
    ASSERT_GT(carl.editor.paintPoints(range(100 + 10 * s, 10), 99, 0, {}, s > 0), 0);
  EXPECT_EQ(carl.document.undoStack()->count(), 1);
  EXPECT_TRUE(QTest::qWaitFor([&] { return !carl.document.isModified(); }, 5000));
  const std::vector<std::string> audit = auditOf("point_labels");
  ASSERT_EQ(audit.size(), before + 1);
  EXPECT_EQ(audit.back().rfind("bob:UPDATE:", 0), 0u) << audit.back();
  EXPECT_EQ(onServerAt(145), 99);
}

TEST_F(DeskLabels, UndoOfAStrokeIsACommitTheOtherDeskSees) {
  const std::uint16_t was = semanticAt(alice_->document, 7);
  ASSERT_GT(alice_->editor.paintPoints(range(0, 20), 30, 0), 0);
  ASSERT_TRUE(alice_->commit());
  EXPECT_TRUE(bob_->receiveUntil([&] { return semanticAt(bob_->document, 7) == 30; }));
  alice_->document.undoStack()->undo();
  ASSERT_TRUE(alice_->commit());
  EXPECT_EQ(onServerAt(7), was);
  EXPECT_TRUE(bob_->receiveUntil([&] { return semanticAt(bob_->document, 7) == was; }));
  EXPECT_EQ(bob_->document.undoStack()->count(), 0);
}

TEST_F(DeskLabels, UndoOfAStrokeSomeoneRelabelledSinceKeepsTheirPointsAndShowsAConflict) {
  std::vector<std::uint16_t> was;
  for (std::uint32_t i = 0; i < 20; ++i) was.push_back(semanticAt(alice_->document, i));
  ASSERT_GT(alice_->editor.paintPoints(range(0, 20), 52, 0), 0);
  ASSERT_TRUE(alice_->commit());
  ASSERT_TRUE(bob_->receiveUntil([&] { return semanticAt(bob_->document, 5) == 52; }));
  ASSERT_GT(bob_->editor.paintPoints(range(0, 10), 99, 0), 0);  // bob corrects half of it
  ASSERT_TRUE(bob_->commit());
  ASSERT_TRUE(alice_->receiveUntil([&] { return semanticAt(alice_->document, 5) == 99; }));
  alice_->document.undoStack()->undo();  // the stroke predates bob's correction
  ASSERT_TRUE(alice_->commit());
  EXPECT_EQ(onServerAt(5), 99);        // bob's points are not reverted silently ...
  EXPECT_EQ(onServerAt(15), was[15]);  // ... the rest of the stroke is undone
  EXPECT_EQ(semanticAt(alice_->document, 5), 99);
  ASSERT_EQ(alice_->sync->labelConflicts().size(), 1u);
  const LabelConflict& c = alice_->sync->labelConflicts()[0];
  EXPECT_EQ(c.points, range(0, 10));
  EXPECT_EQ(c.mine.semantic, std::vector<std::uint16_t>(was.begin(), was.begin() + 10));
  EXPECT_EQ(c.theirs.semantic, std::vector<std::uint16_t>(10, 99));
}

TEST_F(DeskLabels, AStrokeJournalledByACrashedDeskIsSentWhenTheSequenceOpensAgain) {
  const std::string journal = dir_ + "/crashed.jsonl";
  {
    CommitJournal j(journal);
    const StoredLabels base = owner()->loadPointLabels(kSynthetic, 4);
    PointLabels mine = base.labels;
    for (std::uint32_t i = 200; i < 210; ++i) mine.semantic[i] = 48;
    j.enqueueLabels(kSynthetic, 4, {base.version, base.labels, mine, ""});
  }  // "crashed" before sending
  Desk again(uriOf("alice"), journal);
  EXPECT_EQ(onServerAt(205), 48);
  EXPECT_EQ(semanticAt(again.document, 205), 48);
  EXPECT_TRUE(CommitJournal(journal).pending().empty());
}

}  // namespace
}  // namespace lidarlabel::test
