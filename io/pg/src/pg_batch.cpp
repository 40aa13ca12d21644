// Batch workers' claims (migration 5): a claim under a token, its heartbeat, and finishing a task
// in one transaction (hold the claim, replace the automatic boxes of its frames, move it).
#include <algorithm>
#include <cstdint>

#include "pg_rows.h"
#include "pg_store_impl.h"

namespace lidarlabel::pg {

namespace {
// kBoxColumns with each name qualified: "b.track_id, b.class, ...".
std::string qualifiedBoxColumns(const std::string& alias) {
  std::string out = alias + ".";
  for (const char* c = kBoxColumns; *c; ++c) {
    out += *c;
    if (*c == ' ') out += alias + ".";
  }
  return out;
}
}  // namespace

std::optional<ServerTask> PgStore::claimTaskFor(const std::string& stage, int leaseSeconds,
                                                const std::string& sequence,
                                                const std::string& token) {
  const Param seq = sequence.empty() ? null() : number(std::int64_t{sequenceRow(sequence).id});
  const Result r = conn_.exec(
      "SELECT t.id, d.name || '/' || s.name, t.first_frame, t.last_frame, t.stage FROM "
      "lidarlabel.claim_task_for($1, $2, $3, $4) t LEFT JOIN lidarlabel.sequences s ON s.id = "
      "t.sequence_id LEFT JOIN lidarlabel.datasets d ON d.id = s.dataset_id",
      {text(stage), number(std::int64_t{leaseSeconds}), seq, text(token)});
  if (r.rows() == 0 || r.isNull(0, 0)) return std::nullopt;
  return ServerTask{static_cast<int>(r.i64(0, 0)), r.str(0, 1), static_cast<int>(r.i64(0, 2)),
                    static_cast<int>(r.i64(0, 3)), r.str(0, 4)};
}

bool PgStore::heartbeatFor(int taskId, int leaseSeconds, const std::string& token) {
  return conn_
             .exec("SELECT lidarlabel.heartbeat_task_for($1, $2, $3)",
                   {number(std::int64_t{taskId}), number(std::int64_t{leaseSeconds}), text(token)})
             .get(0, 0) == "t";
}

std::string PgStore::finishTask(const ServerTask& task, const std::string& token,
                                const std::string& action,
                                const std::vector<std::vector<ObjectAnnotation>>* automatic) {
  const std::string where = "task " + std::to_string(task.id);
  if (automatic &&
      automatic->size() != static_cast<std::size_t>(task.lastFrame - task.firstFrame + 1))
    throw ServerError(location(), where, "boxes for a different number of frames than the task's");
  std::uint32_t maxLocal = 0;
  std::string copy;
  std::size_t rows = 0;
  if (automatic)
    for (std::size_t i = 0; i < automatic->size(); ++i)
      for (const ObjectAnnotation& o : (*automatic)[i]) {
        maxLocal = std::max(maxLocal, o.trackId);
        copy += std::to_string(task.firstFrame + static_cast<int>(i)) + '\t' +
                std::to_string(rows++) + '\t';
        appendBoxCopy(copy, o);
        copy += '\n';
      }
  const Param id = number(std::int64_t{task.id});
  conn_.exec("BEGIN");
  try {
    conn_.exec("SELECT lidarlabel.hold_task_for($1, $2)", {id, text(token)});
    if (automatic) {
      const Param seq = number(std::int64_t{sequenceRow(task.sequence).id});
      const Param first = number(std::int64_t{task.firstFrame});
      const Param last = number(std::int64_t{task.lastFrame});
      conn_.exec(
          "DELETE FROM lidarlabel.boxes b USING lidarlabel.frames f WHERE b.frame_id = f.id AND "
          "f.sequence_id = $1 AND f.idx BETWEEN $2 AND $3 AND b.provenance = 'automatic'",
          {seq, first, last});
      // Track ids from the server (migration 4), as the window gets them: a desk and a worker
      // never hand out the same ids. The worker's ids 1..maxLocal become first..first+maxLocal-1.
      std::int64_t offset = 0;
      if (maxLocal > 0)
        offset = conn_
                     .exec("SELECT lidarlabel.reserve_track_ids($1, $2)",
                           {seq, number(std::int64_t{maxLocal})})
                     .i64(0, 0) -
                 1;
      conn_.script(std::string("CREATE TEMP TABLE batch_boxes ON COMMIT DROP AS SELECT 0 AS "
                               "idx, 0 AS k, ") +
                   kBoxColumns + " FROM lidarlabel.boxes LIMIT 0");
      conn_.copyIn(std::string("COPY batch_boxes (idx, k, ") + kBoxColumns + ") FROM STDIN", copy);
      conn_.exec("UPDATE batch_boxes SET track_id = track_id + $1 WHERE track_id > 0",
                 {number(offset)});
      conn_.exec(std::string("INSERT INTO lidarlabel.boxes (sequence_id, frame_id, ") +
                     kBoxColumns + ") SELECT f.sequence_id, f.id, " + qualifiedBoxColumns("b") +
                     " FROM batch_boxes b JOIN lidarlabel.frames f ON f.sequence_id = $1 AND "
                     "f.idx = b.idx ORDER BY b.k",
                 {seq});
    }
    const std::string stage =
        conn_.exec("SELECT lidarlabel.move_task($1, $2)", {id, text(action)}).str(0, 0);
    conn_.exec("COMMIT");
    return stage;
  } catch (...) {
    PQclear(PQexec(conn_.raw(), "ROLLBACK"));
    throw;
  }
}

}  // namespace lidarlabel::pg
