// Two desks (Document + Editor + ServerSync, as the window wires them) on one server sequence of
// the program's throwaway cluster: edits become commits, other people's changes arrive live
// without an undo step, collisions become conflicts with both versions and nothing is lost.
#include "desk_server.h"

namespace lidarlabel::test {
namespace {

TEST_F(DeskServer, EditsOfDifferentBoxesOfOneFrameBothSurviveAndAppearInTheOtherDeskLive) {
  const ObjectId a = alice_->box(0).trackId, b = alice_->box(1).trackId;
  const Cuboid aliceBox = alice_->taller(a, 0.5), bobBox = bob_->taller(b, -0.25);
  ASSERT_TRUE(alice_->editor.setBox(a, aliceBox));
  ASSERT_TRUE(bob_->editor.setBox(b, bobBox));
  alice_->settle();
  bob_->settle();
  EXPECT_EQ(onServer(alice_->sync->stampOf(4, a).id).box, aliceBox);
  EXPECT_EQ(onServer(bob_->sync->stampOf(4, b).id).box, bobBox);
  EXPECT_TRUE(alice_->receiveUntil([&] { return alice_->document.object(4, b)->box == bobBox; }));
  EXPECT_TRUE(bob_->receiveUntil([&] { return bob_->document.object(4, a)->box == aliceBox; }));
  EXPECT_EQ(alice_->document.object(4, a)->box, aliceBox);  // own edit kept
  EXPECT_EQ(alice_->document.undoStack()->count(), 1);      // the remote change is no undo step
  EXPECT_EQ(bob_->document.undoStack()->count(), 1);
  EXPECT_TRUE(alice_->sync->conflicts().empty());
  EXPECT_TRUE(bob_->sync->conflicts().empty());
}

TEST_F(DeskServer, TheSameBoxGivesTheSecondDeskAConflictWithBothVersionsAndNothingIsLost) {
  const ObjectId id = alice_->box(0).trackId;
  const std::int64_t boxId = alice_->sync->stampOf(4, id).id;
  const Cuboid aliceBox = alice_->taller(id, 0.5), bobBox = bob_->taller(id, 1.0);
  ASSERT_TRUE(alice_->editor.setBox(id, aliceBox));
  ASSERT_TRUE(alice_->commitUnseen());
  ASSERT_TRUE(bob_->editor.setBox(id, bobBox));  // made on version 1: alice's is version 2
  bob_->settle();
  ASSERT_EQ(bob_->sync->conflicts().size(), 1u);
  const BoxConflict& c = bob_->sync->conflicts()[0];
  EXPECT_EQ(c.boxId, boxId);
  EXPECT_EQ(c.frame, 4u);
  ASSERT_TRUE(c.theirs && c.mine);
  EXPECT_EQ(c.theirs->box, aliceBox);
  EXPECT_EQ(c.mine->box, bobBox);
  EXPECT_EQ(c.theirVersion, 2);
  EXPECT_EQ(bob_->document.object(4, id)->box, bobBox);  // the window still shows bob's
  EXPECT_EQ(onServer(boxId).box, aliceBox);              // and the server alice's

  bob_->sync->keepMine(0);
  EXPECT_TRUE(bob_->sync->conflicts().empty());
  EXPECT_EQ(onServer(boxId).box, bobBox);
  EXPECT_EQ(auditOf(boxId), (std::vector<std::string>{"alice:UPDATE:2", "bob:UPDATE:3"}));
  EXPECT_TRUE(alice_->receiveUntil([&] { return alice_->document.object(4, id)->box == bobBox; }));
}

TEST_F(DeskServer, TakingTheirsShowsTheServerBoxWithoutAnUndoStep) {
  const ObjectId id = alice_->box(0).trackId;
  const Cuboid aliceBox = alice_->taller(id, 0.5);
  ASSERT_TRUE(alice_->editor.setBox(id, aliceBox));
  ASSERT_TRUE(alice_->commitUnseen());
  ASSERT_TRUE(bob_->editor.setClass(id, "truck"));
  bob_->settle();
  ASSERT_EQ(bob_->sync->conflicts().size(), 1u);
  const int undoSteps = bob_->document.undoStack()->count();
  bob_->sync->takeTheirs(0);
  EXPECT_TRUE(bob_->sync->conflicts().empty());
  EXPECT_EQ(*bob_->document.object(4, id), onServer(alice_->sync->stampOf(4, id).id));
  EXPECT_EQ(bob_->document.undoStack()->count(), undoSteps);
  // The next edit is made on alice's version and commits.
  ASSERT_TRUE(bob_->editor.setBox(id, bob_->taller(id, 0.1)));
  bob_->settle();
  EXPECT_TRUE(bob_->sync->conflicts().empty());
  EXPECT_EQ(bob_->sync->stampOf(4, id).version, 3);
}

TEST_F(DeskServer, UndoInOneDeskIsACommitTheOtherDeskSees) {
  const ObjectId id = alice_->box(0).trackId;
  const Cuboid before = alice_->box(0).box, after = alice_->taller(id, 0.5);
  ASSERT_TRUE(alice_->editor.setBox(id, after));
  alice_->settle();
  ASSERT_TRUE(bob_->receiveUntil([&] { return bob_->document.object(4, id)->box == after; }));
  alice_->document.undoStack()->undo();
  alice_->settle();
  EXPECT_EQ(alice_->sync->stampOf(4, id).version, 3);
  EXPECT_TRUE(bob_->receiveUntil([&] { return bob_->document.object(4, id)->box == before; }));
  alice_->document.undoStack()->redo();
  alice_->settle();
  EXPECT_EQ(alice_->sync->stampOf(4, id).version, 4);
  EXPECT_TRUE(bob_->receiveUntil([&] { return bob_->document.object(4, id)->box == after; }));
  EXPECT_FALSE(alice_->document.isModified());  // everything is committed
}

TEST_F(DeskServer, UndoOfAnEditMadeBeforeSomeoneElseChangedTheBoxBecomesAConflict) {
  const ObjectId id = alice_->box(0).trackId;
  const Cuboid original = alice_->box(0).box;
  ASSERT_TRUE(alice_->editor.setBox(id, alice_->taller(id, 0.5)));
  alice_->settle();
  // bob sees alice's box and changes it further
  ASSERT_TRUE(bob_->receiveUntil([&] { return !(bob_->document.object(4, id)->box == original); }));
  ASSERT_TRUE(bob_->editor.setBox(id, bob_->taller(id, 1.0)));
  bob_->settle();
  const Cuboid bobs = bob_->document.object(4, id)->box;
  ASSERT_TRUE(alice_->receiveUntil([&] { return alice_->document.object(4, id)->box == bobs; }));
  alice_->document.undoStack()->undo();  // alice's edit predates bob's: not silently reverted
  alice_->settle();
  ASSERT_EQ(alice_->sync->conflicts().size(), 1u);
  EXPECT_EQ(alice_->sync->conflicts()[0].theirs->box, bobs);
  EXPECT_EQ(alice_->sync->conflicts()[0].mine->box, original);
  EXPECT_EQ(onServer(alice_->sync->stampOf(4, id).id).box, bobs);
}

TEST_F(DeskServer, ANewBoxAndADeletedBoxReachTheOtherDesk) {
  const ObjectId gone = alice_->box(1).trackId;
  ASSERT_EQ(alice_->editor.remove({gone}), 1);
  const std::vector<ObjectId> copies = alice_->editor.duplicate({alice_->box(0).trackId});
  ASSERT_EQ(copies.size(), 1u);
  alice_->settle();
  const BoxStamp copy = alice_->sync->stampOf(4, copies[0]);
  EXPECT_NE(copy.id, 0);
  EXPECT_EQ(alice_->sync->stampOf(4, gone).id, 0);
  EXPECT_TRUE(bob_->receiveUntil(
      [&] { return bob_->document.object(4, copies[0]) && !bob_->document.object(4, gone); }));
  EXPECT_EQ(bob_->sync->stampOf(4, copies[0]), copy);
  EXPECT_EQ(bob_->document.objects(4).size(), alice_->document.objects(4).size());
}

TEST_F(DeskServer, ABoxDeletedBySomeoneElseClearsTheLocalUndoHistoryAndSaysSo) {
  const ObjectId mine = bob_->box(0).trackId, theirs = alice_->box(1).trackId;
  ASSERT_TRUE(bob_->editor.setBox(mine, bob_->taller(mine, 0.5)));
  bob_->settle();
  ASSERT_EQ(bob_->document.undoStack()->count(), 1);
  QStringList messages;
  QObject::connect(bob_->sync.get(), &ServerSync::statusMessage,
                   [&](const QString& m) { messages << m; });
  ASSERT_EQ(alice_->editor.remove({theirs}), 1);
  alice_->settle();
  ASSERT_TRUE(bob_->receiveUntil([&] { return bob_->document.object(4, theirs) == nullptr; }));
  EXPECT_EQ(bob_->document.undoStack()->count(), 0);
  ASSERT_FALSE(messages.isEmpty());
  EXPECT_TRUE(messages.last().contains("undo history was cleared"));
  EXPECT_NE(bob_->document.object(4, mine), nullptr);  // bob's committed edit stays
}

TEST_F(DeskServer, ChangesMadeWhileTheConnectionWasLostArriveAfterItIsBack) {
  const ObjectId id = alice_->box(0).trackId;
  const Cuboid aliceBox = alice_->taller(id, 0.5);
  cluster_->admin("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = 'bob'");
  ASSERT_TRUE(alice_->editor.setBox(id, aliceBox));  // notified while bob is not listening
  alice_->settle();
  EXPECT_TRUE(bob_->receiveUntil([&] { return bob_->document.object(4, id)->box == aliceBox; }));
  EXPECT_EQ(bob_->sync->stampOf(4, id).version, 2);
}

TEST_F(DeskServer, AJournalLeftByACrashedDeskIsSentWhenTheSequenceOpensAgain) {
  const std::string journal = dir_ + "/crashed.jsonl";
  const StoredFrame f = owner()->loadFrame(kSynthetic, 7);
  ObjectAnnotation edited = f.frame.objects[0];
  edited.box.size.x() += 2.0;
  {
    CommitJournal crashed(journal);  // written, never sent
    crashed.enqueue(kSynthetic, 7, {f.boxes[0].id, f.boxes[0].version, edited, ""});
  }
  Desk again(uriOf("alice"), journal);
  EXPECT_EQ(*again.document.object(7, edited.trackId), edited);
  EXPECT_EQ(owner()->loadFrame(kSynthetic, 7).frame.objects[0], edited);
  EXPECT_EQ(again.sync->unsentCount(), 0u);
}

TEST_F(DeskServer, ARenumberingOntoAnIdSomeoneElsesBoxTookIsAConflictAndTakingTheirsShowsIt) {
  const ObjectId mine = alice_->box(0).trackId, theirs = alice_->box(1).trackId;
  const std::int64_t myBoxId = alice_->sync->stampOf(4, mine).id;
  const std::int64_t theirBoxId = alice_->sync->stampOf(4, theirs).id;
  const ObjectId wanted = 60000;
  ASSERT_TRUE(bob_->editor.setTrackId(theirs, wanted));
  ASSERT_TRUE(bob_->commitUnseen());
  ASSERT_TRUE(alice_->editor.setTrackId(mine, wanted));  // alice has not seen bob's yet
  ASSERT_TRUE(alice_->commit());
  ASSERT_EQ(alice_->sync->conflicts().size(), 1u);
  const BoxConflict c = alice_->sync->conflicts()[0];
  EXPECT_NE(c.reason.find("track id 60000"), std::string::npos) << c.reason;
  ASSERT_TRUE(c.theirs);
  EXPECT_EQ(c.theirs->trackId, mine);  // the box as stored: not renumbered
  EXPECT_EQ(onServer(myBoxId).trackId, mine);
  EXPECT_EQ(onServer(theirBoxId).trackId, wanted);

  alice_->sync->takeTheirs(0);
  EXPECT_TRUE(alice_->sync->conflicts().empty());
  ASSERT_TRUE(alice_->document.object(4, mine));
  ASSERT_TRUE(alice_->document.object(4, wanted));  // bob's box, hidden until now
  EXPECT_EQ(*alice_->document.object(4, wanted), onServer(theirBoxId));
}

TEST_F(DeskServer, TwoRenumberingsInOneCommitThatPassAnIdOnAreBothCommitted) {
  const ObjectId a = alice_->box(0).trackId, b = alice_->box(1).trackId;
  const std::int64_t boxA = alice_->sync->stampOf(4, a).id, boxB = alice_->sync->stampOf(4, b).id;
  ASSERT_TRUE(alice_->editor.setTrackId(a, 60000));  // frees a ...
  ASSERT_TRUE(alice_->editor.setTrackId(b, a));      // ... for b; b's commit is sent first
  ASSERT_TRUE(alice_->commit());
  EXPECT_TRUE(alice_->sync->conflicts().empty());
  EXPECT_EQ(onServer(boxA).trackId, 60000u);
  EXPECT_EQ(onServer(boxB).trackId, a);
}

}  // namespace
}  // namespace lidarlabel::test
