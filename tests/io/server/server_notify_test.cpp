// Notifications driven by the connection's socket: it becomes readable when someone commits,
// draining it sends nothing to the server, and a connection the server dropped is re-opened by
// pollChanges itself, listening again.
#include <poll.h>

#include <thread>

#include "pg_conn.h"
#include "server_support.h"

namespace lidarlabel::test {
namespace {

class ServerNotify : public ServerTest {
 protected:
  void SetUp() override {
    ServerTest::SetUp();
    if (IsSkipped()) return;
    importSynthetic();
    writer_ = user("writer", "reviewer");
    listener_ = user("listener", "reviewer");
    listener_->listen();
  }
  void commitOneBox() {
    const StoredFrame f = writer_->loadFrame(kSynthetic, 3);
    ObjectAnnotation o = f.frame.objects[0];
    o.box.yaw += 0.1;
    ASSERT_TRUE(writer_->commitBox(kSynthetic, 3, {f.boxes[0].id, f.boxes[0].version, o, ""}).ok);
  }
  // What the listener's server process last ran (pg_stat_activity), as the owner.
  std::string listenersLastQuery() const {
    pg::Connection c(ownerUri());
    const pg::Result r = c.exec(
        "SELECT query FROM pg_stat_activity WHERE usename = 'listener' AND datname = "
        "current_database()");
    if (r.rows() == 1) return r.str(0, 0);
    std::string sessions = std::to_string(r.rows());
    sessions += " sessions";
    return sessions;
  }
  static bool readable(int fd, int timeoutMs) {
    pollfd p{fd, POLLIN, 0};
    return ::poll(&p, 1, timeoutMs) == 1 && (p.revents & POLLIN) != 0;
  }

  std::unique_ptr<ServerStore> writer_, listener_;
};

TEST_F(ServerNotify, TheSocketBecomesReadableOnACommitAndDrainingItSendsNoQuery) {
  const int fd = listener_->notificationSocket();
  ASSERT_GE(fd, 0);
  EXPECT_FALSE(readable(fd, 0)) << "nothing happened yet";
  commitOneBox();
  ASSERT_TRUE(readable(fd, 5000)) << "the commit's notification never reached the socket";
  const std::vector<ServerChange> changes = listener_->pollChanges(0);
  ASSERT_EQ(changes.size(), 1u);
  EXPECT_EQ(changes[0].table, "boxes");
  EXPECT_EQ(changes[0].op, "UPDATE");
  EXPECT_EQ(listenersLastQuery(), "LISTEN lidarlabel") << "pollChanges sent a statement";
  EXPECT_TRUE(listener_->pollChanges(0).empty()) << "drained";
}

TEST_F(ServerNotify, PollChangesReconnectsAfterTheServerDropsTheConnectionAndListensAgain) {
  pg::Connection(ownerUri())
      .exec("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = 'listener'");
  std::vector<ServerChange> changes;
  for (int i = 0; i < 50 && changes.empty(); ++i) changes = listener_->pollChanges(100);
  ASSERT_FALSE(changes.empty()) << "the dropped connection was not noticed";
  for (const ServerChange& c : changes) {
    EXPECT_EQ(c.op, "RECONNECTED") << c.payload;
    EXPECT_TRUE(c.bulk) << "a reconnect means: reload what is open";
  }
  EXPECT_EQ(changes[0].table, "boxes");
  commitOneBox();
  changes.clear();
  for (int i = 0; i < 50 && changes.empty(); ++i) changes = listener_->pollChanges(100);
  ASSERT_EQ(changes.size(), 1u) << "not listening after the reconnect";
  EXPECT_EQ(changes[0].op, "UPDATE");
}

}  // namespace
}  // namespace lidarlabel::test
