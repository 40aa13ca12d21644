// Tasks on the server: a claim is a lease; concurrent claims never hand out one task twice; a
// killed client's claim expires; stage changes check the group and the stage.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <mutex>
#include <set>
#include <thread>

#include "server_support.h"

namespace lidarlabel::test {
namespace {

class ServerTasks : public ServerTest {
 protected:
  void SetUp() override {
    ServerTest::SetUp();
    if (IsSkipped()) return;
    importSynthetic();
  }
  static std::string stateOf(const std::function<void()>& f) {
    try {
      f();
      return "";
    } catch (const ServerError& e) {
      return e.sqlstate();
    }
  }
};

TEST_F(ServerTasks, ConcurrentClaimsNeverHandOutOneTaskTwice) {
  ASSERT_EQ(owner()->createTasks(kSynthetic, 1).size(), 40u);
  std::mutex mutex;
  std::multiset<int> claimed;
  std::vector<std::thread> workers;
  for (int w = 0; w < 4; ++w) {
    auto store = user("worker" + std::to_string(w), "annotator");
    workers.emplace_back([&, s = std::move(store)] {
      while (const auto t = s->claimTask("annotate", 60)) {
        {
          const std::lock_guard<std::mutex> lock(mutex);
          claimed.insert(t->id);
        }
        s->moveTask(t->id, "submit");
      }
    });
  }
  for (std::thread& t : workers) t.join();
  EXPECT_EQ(claimed.size(), 40u);
  EXPECT_EQ(std::set<int>(claimed.begin(), claimed.end()).size(), 40u) << "a task claimed twice";
}

TEST_F(ServerTasks, AKilledClientsClaimExpiresAndAnotherAnnotatorGetsTheTask) {
  ASSERT_EQ(owner()->createTasks(kSynthetic, 40).size(), 1u);
  addServerUser(ownerUri(), "first", "annotator");
  const auto second = user("second", "annotator");
  int fds[2];
  ASSERT_EQ(::pipe(fds), 0);
  const pid_t child = ::fork();
  if (child == 0) {  // a client that claims for 2 s and is then killed without a word
    int id = 0;
    try {
      const auto t = ServerStore::open(uriOf("first"))->claimTask("annotate", 2);
      id = t ? t->id : -1;
    } catch (...) {
      id = -2;
    }
    [[maybe_unused]] const auto n = ::write(fds[1], &id, sizeof id);
    ::pause();
    ::_exit(0);
  }
  int claimedByChild = 0;
  ASSERT_EQ(::read(fds[0], &claimedByChild, sizeof claimedByChild), ssize_t(sizeof(int)));
  ::kill(child, SIGKILL);
  ::waitpid(child, nullptr, 0);
  ::close(fds[0]);
  ::close(fds[1]);
  ASSERT_GT(claimedByChild, 0);
  const auto t0 = std::chrono::steady_clock::now();
  EXPECT_FALSE(second->claimTask("annotate", 60).has_value()) << "claimed while the lease lives";
  std::optional<ServerTask> taken;
  while (!taken && std::chrono::steady_clock::now() - t0 < std::chrono::seconds(10)) {
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    taken = second->claimTask("annotate", 60);
  }
  ASSERT_TRUE(taken.has_value()) << "the killed client's lease never expired";
  EXPECT_EQ(taken->id, claimedByChild);
  EXPECT_EQ(second->loadFrame(kSynthetic, 5).boxes.size(),
            owner()->loadFrame(kSynthetic, 5).boxes.size());
}

TEST_F(ServerTasks, StagesMoveOnlyThroughTheirGroups) {
  owner()->createTasks(kSynthetic, 40);
  const auto ann = user("ann", "annotator"), rev = user("rev", "reviewer"), qa = user("qa", "qa");
  EXPECT_EQ(stateOf([&] { ann->claimTask("review", 60); }), "42501");
  const auto t = ann->claimTask("annotate", 60);
  ASSERT_TRUE(t.has_value());
  EXPECT_EQ(stateOf([&] { ann->moveTask(t->id, "accept"); }), "22023");
  EXPECT_EQ(ann->moveTask(t->id, "submit"), "review");
  EXPECT_EQ(stateOf([&] { rev->moveTask(t->id, "accept"); }), "42501") << "not claimed by rev";
  ASSERT_TRUE(rev->claimTask("review", 60).has_value());
  EXPECT_EQ(rev->moveTask(t->id, "accept"), "qa");
  EXPECT_EQ(stateOf([&] { rev->claimTask("qa", 60); }), "42501");
  ASSERT_TRUE(qa->claimTask("qa", 60).has_value());
  EXPECT_EQ(qa->moveTask(t->id, "reject"), "annotate");
  EXPECT_EQ(ann->claimTask("annotate", 60)->id, t->id) << "back with the annotators";
}

TEST_F(ServerTasks, AHeartbeatExtendsOnlyTheHoldersLease) {
  owner()->createTasks(kSynthetic, 40);
  const auto one = user("one", "annotator"), two = user("two", "annotator");
  const auto t = one->claimTask("annotate", 1);
  ASSERT_TRUE(t.has_value());
  EXPECT_TRUE(one->heartbeat(t->id, 60));
  EXPECT_FALSE(two->heartbeat(t->id, 60));
  std::this_thread::sleep_for(std::chrono::milliseconds(1300));
  EXPECT_FALSE(two->claimTask("annotate", 60).has_value()) << "the heartbeat kept the claim";
}

}  // namespace
}  // namespace lidarlabel::test
