// Frame review and track ids on a server, two desks: review decisions and comments are committed
// and shown live on the other desk, appends by both merge, an annotator is told that review
// state is not theirs to set (nothing lost), and new tracks get ids the server hands out.
#include "desk_server.h"

namespace lidarlabel::test {
namespace {

class DeskReview : public DeskServer {
 protected:
  ReviewRecord onServer() const { return owner()->loadFrame(kSynthetic, 4).frame.review; }
};

TEST_F(DeskReview, AFrameAcceptedInOneDeskIsCommittedAndShownLiveInTheOther) {
  alice_->editor.setReviewer("alice");
  ASSERT_TRUE(alice_->editor.acceptFrame("looks right"));
  ASSERT_TRUE(alice_->commit());
  const ReviewRecord review = alice_->document.sequence().frames[4].review;
  ASSERT_EQ(review.decisions.size(), 1u);
  EXPECT_EQ(onServer(), review);
  EXPECT_EQ(alice_->sync->reviewVersion(4), 2);
  EXPECT_TRUE(
      bob_->receiveUntil([&] { return bob_->document.sequence().frames[4].review == review; }));
  EXPECT_EQ(bob_->document.undoStack()->count(), 0);  // not an undo step there
  const std::vector<std::string> audit = auditOf("frames");
  ASSERT_FALSE(audit.empty());
  EXPECT_EQ(audit.back(), "alice:UPDATE:2");
}

TEST_F(DeskReview, CommentsAddedByBothDesksAtOnceAreBothKept) {
  ASSERT_TRUE(alice_->editor.commentFrame("alice was here"));
  ASSERT_TRUE(alice_->commit());
  ASSERT_TRUE(bob_->editor.commentFrame("bob too"));  // made on the version before alice's
  ASSERT_TRUE(bob_->commit());
  const ReviewRecord merged = onServer();
  ASSERT_EQ(merged.comments.size(), 2u);
  EXPECT_EQ(merged.comments[0].text, "alice was here");
  EXPECT_EQ(merged.comments[1].text, "bob too");
  EXPECT_EQ(bob_->document.sequence().frames[4].review, merged);
  EXPECT_TRUE(bob_->sync->reviewConflicts().empty());
  EXPECT_TRUE(
      alice_->receiveUntil([&] { return alice_->document.sequence().frames[4].review == merged; }));
}

TEST_F(DeskReview, AnUndoMeetingSomeoneElsesCommentIsAConflictAndKeepMineCommitsIt) {
  ASSERT_TRUE(bob_->editor.rejectFrame("wrong"));
  ASSERT_TRUE(bob_->commit());
  ASSERT_TRUE(alice_->receiveUntil(
      [&] { return !alice_->document.sequence().frames[4].review.decisions.empty(); }));
  ASSERT_TRUE(alice_->editor.commentFrame("second look"));
  ASSERT_TRUE(alice_->commitUnseen());
  bob_->document.undoStack()->undo();  // removes bob's decision: no append, no merge
  ASSERT_TRUE(bob_->commit());
  ASSERT_EQ(bob_->sync->reviewConflicts().size(), 1u);
  const ReviewConflict c = bob_->sync->reviewConflicts()[0];
  EXPECT_EQ(c.frame, 4u);
  EXPECT_EQ(c.theirs, onServer());
  EXPECT_EQ(c.theirs.comments.size(), 1u);
  EXPECT_TRUE(c.mine.empty());
  EXPECT_TRUE(bob_->document.sequence().frames[4].review.empty());  // mine still shown
  bob_->sync->keepMineReview(0);
  EXPECT_TRUE(bob_->sync->reviewConflicts().empty());
  EXPECT_TRUE(onServer().empty());
}

TEST_F(DeskReview, AnAnnotatorIsToldReviewStateIsNotTheirsAndKeepsTheLocalRecord) {
  addServerUser(ownerUri(), "carol", "annotator");
  owner()->createTasks(kSynthetic, 10);
  const std::optional<ServerTask> task =
      ServerStore::open(uriOf("carol"))->claimTask("annotate", 600);
  ASSERT_TRUE(task && task->firstFrame <= 4 && task->lastFrame >= 4);
  Desk carol(uriOf("carol"), dir_ + "/carol.jsonl");
  QStringList messages;
  QObject::connect(carol.sync.get(), &ServerSync::statusMessage,
                   [&](const QString& m) { messages << m; });
  ASSERT_TRUE(carol.editor.acceptFrame());
  const ObjectId id = carol.box(0).trackId;
  ASSERT_TRUE(carol.editor.acceptObjects({id}));
  carol.commit();
  EXPECT_EQ(messages.filter("may not set review state").size(), 2)
      << messages.join("\n").toStdString();
  EXPECT_EQ(carol.document.sequence().frames[4].review.decisions.size(), 1u);  // kept locally
  EXPECT_EQ(carol.document.object(4, id)->review, ReviewState::Accepted);
  EXPECT_TRUE(onServer().empty());
  EXPECT_NE(owner()->loadFrame(kSynthetic, 4).frame.objects[0].review, ReviewState::Accepted);
}

TEST_F(DeskReview, TwoDesksCreatingTracksAtOnceGetDifferentIdsAndSeeEachOthersBoxes) {
  const std::vector<ObjectId> a = alice_->editor.duplicate({alice_->box(0).trackId});
  const std::vector<ObjectId> b = bob_->editor.duplicate({bob_->box(0).trackId});
  ASSERT_EQ(a.size(), 1u);
  ASSERT_EQ(b.size(), 1u);
  EXPECT_NE(a[0], b[0]);
  EXPECT_LT(std::max(a[0], b[0]), 65536u);
  EXPECT_FALSE(alice_->document.lastTrackIdFallback());
  ASSERT_TRUE(alice_->commit());
  ASSERT_TRUE(bob_->commit());
  EXPECT_TRUE(alice_->receiveUntil([&] { return alice_->document.object(4, b[0]) != nullptr; }));
  EXPECT_TRUE(bob_->receiveUntil([&] { return bob_->document.object(4, a[0]) != nullptr; }));
  // An id reserved and not (yet) used is not handed out again.
  const ObjectId next = alice_->document.newTrackIds(2);
  EXPECT_GT(next, std::max(a[0], b[0]));
  EXPECT_GT(bob_->document.newTrackIds(1), next + 1);
}

}  // namespace
}  // namespace lidarlabel::test
