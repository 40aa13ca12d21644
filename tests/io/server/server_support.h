#pragma once
// Fixture of the team server tests: a fresh initialised database on the program's throwaway
// cluster (tests/support/pg_cluster.h) per test, the synthetic sample imported as
// "samples/synthetic", and login roles by group.
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "lidarlabel/io/pg_store.h"
#include "lidarlabel/io/sequence_open.h"
#include "pg_cluster.h"
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

  PgCluster* cluster_ = nullptr;
  std::string database_;
};

}  // namespace lidarlabel::test
