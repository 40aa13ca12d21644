// Batch commands with --claim against the test program's throwaway PostgreSQL cluster: workers
// pull tasks from a server sequence, each task is worked on exactly once, an expired claim goes
// to another worker, and bad locations or missing rights are one-line errors.
#include <gtest/gtest.h>
#include <libpq-fe.h>

#include <regex>
#include <set>
#include <thread>

#include "cli_support.h"
#include "lidarlabel/io/pg_store.h"
#include "lidarlabel/io/sequence_open.h"
#include "pg_cluster.h"

namespace lidarlabel::test {
namespace {

constexpr const char* kSeq = "samples/synthetic";

class ClaimCli : public ::testing::Test {
 protected:
  void SetUp() override {
    cluster_ = sharedCluster();
    if (!cluster_) GTEST_SKIP() << skipReason();
    database_ = cluster_->freshServerDatabase();
    const auto owner = ServerStore::open(cluster_->uri(database_));
    owner->importSequence(kSeq, openSequence(sampleData("synthetic")));
    ASSERT_EQ(owner->createTasks(kSeq, 5).size(), 8u);
    addServerUser(cluster_->uri(database_), "bot", "annotator");
  }
  // postgresql://user@/database/samples/synthetic?host=...&port=...
  std::string location(const std::string& user, const std::string& sequence = kSeq) const {
    const std::string uri = cluster_->uri(database_, user);
    const auto q = uri.find('?');
    return uri.substr(0, q) + "/" + sequence + uri.substr(q);
  }
  // The first column of a query's rows, as the superuser.
  std::vector<std::string> sql(const std::string& query) const {
    PGconn* c = PQconnectdb(cluster_->uri(database_).c_str());
    PGresult* r = PQexec(c, query.c_str());
    std::vector<std::string> out;
    for (int i = 0; i < PQntuples(r); ++i) out.emplace_back(PQgetvalue(r, i, 0));
    EXPECT_EQ(PQresultStatus(r), PGRES_TUPLES_OK) << PQerrorMessage(c);
    PQclear(r);
    PQfinish(c);
    return out;
  }

  PgCluster* cluster_ = nullptr;
  std::string database_;
};

// The ids of the tasks a worker's output reports as finished ("task N ...: submit -> review").
std::multiset<int> finishedTasks(const std::string& output) {
  std::multiset<int> ids;
  const std::regex line(R"(task (\d+) [^\n]*: (submit|accept|reject) -> )");
  for (std::sregex_iterator it(output.begin(), output.end(), line), end; it != end; ++it)
    ids.insert(std::stoi((*it)[1]));
  return ids;
}

TEST_F(ClaimCli, TwoConcurrentPrelabelWorkersCoverEveryTaskExactlyOnce) {
  CliRun a, b;
  std::thread other([&] { b = runCli({"prelabel", location("bot"), "--claim"}); });
  a = runCli({"prelabel", location("bot"), "--claim", "--stage", "annotate", "--lease", "30"});
  other.join();
  ASSERT_EQ(a.status, 0) << a.output;
  ASSERT_EQ(b.status, 0) << b.output;
  std::multiset<int> all = finishedTasks(a.output);
  const std::multiset<int> fromB = finishedTasks(b.output);
  all.insert(fromB.begin(), fromB.end());
  EXPECT_EQ(all.size(), 8u) << a.output << b.output;
  EXPECT_EQ(std::set<int>(all.begin(), all.end()).size(), 8u) << "a task worked on twice";
  // Claimed once and moved once each: version 1 + 2; every task is with the reviewers.
  EXPECT_EQ(sql("SELECT DISTINCT stage || ' ' || version FROM lidarlabel.tasks"),
            std::vector<std::string>{"review 3"});
  // Every frame got automatic boxes, and no track id spans two tasks (5 frames each).
  EXPECT_EQ(sql("SELECT count(DISTINCT frame_id) FROM lidarlabel.boxes WHERE provenance = "
                "'automatic'"),
            std::vector<std::string>{"40"});
  EXPECT_TRUE(sql("SELECT b.track_id FROM lidarlabel.boxes b JOIN lidarlabel.frames f ON f.id "
                  "= b.frame_id WHERE b.provenance = 'automatic' GROUP BY b.track_id HAVING "
                  "count(DISTINCT f.idx / 5) > 1")
                  .empty());
}

TEST_F(ClaimCli, AnExpiredClaimGoesToAnotherWorkerAndItsFirstHolderCommitsNothing) {
  const auto zombie = ServerStore::open(cluster_->uri(database_, "bot"));
  const auto held = zombie->claimTaskFor("annotate", 1, kSeq, "zombie-token");
  ASSERT_TRUE(held.has_value());
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));  // its lease expires
  const CliRun r = runCli({"prelabel", location("bot"), "--claim"});
  ASSERT_EQ(r.status, 0) << r.output;
  EXPECT_EQ(finishedTasks(r.output).count(held->id), 1u) << r.output;
  EXPECT_FALSE(zombie->heartbeatFor(held->id, 60, "zombie-token"));
  try {
    zombie->finishTask(*held, "zombie-token", "submit");
    ADD_FAILURE() << "the first holder finished a task someone else took over";
  } catch (const ServerError& e) {
    EXPECT_EQ(e.sqlstate(), "55000") << e.what();
    EXPECT_NE(std::string(e.what()).find("lost claim"), std::string::npos) << e.what();
  }
}

