// Tasks with leases (the SQL functions of migration 3 check role and stage) and live change
// notifications (LISTEN lidarlabel; payloads from migration 2 carry ids and versions only).
#include <poll.h>

#include <nlohmann/json.hpp>

#include "pg_store_impl.h"

namespace lidarlabel::pg {

namespace {
std::string stringField(const nlohmann::json& j, const char* key) {
  const auto it = j.find(key);
  if (it == j.end()) return "";
  const std::string* s = it->get_ptr<const std::string*>();
  return s ? *s : "";
}
}  // namespace

std::vector<int> PgStore::createTasks(const std::string& sequence, int framesPerTask) {
  if (framesPerTask < 1) throw ServerError(location(), "", "frames per task must be >= 1");
  const SequenceRow s = sequenceRow(sequence);
  const Result r = conn_.exec(
      "INSERT INTO lidarlabel.tasks (sequence_id, first_frame, last_frame) "
      "SELECT $1, g, LEAST(g + $2 - 1, n - 1) FROM (SELECT count(*)::int AS n FROM "
      "lidarlabel.frames WHERE sequence_id = $1) c, generate_series(0, n - 1, $2) g "
      "ORDER BY g RETURNING id",
      {number(std::int64_t{s.id}), number(std::int64_t{framesPerTask})});
  std::vector<int> ids;
  for (int i = 0; i < r.rows(); ++i) ids.push_back(static_cast<int>(r.i64(i, 0)));
  return ids;
}

std::optional<ServerTask> PgStore::claimTask(const std::string& stage, int leaseSeconds) {
  const Result r = conn_.exec(
      "SELECT t.id, d.name || '/' || s.name, t.first_frame, t.last_frame, t.stage FROM "
      "lidarlabel.claim_task($1, $2) t LEFT JOIN lidarlabel.sequences s ON s.id = t.sequence_id "
      "LEFT JOIN lidarlabel.datasets d ON d.id = s.dataset_id",
      {text(stage), number(std::int64_t{leaseSeconds})});
  if (r.rows() == 0 || r.isNull(0, 0)) return std::nullopt;
  return ServerTask{static_cast<int>(r.i64(0, 0)), r.str(0, 1), static_cast<int>(r.i64(0, 2)),
                    static_cast<int>(r.i64(0, 3)), r.str(0, 4)};
}

bool PgStore::heartbeat(int taskId, int leaseSeconds) {
  return conn_
             .exec("SELECT lidarlabel.heartbeat_task($1, $2)",
                   {number(std::int64_t{taskId}), number(std::int64_t{leaseSeconds})})
             .get(0, 0) == "t";
}

std::string PgStore::moveTask(int taskId, const std::string& action) {
  return conn_
      .exec("SELECT lidarlabel.move_task($1, $2)", {number(std::int64_t{taskId}), text(action)})
      .str(0, 0);
}

void PgStore::listen() {
  conn_.script("LISTEN lidarlabel");
}

std::vector<ServerChange> PgStore::drainNotifications() {
  std::vector<ServerChange> out;
  while (PGnotify* n = PQnotifies(conn_.raw())) {
    const std::string payload = n->extra;
    PQfreemem(n);
    const nlohmann::json j = nlohmann::json::parse(payload, nullptr, false);
    if (!j.is_object()) continue;
    ServerChange base;
    base.table = stringField(j, "table");
    base.op = stringField(j, "op");
    base.payload = payload;
    if (!j.contains("rows")) {
      base.bulk = true;
      out.push_back(base);
      continue;
    }
    for (const auto& row : j["rows"]) {
      ServerChange c = base;
      const auto num = [&](const char* k) {
        return row.contains(k) && row[k].is_number() ? row[k].get<std::int64_t>() : 0;
      };
      c.sequenceId = num("sequence");
      c.frameId = num("frame");
      c.id = num("id");
      c.version = num("version");
      out.push_back(std::move(c));
    }
  }
  return out;
}

std::vector<ServerChange> PgStore::consumeNotifications() {
  if (PQstatus(conn_.raw()) == CONNECTION_OK && PQconsumeInput(conn_.raw()) == 1)
    return drainNotifications();
  std::vector<ServerChange> out = drainNotifications();  // what arrived before the loss
  conn_.reconnectIfLost();                               // throws when the server cannot be reached
  if (PQstatus(conn_.raw()) != CONNECTION_OK) conn_.fail("notifications");
  for (const char* table : {"boxes", "point_labels", "frames"}) {
    ServerChange c;
    c.table = table;
    c.op = "RECONNECTED";
    c.bulk = true;
    out.push_back(std::move(c));
  }
  return out;
}

std::vector<ServerChange> PgStore::pollChanges(int timeoutMs) {
  std::vector<ServerChange> out = consumeNotifications();
  if (!out.empty() || timeoutMs <= 0) return out;
  pollfd p{PQsocket(conn_.raw()), POLLIN, 0};
  if (::poll(&p, 1, timeoutMs) > 0) out = consumeNotifications();
  return out;
}

}  // namespace lidarlabel::pg
