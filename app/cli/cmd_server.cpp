// lidarlabel-cli server ...: set up and fill a PostgreSQL team server (docs/team-server.md).
// Built when libpq is found (lidarlabel::io_pg). URIs are libpq connection URIs; without one,
// --server or $LIDARLABEL_SERVER, libpq's own defaults (PGHOST, PGDATABASE, ...) apply.
#include <cstdio>
#include <cstdlib>

#include "cli.h"
#include "lidarlabel/io/pg_store.h"
#include "lidarlabel/io/sequence_open.h"
#include "lidarlabel/io/store.h"

namespace lidarlabel::cli {

namespace {

const char* const kUsage =
    "usage: lidarlabel-cli server init URI\n"
    "       lidarlabel-cli server migrate URI\n"
    "       lidarlabel-cli server add-user NAME --role annotator|reviewer|qa|admin\n"
    "                                  [--real-name TEXT] [--server URI]\n"
    "       lidarlabel-cli server import FOLDER --as DATASET/SEQUENCE [--server URI]\n"
    "       lidarlabel-cli server export DATASET/SEQUENCE --out FOLDER [--server URI]\n"
    "       lidarlabel-cli server tasks DATASET/SEQUENCE --frames-per-task N [--server URI]\n"
    "       lidarlabel-cli server list [--server URI]\n"
    "  init creates the group roles and the schema; migrate applies pending migrations; both\n"
    "  can run again safely. add-user creates login role NAME (no password: use psql's\n"
    "  \\password or certificates) in the role's group. import copies a sequence folder's boxes,\n"
    "  reviews and point labels to the server (sweeps stay where they are: the server keeps\n"
    "  their folder and paths); export writes it back as a native folder, byte for byte.\n"
    "  URI example: postgresql://alice@db.example.org/labels?sslmode=verify-full\n"
    "  (--server defaults to $LIDARLABEL_SERVER, then to libpq's PG* variables).";

std::string serverUri(const Args& a) {
  if (const auto v = a.value("server")) return *v;
  const char* env = std::getenv("LIDARLABEL_SERVER");
  return env ? env : "";
}

const std::string& onePositional(const Args& a, const char* what) {
  if (a.positional().size() != 1) throw UsageError(std::string("expected one ") + what);
  return a.positional()[0];
}

int runServer(const std::vector<std::string>& all) {
  if (all.empty()) throw UsageError("no server command given");
  const std::string cmd = all[0];
  const Args a(std::vector<std::string>(all.begin() + 1, all.end()),
               {"server", "role", "real-name", "as", "out", "frames-per-task"}, {});
  if (cmd == "init" || cmd == "migrate") {
    const std::string uri = a.positional().empty() ? serverUri(a) : onePositional(a, "URI");
    const auto [before, after] = cmd == "init" ? initServer(uri) : migrateServer(uri);
    if (before == after)
      std::printf("schema version %d: already up to date\n", after);
    else
      std::printf("schema version %d -> %d\n", before, after);
    return 0;
  }
  if (cmd == "add-user") {
    const std::string name = onePositional(a, "user NAME");
    const auto role = a.value("role");
    if (!role) throw UsageError("add-user needs --role");
    const std::string id = addServerUser(serverUri(a), name, *role, a.valueOr("real-name", ""));
    std::printf("user %s (%s): pseudonym %s\n", name.c_str(), role->c_str(), id.c_str());
    return 0;
  }
  if (cmd == "import") {
    const std::string folder = onePositional(a, "FOLDER");
    const auto as = a.value("as");
    if (!as) throw UsageError("import needs --as DATASET/SEQUENCE");
    const Sequence s = openSequence(folder);
    ServerStore::open(serverUri(a))->importSequence(*as, s);
    std::size_t boxes = 0;
    for (const Frame& f : s.frames) boxes += f.objects.size();
    std::printf("imported %s: %zu frames, %zu boxes\n", as->c_str(), s.size(), boxes);
    return 0;
  }
  if (cmd == "export") {
    const std::string name = onePositional(a, "DATASET/SEQUENCE");
    const auto out = a.value("out");
    if (!out) throw UsageError("export needs --out FOLDER");
    exportSequence(*ServerStore::open(serverUri(a)), name, *out);
    std::printf("exported %s to %s\n", name.c_str(), out->c_str());
    return 0;
  }
  if (cmd == "tasks") {
    const std::string name = onePositional(a, "DATASET/SEQUENCE");
    const long long n = a.intOr("frames-per-task", 0);
    if (n < 1) throw UsageError("tasks needs --frames-per-task N (N >= 1)");
    const auto ids = ServerStore::open(serverUri(a))->createTasks(name, static_cast<int>(n));
    std::printf("%zu tasks for %s\n", ids.size(), name.c_str());
    return 0;
  }
  if (cmd == "list") {
    if (!a.positional().empty()) throw UsageError("list takes no arguments");
    for (const std::string& s : ServerStore::open(serverUri(a))->sequences())
      std::printf("%s\n", s.c_str());
    return 0;
  }
  throw UsageError("unknown server command '" + cmd + "'");
}

}  // namespace

Command serverCommand() {
  return {"server", "set up a PostgreSQL team server: init, migrate, add-user, import, export",
          kUsage, runServer};
}

}  // namespace lidarlabel::cli
