#pragma once
// A throwaway PostgreSQL cluster for tests and benchmarks: initdb in a fresh folder under /tmp,
// the server as a child process listening on a unix socket in that folder and on 127.0.0.1 at a
// free port, stopped and removed by the destructor (and killed with the test program, should it
// die). Run as root, initdb and the server run as the `postgres` user. Binaries are taken from
// $LIDARLABEL_PG_BIN, else the newest /usr/lib/postgresql/*/bin.
#include <sys/types.h>

#include <memory>
#include <string>

namespace lidarlabel::test {

class PgCluster {
 public:
  struct Options {
    // false: fsync/synchronous_commit off (tests); true: PostgreSQL's durable defaults
    // (benchmarks).
    bool durable = false;
  };
  // Throws std::runtime_error with the server log's tail when the cluster cannot start.
  explicit PgCluster(Options options);
  ~PgCluster();
  PgCluster(const PgCluster&) = delete;
  PgCluster& operator=(const PgCluster&) = delete;

  // The folder of initdb, postgres, ...; "" when no PostgreSQL server is installed.
  static std::string binDir();

  // libpq URI over the unix socket (trust authentication) / over TCP on 127.0.0.1.
  std::string uri(const std::string& database, const std::string& user = "postgres") const;
  std::string tcpUri(const std::string& database, const std::string& user = "postgres") const;
  int port() const { return port_; }

  // Runs SQL as the superuser on database "postgres"; throws std::runtime_error on failure.
  void admin(const std::string& sql) const;
  // A new database copied from a template database initialised with `server init` once per
  // cluster (CREATE DATABASE ... TEMPLATE: a few milliseconds). Returns its name.
  std::string freshServerDatabase();

 private:
  std::string dir_, bin_;
  int port_ = 0;
  pid_t pid_ = -1;
  int nextDatabase_ = 0;
  bool templateReady_ = false;
};

// The cluster shared by the tests of one program: started on first use, stopped at exit.
// nullptr when no PostgreSQL server is installed (skipReason() says so).
PgCluster* sharedCluster();
std::string skipReason();

}  // namespace lidarlabel::test