TEST_F(ClaimCli, CheckRejectsTasksWithErrorsAndExportDeliversTheAcceptedOnes) {
  ASSERT_EQ(runCli({"prelabel", location("bot"), "--claim"}).status, 0);
  addServerUser(cluster_->uri(database_), "rev", "reviewer");
  addServerUser(cluster_->uri(database_), "qa", "qa");
  const std::string json = scratchDir() + "/claimed_check.json";
  CliRun r = runCli({"check", location("rev"), "--claim", "--no-points", "--json", json});
  EXPECT_EQ(finishedTasks(r.output).size(), 8u) << r.output;
  std::size_t rejected = 0;
  for (auto at = r.output.find("reject -> annotate"); at != std::string::npos;
       at = r.output.find("reject -> annotate", at + 1))
    ++rejected;
  EXPECT_EQ(r.status, rejected > 0 ? 1 : 0) << r.output;
  EXPECT_EQ(readJson(json).at("summary").at("errors").get<std::size_t>() > 0, rejected > 0);
  EXPECT_EQ(sql("SELECT count(*) FROM lidarlabel.tasks WHERE stage = 'annotate'"),
            std::vector<std::string>{std::to_string(rejected)});
  EXPECT_EQ(sql("SELECT count(*) FROM lidarlabel.tasks WHERE stage = 'qa'"),
            std::vector<std::string>{std::to_string(8 - rejected)});
  const std::string out = scratchDir() + "/claimed_export";
  std::filesystem::remove_all(out);
  r = runCli({"export", location("qa"), "--claim", "--format", "openlabel", "--out", out});
  ASSERT_EQ(r.status, 0) << r.output;
  EXPECT_EQ(finishedTasks(r.output).size(), 8 - rejected) << r.output;
  std::size_t folders = 0;
  for (const auto& e : std::filesystem::directory_iterator(out))
    folders += e.path().filename().string().rfind("frames_0000", 0) == 0 ? 1 : 0;
  EXPECT_EQ(folders, 8 - rejected);
  EXPECT_EQ(sql("SELECT count(*) FROM lidarlabel.tasks WHERE stage = 'done'"),
            std::vector<std::string>{std::to_string(8 - rejected)});
}

TEST_F(ClaimCli, AFolderWithClaimIsAUsageErrorNamingTheServerLocation) {
  const CliRun r = runCli({"prelabel", sampleData("synthetic"), "--claim"});
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.output.find("--claim works on a server location"), std::string::npos) << r.output;
}

TEST_F(ClaimCli, ALocationWithoutASequenceIsAOneLineError) {
  const std::string uri = cluster_->uri(database_, "bot");
  const CliRun r = runCli({"prelabel", uri, "--claim"});
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.output.find("names no sequence"), std::string::npos) << r.output;
  EXPECT_EQ(std::count(r.output.begin(), r.output.end(), '\n'), 1) << r.output;
}

TEST_F(ClaimCli, AnAnnotatorCannotClaimReviewTasksToCheck) {
  const CliRun r = runCli({"check", location("bot"), "--claim"});
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.output.find("permission denied: bot is not in lidarlabel_reviewer"),
            std::string::npos)
      << r.output;
}

TEST_F(ClaimCli, AnUnknownSequenceIsNamed) {
  const CliRun r = runCli({"prelabel", location("bot", "samples/nothing"), "--claim"});
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.output.find("no sequence 'samples/nothing'"), std::string::npos) << r.output;
}

}  // namespace
}  // namespace lidarlabel::test
