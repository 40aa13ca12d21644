// `lidarlabel-cli server` against the test program's throwaway PostgreSQL cluster.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

#include "cli_support.h"
#include "pg_cluster.h"

namespace fs = std::filesystem;

namespace lidarlabel::test {
namespace {

TEST(ServerCli, InitAddUserImportListAndExportGiveTheSampleBackByteForByte) {
  PgCluster* cluster = sharedCluster();
  if (!cluster) GTEST_SKIP() << skipReason();
  cluster->admin("CREATE DATABASE cli_server");
  const std::string uri = cluster->uri("cli_server");
  CliRun r = runCli({"server", "init", uri});
  ASSERT_EQ(r.status, 0) << r.output;
  EXPECT_NE(r.output.find("schema version 0 -> "), std::string::npos) << r.output;
  r = runCli({"server", "migrate", uri});
  EXPECT_NE(r.output.find("already up to date"), std::string::npos) << r.output;
  r = runCli({"server", "add-user", "cli_ann", "--role", "annotator", "--server", uri});
  ASSERT_EQ(r.status, 0) << r.output;
  EXPECT_NE(r.output.find("pseudonym u"), std::string::npos) << r.output;
  r = runCli({"server", "add-user", "cli_x", "--role", "boss", "--server", uri});
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.output.find("unknown role 'boss'"), std::string::npos) << r.output;
  r = runCli(
      {"server", "import", sampleData("synthetic"), "--as", "samples/synthetic", "--server", uri});
  ASSERT_EQ(r.status, 0) << r.output;
  EXPECT_NE(r.output.find("40 frames, 1391 boxes"), std::string::npos) << r.output;
  r = runCli({"server", "list", "--server", uri});
  EXPECT_EQ(r.output, "samples/synthetic\n");
  const std::string out = scratchDir() + "/export";
  r = runCli({"server", "export", "samples/synthetic", "--out", out, "--server", uri});
  ASSERT_EQ(r.status, 0) << r.output;
  EXPECT_EQ(readFile(out + "/" + kNativeFileName),
            readFile(sampleData(std::string("synthetic/") + kNativeFileName)));
  for (const auto& e : fs::directory_iterator(sampleData("synthetic/labels")))
    EXPECT_EQ(readFile(out + "/labels/" + e.path().filename().string()), readFile(e.path()));
}

TEST(ServerCli, AnUnreachableServerIsAOneLineError) {
  const CliRun r = runCli({"server", "list", "--server",
                           "postgresql://nobody@/none?host=/nonexistent-socket-dir&port=1"});
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.output.find("error: postgresql://nobody@/none"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("cannot connect"), std::string::npos) << r.output;
  EXPECT_EQ(std::count(r.output.begin(), r.output.end(), '\n'), 1) << r.output;
}

}  // namespace
}  // namespace lidarlabel::test
