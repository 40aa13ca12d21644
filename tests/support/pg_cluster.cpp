#include "pg_cluster.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <grp.h>
#include <libpq-fe.h>
#include <netinet/in.h>
#include <pwd.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>
#include <vector>

#include "lidarlabel/io/pg_store.h"

namespace fs = std::filesystem;

namespace lidarlabel::test {

namespace {

int freePort() {
  const int s = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof a;
  ::bind(s, reinterpret_cast<sockaddr*>(&a), sizeof a);
  ::getsockname(s, reinterpret_cast<sockaddr*>(&a), &len);
  ::close(s);
  return ntohs(a.sin_port);
}

// Starts argv as a child (as `postgres` when we are root), output appended to logFile.
pid_t spawn(const std::vector<std::string>& argv, const std::string& logFile) {
  const passwd* pw = ::geteuid() == 0 ? ::getpwnam("postgres") : nullptr;
  if (::geteuid() == 0 && !pw) throw std::runtime_error("running as root but no 'postgres' user");
  const pid_t pid = ::fork();
  if (pid != 0) return pid;
  const int log = ::open(logFile.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
  ::dup2(log, 1);
  ::dup2(log, 2);
  if (pw && (::setgid(pw->pw_gid) != 0 || ::initgroups("postgres", pw->pw_gid) != 0 ||
             ::setuid(pw->pw_uid) != 0))
    ::_exit(126);
  ::prctl(PR_SET_PDEATHSIG, SIGQUIT);  // after setuid, which clears it
  std::vector<char*> args;
  for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  ::execv(args[0], args.data());
  ::_exit(127);
}

std::string tail(const std::string& file) {
  std::ifstream in(file);
  std::stringstream ss;
  ss << in.rdbuf();
  const std::string s = ss.str();
  return s.size() > 2000 ? s.substr(s.size() - 2000) : s;
}

}  // namespace

std::string PgCluster::binDir() {
  if (const char* env = std::getenv("LIDARLABEL_PG_BIN"); env && *env)
    return fs::exists(fs::path(env) / "initdb") ? env : "";
  std::string best;
  int bestVersion = -1;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator("/usr/lib/postgresql", ec)) {
    const fs::path bin = e.path() / "bin";
    if (!fs::exists(bin / "initdb") || !fs::exists(bin / "postgres")) continue;
    const int v = std::atoi(e.path().filename().c_str());
    if (v > bestVersion) bestVersion = v, best = bin.string();
  }
  return best;
}

PgCluster::PgCluster(Options options) : bin_(binDir()) {
  if (bin_.empty()) throw std::runtime_error("no PostgreSQL server binaries found");
  char tmpl[] = "/tmp/llpg-XXXXXX";
  if (!::mkdtemp(tmpl)) throw std::runtime_error("mkdtemp failed");
  dir_ = tmpl;
  if (::geteuid() == 0) {
    const passwd* pw = ::getpwnam("postgres");
    if (pw && ::chown(dir_.c_str(), pw->pw_uid, pw->pw_gid) != 0)
      throw std::runtime_error("cannot chown " + dir_ + " to postgres");
  }
  const std::string log = dir_ + "/server.log", data = dir_ + "/data";
  const pid_t init = spawn({bin_ + "/initdb", "-D", data, "-U", "postgres", "-A", "trust", "-E",
                            "UTF8", "--locale=C", "--no-sync", "--no-instructions"},
                           log);
  int status = 0;
  ::waitpid(init, &status, 0);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
    throw std::runtime_error("initdb failed:\n" + tail(log));
  port_ = freePort();
  std::vector<std::string> argv{bin_ + "/postgres",
                                "-D",
                                data,
                                "-k",
                                dir_,
                                "-p",
                                std::to_string(port_),
                                "-c",
                                "listen_addresses=127.0.0.1",
                                "-c",
                                "max_connections=60",
                                "-c",
                                "shared_buffers=64MB"};
  if (!options.durable)
    for (const char* c : {"fsync=off", "synchronous_commit=off", "full_page_writes=off"})
      argv.insert(argv.end(), {"-c", c});
  pid_ = spawn(argv, log);
  const std::string ping = uri("postgres");
  for (int i = 0; i < 600; ++i) {
    if (PQping(ping.c_str()) == PQPING_OK) return;
    if (::waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      throw std::runtime_error("postgres exited:\n" + tail(log));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  throw std::runtime_error("postgres did not become ready in 30 s:\n" + tail(log));
}

PgCluster::~PgCluster() {
  if (pid_ > 0) {
    ::kill(pid_, SIGQUIT);  // immediate shutdown: nothing here needs to survive
    ::waitpid(pid_, nullptr, 0);
  }
  std::error_code ec;
  if (!dir_.empty()) fs::remove_all(dir_, ec);
}

std::string PgCluster::uri(const std::string& database, const std::string& user) const {
  return "postgresql://" + user + "@/" + database + "?host=" + dir_ +
         "&port=" + std::to_string(port_);
}

std::string PgCluster::tcpUri(const std::string& database, const std::string& user) const {
  return "postgresql://" + user + "@127.0.0.1:" + std::to_string(port_) + "/" + database;
}

void PgCluster::admin(const std::string& sql) const {
  PGconn* c = PQconnectdb(uri("postgres").c_str());
  PGresult* r = PQexec(c, sql.c_str());
  const bool ok = PQresultStatus(r) == PGRES_COMMAND_OK || PQresultStatus(r) == PGRES_TUPLES_OK;
  const std::string error = PQerrorMessage(c);
  PQclear(r);
  PQfinish(c);
  if (!ok) throw std::runtime_error(sql + ": " + error);
}

std::string PgCluster::freshServerDatabase() {
  if (!templateReady_) {
    admin("CREATE DATABASE lidarlabel_template");
    initServer(uri("lidarlabel_template"));
    templateReady_ = true;
  }
  const std::string name = "test_" + std::to_string(++nextDatabase_);
  admin("CREATE DATABASE " + name + " TEMPLATE lidarlabel_template STRATEGY FILE_COPY");
  return name;
}

PgCluster* sharedCluster() {
  static std::unique_ptr<PgCluster> cluster =
      PgCluster::binDir().empty() ? nullptr : std::make_unique<PgCluster>(PgCluster::Options{});
  return cluster.get();
}

std::string skipReason() {
  return "no PostgreSQL server installed (initdb/postgres under /usr/lib/postgresql/*/bin or "
         "$LIDARLABEL_PG_BIN); scripts/install-deps.sh installs package postgresql";
}

}  // namespace lidarlabel::test
