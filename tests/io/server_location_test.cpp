// A team server location is the database's libpq URI with "/dataset/sequence" appended.
#include <gtest/gtest.h>

#include "lidarlabel/core/errors.h"
#include "lidarlabel/io/store.h"

namespace lidarlabel {
namespace {

TEST(ServerLocation, SplitsIntoTheDatabaseUriAndTheSequenceKeepingTheParameters) {
  const auto [database, sequence] = splitServerLocation(
      "postgresql://alice@db.example.org:5433/labels/project_a/seq_0042?sslmode=verify-full");
  EXPECT_EQ(database, "postgresql://alice@db.example.org:5433/labels?sslmode=verify-full");
  EXPECT_EQ(sequence, "project_a/seq_0042");
}

TEST(ServerLocation, WorksForAUnixSocketUriWithoutAHost) {
  const auto [database, sequence] =
      splitServerLocation("postgresql://bob@/labels/samples/synthetic?host=/tmp/pg&port=5432");
  EXPECT_EQ(database, "postgresql://bob@/labels?host=/tmp/pg&port=5432");
  EXPECT_EQ(sequence, "samples/synthetic");
}

TEST(ServerLocation, ALocationWithoutASequenceIsAnErrorNamingIt) {
  try {
    splitServerLocation("postgresql://alice@db.example.org/labels");
    FAIL() << "no error";
  } catch (const FileError& e) {
    EXPECT_NE(std::string(e.what()).find("postgresql://alice@db.example.org/labels"),
              std::string::npos);
    EXPECT_NE(std::string(e.what()).find("names no sequence"), std::string::npos);
  }
  EXPECT_THROW(splitServerLocation("postgresql://alice@db.example.org/labels/only_dataset"),
               FileError);
}

TEST(ServerLocation, AnErrorNeverShowsThePassword) {
  try {
    splitServerLocation("postgresql://alice:s3cret@db.example.org/labels");
    FAIL() << "no error";
  } catch (const FileError& e) {
    EXPECT_EQ(std::string(e.what()).find("s3cret"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("postgresql://alice@db.example.org/labels"),
              std::string::npos);
  }
  EXPECT_EQ(redactServerUri("postgresql://h/db?password=s3cret&sslmode=require"),
            "postgresql://h/db?password=***&sslmode=require");
  EXPECT_EQ(redactServerUri("postgres://:pw@h/db?user=a&password=x"),
            "postgres://@h/db?user=a&password=***");
}

TEST(ServerLocation, ALocationWithoutAPasswordIsShownAsItIs) {
  for (const std::string uri : {"postgresql://alice@h:5432/db/samples/seq",
                                "postgresql://h:5432/db?sslmode=verify-full", "/data/seq"})
    EXPECT_EQ(redactServerUri(uri), uri);
}

TEST(ServerLocation, OnlyPostgresqlSchemesAreServerLocations) {
  EXPECT_TRUE(isServerLocation("postgresql://h/db/d/s"));
  EXPECT_TRUE(isServerLocation("postgres://h/db/d/s"));
  EXPECT_FALSE(isServerLocation("/data/seq_0042"));
  EXPECT_FALSE(isServerLocation("sample_data/postgresql://"));
}

}  // namespace
}  // namespace lidarlabel
