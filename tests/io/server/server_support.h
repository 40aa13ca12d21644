#pragma once
// Fixture of the team server tests: a fresh initialised database on the program's throwaway
// cluster (tests/support/pg_cluster.h) per test, the synthetic sample imported as
// "samples/synthetic", and login roles by group.
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "lidarlabel/io/pg_store.h"
#include "lidarlabel/io/sequence_open.h"
#include "pg_cluster.h"
#include "pg_conn.h"
#include "test_paths.h"

namespace lidarlabel::test {

inline constexpr const char* kSynthetic = "samples/synthetic";

class ServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    cluster_ = sharedCluster();
    if (!cluster_) GTEST_SKIP() << skipReason();
    database_ = cluster_->freshServerDatabase();
  }
  // The superuser's URI (imports, task set-up, reading the audit as the owner).
  std::string ownerUri() const { return cluster_->uri(database_); }
  std::string uriOf(const std::string& login) const { return cluster_->uri(database_, login); }
  std::unique_ptr<ServerStore> owner() const { return ServerStore::open(ownerUri()); }
  // Adds login `name` in `role`'s group (role names are cluster-wide; users are per database).
  std::unique_ptr<ServerStore> user(const std::string& name, const std::string& role) const {
    addServerUser(ownerUri(), name, role);
    return ServerStore::open(uriOf(name));
  }
  void importSynthetic() const {
    owner()->importSequence(kSynthetic, openSequence(sampleData("synthetic")));
  }
  // The synthetic sample imported, and logins alice and bob in the reviewer group (two desks).
  void importSyntheticForAliceAndBob() const {
    importSynthetic();
    addServerUser(ownerUri(), "alice", "reviewer");
    addServerUser(ownerUri(), "bob", "reviewer");
  }
  // Audit rows of one box as "actor:op:version", oldest first (read as the owner).
  std::vector<std::string> auditOf(std::int64_t boxId) const {
    return auditRows("table_name = 'boxes' AND row_id = $1", pg::number(boxId));
  }
  // Audit rows of one table as "actor:op:version", oldest first (read as the owner).
  std::vector<std::string> auditOf(const std::string& table) const {
    return auditRows("table_name = $1", pg::text(table));
  }
  std::vector<std::string> auditRows(const std::string& where, const pg::Param& value) const {
    pg::Connection c(ownerUri());
    const pg::Result r = c.exec(
        "SELECT actor || ':' || op || ':' || COALESCE(version, 0) FROM lidarlabel.audit_log "
        "WHERE " +
            where + " ORDER BY id",
        {value});
    std::vector<std::string> out;
    for (int i = 0; i < r.rows(); ++i) out.push_back(r.str(i, 0));
    return out;
  }
  // "postgresql://login@/database/samples/synthetic?host=...": the location a user types.
  std::string locationOf(const std::string& login) const {
    const std::string uri = uriOf(login);
    const std::size_t q = uri.find('?');
    return uri.substr(0, q) + "/" + kSynthetic + uri.substr(q);
  }

  PgCluster* cluster_ = nullptr;
  std::string database_;
};

}  // namespace lidarlabel::test
