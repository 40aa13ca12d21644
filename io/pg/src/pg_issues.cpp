// Issues and comments pinned to a frame / box / position (tables of migration 1; row-level
// security of migration 3 limits annotators to their task's frames).
#include "pg_rows.h"
#include "pg_store_impl.h"

namespace lidarlabel::pg {

namespace {
std::string vec3Array(const Eigen::Vector3d& p) {
  std::string out = "{";
  for (int i = 0; i < 3; ++i) {
    if (i > 0) out += ',';
    out += number(p[i]).value;
  }
  return out + "}";
}
}  // namespace

std::int64_t PgStore::openIssue(const std::string& sequence, std::size_t frame, std::int64_t boxId,
                                const std::optional<Eigen::Vector3d>& position,
                                const std::string& body) {
  const SequenceRow s = sequenceRow(sequence);
  conn_.exec("BEGIN");
  try {
    const Result r = conn_.exec(
        "INSERT INTO lidarlabel.issues (sequence_id, frame_idx, box_id, position) VALUES ($1, $2, "
        "$3, $4::float8[]) RETURNING id",
        {number(std::int64_t{s.id}), number(static_cast<std::int64_t>(frame)),
         boxId ? number(boxId) : null(), position ? text(vec3Array(*position)) : null()});
    const std::int64_t id = r.i64(0, 0);
    conn_.exec("INSERT INTO lidarlabel.comments (issue_id, body) VALUES ($1, $2)",
               {number(id), text(body)});
    conn_.exec("COMMIT");
    return id;
  } catch (...) {
    PQclear(PQexec(conn_.raw(), "ROLLBACK"));
    throw;
  }
}

void PgStore::commentIssue(std::int64_t issueId, const std::string& body) {
  conn_.exec("INSERT INTO lidarlabel.comments (issue_id, body) VALUES ($1, $2)",
             {number(issueId), text(body)});
}

void PgStore::resolveIssue(std::int64_t issueId) {
  const Result r =
      conn_.exec("UPDATE lidarlabel.issues SET state = 'resolved' WHERE id = $1 RETURNING id",
                 {number(issueId)});
  if (r.rows() == 0)
    throw ServerError(location(), "issue " + std::to_string(issueId), "no such issue");
}

std::vector<ServerIssue> PgStore::issues(const std::string& sequence) {
  const SequenceRow s = sequenceRow(sequence);
  const Result r = conn_.exec(
      "SELECT i.id, i.frame_idx, COALESCE(i.box_id, 0), i.position, i.state, "
      "COALESCE(u.pseudonym, '?'), c.body FROM lidarlabel.issues i "
      "JOIN lidarlabel.comments c ON c.issue_id = i.id "
      "LEFT JOIN lidarlabel.users u ON u.login = c.author "
      "WHERE i.sequence_id = $1 ORDER BY i.id, c.id",
      {number(std::int64_t{s.id})});
  std::vector<ServerIssue> out;
  for (int i = 0; i < r.rows(); ++i) {
    if (out.empty() || out.back().id != r.i64(i, 0)) {
      ServerIssue issue;
      issue.id = r.i64(i, 0);
      issue.frame = static_cast<std::size_t>(r.i64(i, 1));
      issue.boxId = r.i64(i, 2);
      if (!r.isNull(i, 3)) {
        const std::vector<double> p = numbersFromArray(r.get(i, 3));
        if (p.size() == 3) issue.position = Eigen::Vector3d(p[0], p[1], p[2]);
      }
      issue.state = r.str(i, 4);
      out.push_back(std::move(issue));
    }
    out.back().comments.emplace_back(r.str(i, 5), r.str(i, 6));
  }
  return out;
}

}  // namespace lidarlabel::pg
