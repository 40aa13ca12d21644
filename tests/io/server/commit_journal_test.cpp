// The write-behind commit journal against the server: changes survive a crash and a dropped
// connection, and replaying changes the server already has adds nothing.
#include <gtest/gtest.h>

#include <filesystem>

#include "lidarlabel/io/atomic_file.h"
#include "lidarlabel/io/commit_journal.h"
#include "server_support.h"

namespace fs = std::filesystem;

namespace lidarlabel::test {
namespace {

class CommitJournalOnServer : public ServerTest {
 protected:
  void SetUp() override {
    ServerTest::SetUp();
    if (IsSkipped()) return;
    importSynthetic();
    store_ = user("rev", "reviewer");
    path_ = scratchDir() + "/commits.journal";
    frame_ = store_->loadFrame(kSynthetic, 8);
  }
  // Box 0 of frame 8 moved to x, on the version it had when the test started (+ bumps).
  BoxChange moved(double x, std::int64_t bumps = 0) const {
    ObjectAnnotation o = frame_.frame.objects[0];
    o.box.center.x() = x;
    return {frame_.boxes[0].id, frame_.boxes[0].version + bumps, o, ""};
  }
  BoxChange added() const {
    ObjectAnnotation o = frame_.frame.objects[1];
    o.trackId = 4242;
    return {0, 0, o, ""};
  }
  std::size_t boxesInFrame() const { return owner()->loadFrame(kSynthetic, 8).boxes.size(); }

  std::unique_ptr<ServerStore> store_;
  std::string path_;
  StoredFrame frame_;
};

TEST_F(CommitJournalOnServer, ChangesAreJournalledBeforeSendingAndForgottenOnceAnswered) {
  {
    CommitJournal journal(path_);
    journal.enqueue(kSynthetic, 8, moved(3.5));
    journal.enqueue(kSynthetic, 8, added());
  }  // the program dies before sending
  CommitJournal reopened(path_);
  ASSERT_EQ(reopened.pending().size(), 2u);
  int ok = 0;
  EXPECT_TRUE(reopened.flush(*store_, [&](const JournalOutcome& o) { ok += o.result.ok; }));
  EXPECT_EQ(ok, 2);
  EXPECT_TRUE(CommitJournal(path_).pending().empty());
  EXPECT_EQ(owner()->loadFrame(kSynthetic, 8).frame.objects[0].box.center.x(), 3.5);
  EXPECT_EQ(boxesInFrame(), frame_.boxes.size() + 1);
}

TEST_F(CommitJournalOnServer, AfterTheServerDropsTheConnectionTheRestIsReplayed) {
  CommitJournal journal(path_);
  journal.enqueue(kSynthetic, 8, moved(1.0));
  ASSERT_TRUE(journal.flush(*store_, nullptr));
  cluster_->admin("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = 'rev'");
  journal.enqueue(kSynthetic, 8, moved(2.0, 1));
  journal.enqueue(kSynthetic, 8, added());
  EXPECT_FALSE(journal.flush(*store_, nullptr)) << "the dropped connection stops the flush";
  EXPECT_EQ(CommitJournal(path_).pending().size(), 2u) << "nothing lost";
  int ok = 0;
  EXPECT_TRUE(journal.flush(*store_, [&](const JournalOutcome& o) { ok += o.result.ok; }));
  EXPECT_EQ(ok, 2);
  EXPECT_EQ(owner()->loadFrame(kSynthetic, 8).frame.objects[0].box.center.x(), 2.0);
  EXPECT_EQ(boxesInFrame(), frame_.boxes.size() + 1);
}

TEST_F(CommitJournalOnServer, ReplayingChangesTheServerAlreadyHasAddsNothing) {
  {
    CommitJournal journal(path_);
    journal.enqueue(kSynthetic, 8, moved(5.0));
    journal.enqueue(kSynthetic, 8, added());
  }
  const std::string before = readFile(path_);
  ASSERT_TRUE(CommitJournal(path_).flush(*store_, nullptr));
  writeFileAtomic(path_, before);  // died after sending, before the journal forgot
  CommitJournal replay(path_);
  std::vector<JournalOutcome> outcomes;
  EXPECT_TRUE(replay.flush(*store_, [&](const JournalOutcome& o) { outcomes.push_back(o); }));
  ASSERT_EQ(outcomes.size(), 2u);
  EXPECT_TRUE(outcomes[0].result.ok) << "the update it already made is not a conflict";
  EXPECT_TRUE(outcomes[1].result.ok);
  EXPECT_EQ(boxesInFrame(), frame_.boxes.size() + 1) << "the insert was not repeated";
  EXPECT_EQ(owner()->loadFrame(kSynthetic, 8).boxes[0].version, frame_.boxes[0].version + 1);
}

}  // namespace
}  // namespace lidarlabel::test
