// Access control in the database: an annotator sees and writes only the frames of the task it
// holds, cannot set review state, cannot read the audit log or real names; the audit names the
// login role of whoever changed a row; TLS failures are one-line errors.
#include <gtest/gtest.h>

#include "pg_conn.h"
#include "server_support.h"

namespace lidarlabel::test {
namespace {

class ServerAccess : public ServerTest {
 protected:
  void SetUp() override {
    ServerTest::SetUp();
    if (IsSkipped()) return;
    importSynthetic();
    owner()->createTasks(kSynthetic, 10);  // frames 0-9, 10-19, 20-29, 30-39
    ann_ = user("ann", "annotator");
    task_ = ann_->claimTask("annotate", 600);
    ASSERT_TRUE(task_.has_value());
  }
  // Runs SQL as `login`; returns the SQLSTATE of the refusal, "" when it succeeded.
  std::string refusalOf(const std::string& login, const std::string& sql) const {
    pg::Connection c(uriOf(login));
    try {
      c.exec(sql);
      return "";
    } catch (const ServerError& e) {
      return e.sqlstate();
    }
  }
  std::unique_ptr<ServerStore> ann_;
  std::optional<ServerTask> task_;
};

TEST_F(ServerAccess, AnAnnotatorSeesOnlyTheBoxesOfTheTaskItHolds) {
  EXPECT_EQ(task_->firstFrame, 0);
  EXPECT_EQ(task_->lastFrame, 9);
  const StoredSequence mine = ann_->loadSequence(kSynthetic);
  const StoredSequence all = owner()->loadSequence(kSynthetic);
  ASSERT_EQ(mine.sequence.size(), 40u) << "frame rows stay visible, so frame numbers hold";
  for (std::size_t f = 0; f < 40; ++f)
    EXPECT_EQ(mine.sequence.frames[f].objects.size(), f <= 9 ? all.boxes[f].size() : 0u) << f;
  EXPECT_EQ(ann_->loadPointLabels(kSynthetic, 12).version, 0) << "labels outside the task hidden";
  EXPECT_EQ(ann_->loadPointLabels(kSynthetic, 3).version, 1);
}

TEST_F(ServerAccess, AnAnnotatorCannotChangeABoxOutsideItsTask) {
  const StoredFrame other = owner()->loadFrame(kSynthetic, 15);
  ObjectAnnotation o = other.frame.objects[0];
  o.box.yaw += 1.0;
  const BoxCommit c =
      ann_->commitBox(kSynthetic, 15, {other.boxes[0].id, other.boxes[0].version, o, ""});
  EXPECT_FALSE(c.ok);
  EXPECT_FALSE(c.current.has_value()) << "the box is not even visible";
  EXPECT_EQ(owner()->loadFrame(kSynthetic, 15).frame.objects[0], other.frame.objects[0]);
  try {
    ann_->commitBox(kSynthetic, 15, {0, 0, o, ""});
    ADD_FAILURE() << "a new box outside the task was accepted";
  } catch (const ServerError& e) {
    EXPECT_EQ(e.sqlstate(), "42501") << e.what();
  }
}

TEST_F(ServerAccess, AnAnnotatorEditsItsTasksBoxesButCannotSetReviewState) {
  const StoredFrame f = ann_->loadFrame(kSynthetic, 2);
  ObjectAnnotation o = f.frame.objects[0];
  o.box.center.z() += 0.1;
  EXPECT_TRUE(ann_->commitBox(kSynthetic, 2, {f.boxes[0].id, f.boxes[0].version, o, ""}).ok);
  o.review = ReviewState::Accepted;
  try {
    ann_->commitBox(kSynthetic, 2, {f.boxes[0].id, f.boxes[0].version + 1, o, ""});
    ADD_FAILURE() << "an annotator set a box's review state";
  } catch (const ServerError& e) {
    EXPECT_EQ(e.sqlstate(), "42501");
    EXPECT_NE(std::string(e.what()).find("may not set review state"), std::string::npos);
  }
  ReviewRecord r;
  r.decisions.push_back({"reviewer", ReviewVerdict::Accept, "ann", "2026-12-02T10:00:00Z", ""});
  EXPECT_THROW(ann_->commitFrameReview(kSynthetic, 2, 1, r), ServerError);
}

TEST_F(ServerAccess, AnAnnotatorCannotReadTheAuditLogOrRealNames) {
  addServerUser(ownerUri(), "rev", "reviewer", "Rita Example");
  EXPECT_EQ(refusalOf("ann", "SELECT * FROM lidarlabel.audit_log"), "42501");
  EXPECT_EQ(refusalOf("ann", "SELECT * FROM lidarlabel.user_names"), "42501");
  EXPECT_EQ(refusalOf("rev", "SELECT * FROM lidarlabel.user_names"), "42501");
  EXPECT_EQ(refusalOf("rev", "SELECT * FROM lidarlabel.audit_log"), "");
  EXPECT_EQ(refusalOf("ann", "SELECT login, pseudonym FROM lidarlabel.users"), "");
}

TEST_F(ServerAccess, TheAuditActorIsThePersonsLoginRoleNotTheTriggersOwner) {
  const StoredFrame f = ann_->loadFrame(kSynthetic, 0);
  ObjectAnnotation o = f.frame.objects[0];
  o.className = "truck";
  ASSERT_TRUE(ann_->commitBox(kSynthetic, 0, {f.boxes[0].id, f.boxes[0].version, o, ""}).ok);
  pg::Connection c(ownerUri());
  const pg::Result r = c.exec(
      "SELECT actor, op, new_row ->> 'class' FROM lidarlabel.audit_log WHERE table_name = "
      "'boxes' AND row_id = $1 ORDER BY id DESC LIMIT 1",
      {pg::number(f.boxes[0].id)});
  ASSERT_EQ(r.rows(), 1);
  EXPECT_EQ(r.str(0, 0), "ann");
  EXPECT_EQ(r.str(0, 1), "UPDATE");
  EXPECT_EQ(r.str(0, 2), "truck");
}

TEST_F(ServerAccess, TheAuditLogIsAppendOnlyEvenForTheOwner) {
  EXPECT_EQ(refusalOf("postgres", "DELETE FROM lidarlabel.audit_log"), "42501");
  EXPECT_EQ(refusalOf("postgres", "UPDATE lidarlabel.audit_log SET actor = 'x'"), "42501");
  EXPECT_EQ(refusalOf("postgres", "TRUNCATE lidarlabel.audit_log"), "42501");
}

TEST_F(ServerAccess, IssuesArePinnedToTheAnnotatorsFramesAndResolvedByReviewers) {
  const auto rev = user("rev", "reviewer");
  const StoredFrame f = ann_->loadFrame(kSynthetic, 4);
  const std::int64_t id = ann_->openIssue(kSynthetic, 4, f.boxes[1].id,
                                          Eigen::Vector3d(1.25, -2.5, 0.125), "half a cyclist?");
  EXPECT_THROW(ann_->openIssue(kSynthetic, 25, 0, std::nullopt, "not my frame"), ServerError);
  rev->commentIssue(id, "it is a cyclist; box it whole");
  EXPECT_THROW(ann_->resolveIssue(id), ServerError) << "annotators do not resolve issues";
  rev->resolveIssue(id);
  const std::vector<ServerIssue> issues = rev->issues(kSynthetic);
  ASSERT_EQ(issues.size(), 1u);
  EXPECT_EQ(issues[0].frame, 4u);
  EXPECT_EQ(issues[0].boxId, f.boxes[1].id);
  ASSERT_TRUE(issues[0].position.has_value());
  EXPECT_EQ(*issues[0].position, Eigen::Vector3d(1.25, -2.5, 0.125));
  EXPECT_EQ(issues[0].state, "resolved");
  ASSERT_EQ(issues[0].comments.size(), 2u);
  EXPECT_EQ(issues[0].comments[0].second, "half a cyclist?");
  EXPECT_EQ(issues[0].comments[0].first.size(), 9u) << "a pseudonym, not the login";
  EXPECT_NE(issues[0].comments[0].first, "ann");
}

TEST_F(ServerAccess, TlsFailuresAreOneLineErrors) {
  for (const std::string options :
       {"?sslmode=require", "?sslmode=verify-full&sslrootcert=/nonexistent/root.crt"}) {
    try {
      ServerStore::open(cluster_->tcpUri(database_) + options);
      ADD_FAILURE() << options << " connected to a server without TLS";
    } catch (const ServerError& e) {
      const std::string what = e.what();
      EXPECT_EQ(what.find('\n'), std::string::npos) << what;
      EXPECT_NE(what.find("cannot connect"), std::string::npos) << what;
      EXPECT_TRUE(what.find("SSL") != std::string::npos ||
                  what.find("root certificate") != std::string::npos)
          << what;
    }
  }
}

}  // namespace
}  // namespace lidarlabel::test
