// The server schema: init and migrate are idempotent, an uninitialised database names the
// command that fixes it, imports are all-or-nothing, users get stable pseudonyms.
#include <gtest/gtest.h>

#include "pg_conn.h"
#include "server_support.h"

namespace lidarlabel::test {
namespace {

using ServerSchema = ServerTest;

TEST_F(ServerSchema, InitAndMigrateOnAnInitialisedDatabaseChangeNothing) {
  const int v = serverSchemaVersion();
  pg::Connection c(ownerUri());
  const std::string applied = "SELECT count(*), max(version) FROM lidarlabel.schema_version";
  const std::int64_t migrations = c.exec(applied).i64(0, 0);  // numbers may have gaps
  EXPECT_EQ(initServer(ownerUri()), std::make_pair(v, v));
  EXPECT_EQ(migrateServer(ownerUri()), std::make_pair(v, v));
  EXPECT_EQ(c.exec(applied).i64(0, 0), migrations);
  EXPECT_EQ(c.exec(applied).i64(0, 1), v);
}

TEST_F(ServerSchema, AnUninitialisedDatabaseNamesServerInit) {
  cluster_->admin("CREATE DATABASE blank");
  const std::string blank = cluster_->uri("blank");
  for (const auto& attempt : std::vector<std::function<void()>>{
           [&] { migrateServer(blank); }, [&] { ServerStore::open(blank); }}) {
    try {
      attempt();
      ADD_FAILURE() << "accepted an uninitialised database";
    } catch (const ServerError& e) {
      EXPECT_NE(std::string(e.what()).find("lidarlabel-cli server init"), std::string::npos)
          << e.what();
    }
  }
  EXPECT_EQ(initServer(blank), std::make_pair(0, serverSchemaVersion()));
  EXPECT_NO_THROW(ServerStore::open(blank));
}

TEST_F(ServerSchema, AnImportWithATrackIdFrom65536OnIsRefusedAndLeavesNothing) {
  Sequence s = openSequence(sampleData("synthetic"));
  s.frames[3].objects[0].trackId = 65536;
  try {
    owner()->importSequence(kSynthetic, s);
    ADD_FAILURE() << "imported a track id outside the point-label instance range";
  } catch (const ServerError& e) {
    EXPECT_NE(std::string(e.what()).find("frame 3 object 0"), std::string::npos) << e.what();
  }
  EXPECT_TRUE(owner()->sequences().empty());
}

TEST_F(ServerSchema, ImportingASequenceThatExistsIsRefused) {
  importSynthetic();
  EXPECT_THROW(importSynthetic(), ServerError);
  EXPECT_EQ(owner()->sequences(), std::vector<std::string>{kSynthetic});
}

TEST_F(ServerSchema, AddingAUserTwiceKeepsItsPseudonym) {
  const std::string first = addServerUser(ownerUri(), "carol", "annotator", "Carol Example");
  EXPECT_EQ(first.size(), 9u);
  EXPECT_EQ(first[0], 'u');
  EXPECT_EQ(addServerUser(ownerUri(), "carol", "annotator"), first);
  EXPECT_THROW(addServerUser(ownerUri(), "dave", "boss"), ServerError);
}

}  // namespace
}  // namespace lidarlabel::test
