// Several people on one server sequence: different boxes both survive, the same box gives the
// second writer a conflict (nothing lost, both in the audit log), a compare-and-set race has
// exactly one winner, others hear of commits through notifications without geometry, and
// disjoint point-label edits merge.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "lidarlabel/io/store.h"
#include "pg_conn.h"
#include "server_support.h"

namespace lidarlabel::test {
namespace {

class ServerConcurrency : public ServerTest {
 protected:
  void SetUp() override {
    ServerTest::SetUp();
    if (IsSkipped()) return;
    importSynthetic();
    alice_ = user("alice", "reviewer");
    bob_ = user("bob", "reviewer");
  }
  std::unique_ptr<ServerStore> alice_, bob_;
};

TEST_F(ServerConcurrency, TwoPeopleEditingDifferentBoxesOfOneFrameBothKeepTheirEdits) {
  const StoredFrame a = alice_->loadFrame(kSynthetic, 4), b = bob_->loadFrame(kSynthetic, 4);
  ObjectAnnotation mine = a.frame.objects[0], theirs = b.frame.objects[1];
  mine.box.yaw = 0.5;
  theirs.className = "van";
  ASSERT_TRUE(alice_->commitBox(kSynthetic, 4, {a.boxes[0].id, a.boxes[0].version, mine, ""}).ok);
  ASSERT_TRUE(bob_->commitBox(kSynthetic, 4, {b.boxes[1].id, b.boxes[1].version, theirs, ""}).ok);
  const StoredFrame after = owner()->loadFrame(kSynthetic, 4);
  EXPECT_EQ(after.frame.objects[0], mine);
  EXPECT_EQ(after.frame.objects[1], theirs);
}

TEST_F(ServerConcurrency, TheSecondWriterOfOneBoxGetsAConflictAndTheAuditShowsBoth) {
  const StoredFrame a = alice_->loadFrame(kSynthetic, 4), b = bob_->loadFrame(kSynthetic, 4);
  const BoxStamp stamp = a.boxes[2];
  ObjectAnnotation mine = a.frame.objects[2], theirs = b.frame.objects[2];
  mine.box.center.x() += 1.0;
  theirs.box.size.z() = 2.5;
  ASSERT_TRUE(alice_->commitBox(kSynthetic, 4, {stamp.id, stamp.version, mine, ""}).ok);
  const BoxCommit conflict = bob_->commitBox(kSynthetic, 4, {stamp.id, stamp.version, theirs, ""});
  ASSERT_FALSE(conflict.ok);
  EXPECT_EQ(conflict.current, mine) << "bob is shown alice's version beside his own";
  // Bob decides: keep alice's move, add his height, commit on her version.
  ObjectAnnotation merged = *conflict.current;
  merged.box.size.z() = 2.5;
  ASSERT_TRUE(bob_->commitBox(kSynthetic, 4, {stamp.id, conflict.stamp.version, merged, ""}).ok);
  EXPECT_EQ(owner()->loadFrame(kSynthetic, 4).frame.objects[2], merged);
  const std::vector<std::string> audit = auditOf(stamp.id);
  ASSERT_EQ(audit.size(), 2u);  // the import (1,391 boxes) is one BULK INSERT row
  EXPECT_EQ(audit[0], "alice:UPDATE:2");
  EXPECT_EQ(audit[1], "bob:UPDATE:3");
  pg::Connection c(ownerUri());
  const pg::Result bulk = c.exec(
      "SELECT actor FROM lidarlabel.audit_log WHERE table_name = 'boxes' AND op = 'BULK INSERT' "
      "AND $1 BETWEEN (new_row ->> 'first_id')::bigint AND (new_row ->> 'last_id')::bigint",
      {pg::number(stamp.id)});
  ASSERT_EQ(bulk.rows(), 1);
  EXPECT_EQ(bulk.str(0, 0), "postgres");
}

TEST_F(ServerConcurrency, ACompareAndSetRaceHasExactlyOneWinner) {
  const StoredFrame f = owner()->loadFrame(kSynthetic, 9);
  for (int round = 0; round < 10; ++round) {
    const StoredFrame now = owner()->loadFrame(kSynthetic, 9);
    const BoxStamp stamp = now.boxes[0];
    std::atomic<int> wins{0}, conflicts{0}, ready{0};
    std::vector<std::thread> writers;
    for (int w = 0; w < 4; ++w)
      writers.emplace_back([&, w] {
        const auto store = ServerStore::open(w % 2 ? uriOf("alice") : uriOf("bob"));
        ObjectAnnotation o = f.frame.objects[0];
        o.box.yaw = 0.1 * (w + 1) + round;
        ++ready;
        while (ready < 4) std::this_thread::yield();
        const BoxCommit c = store->commitBox(kSynthetic, 9, {stamp.id, stamp.version, o, ""});
        (c.ok ? wins : conflicts)++;
      });
    for (std::thread& t : writers) t.join();
    EXPECT_EQ(wins, 1) << "round " << round;
    EXPECT_EQ(conflicts, 3) << "round " << round;
    EXPECT_EQ(owner()->loadFrame(kSynthetic, 9).boxes[0].version, stamp.version + 1);
  }
}

TEST_F(ServerConcurrency, OthersHearOfACommitWithIdsAndVersionsButNoGeometry) {
  bob_->listen();
  const StoredFrame a = alice_->loadFrame(kSynthetic, 6);
  ObjectAnnotation o = a.frame.objects[0];
  o.box.center = {12.345678, -6.5, 0.75};
  o.className = "bicycle";
  ASSERT_TRUE(alice_->commitBox(kSynthetic, 6, {a.boxes[0].id, a.boxes[0].version, o, ""}).ok);
  std::vector<ServerChange> changes;
  for (int i = 0; i < 50 && changes.empty(); ++i) changes = bob_->pollChanges(100);
  ASSERT_EQ(changes.size(), 1u);
  EXPECT_EQ(changes[0].table, "boxes");
  EXPECT_EQ(changes[0].op, "UPDATE");
  EXPECT_EQ(changes[0].id, a.boxes[0].id);
  EXPECT_EQ(changes[0].version, a.boxes[0].version + 1);
  for (const char* leaked : {"12.345678", "bicycle", "cx", "class", "yaw", "attributes"})
    EXPECT_EQ(changes[0].payload.find(leaked), std::string::npos) << changes[0].payload;
}

TEST_F(ServerConcurrency, DisjointPointLabelEditsMerge) {
  const StoredLabels base = alice_->loadPointLabels(kSynthetic, 1);
  PointLabels mine = base.labels, theirs = base.labels;
  mine.semantic[0] = 48;      // alice labels point 0
  theirs.semantic[100] = 70;  // bob labels point 100
  theirs.instance[100] = 7;
  ASSERT_TRUE(bob_->commitPointLabels(kSynthetic, 1, base.version, theirs).ok);
  const LabelCommit late = alice_->commitPointLabels(kSynthetic, 1, base.version, mine);
  ASSERT_FALSE(late.ok);
  std::size_t clashes = 99;
  const PointLabels merged = mergePointLabels(base.labels, mine, late.current, &clashes);
  EXPECT_EQ(clashes, 0u);
  ASSERT_TRUE(alice_->commitPointLabels(kSynthetic, 1, late.version, merged).ok);
  const PointLabels stored = owner()->loadPointLabels(kSynthetic, 1).labels;
  EXPECT_EQ(stored.semantic[0], 48);
  EXPECT_EQ(stored.semantic[100], 70);
  EXPECT_EQ(stored.instance[100], 7);
}

}  // namespace
}  // namespace lidarlabel::test
