#pragma once
// store_bench's in-process baseline for a box commit: the path before issue 17's tuning, kept
// here so that both run in one process on one server. It sends the same compare-and-set UPDATE
// as an unnamed statement (parsed and planned per commit) and, while it exists, puts the two
// statement triggers of migration 2 (audit_statement + notify_statement) back on boxes in place
// of migration 6's single boxes_changed trigger.
#include <libpq-fe.h>

#include <charconv>
#include <stdexcept>
#include <string>
#include <vector>

#include "lidarlabel/core/annotation.h"

namespace lidarlabel::bench {

class BaselineBoxCommit {
 public:
  // uri: the database, as its owner (the triggers are swapped for the object's lifetime).
  explicit BaselineBoxCommit(const std::string& uri) : conn_(PQconnectdb(uri.c_str())) {
    run("ALTER TABLE lidarlabel.boxes DISABLE TRIGGER changed_update; "
        "CREATE TRIGGER baseline_audit_update AFTER UPDATE ON lidarlabel.boxes REFERENCING OLD "
        "TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "
        "lidarlabel.audit_statement('id', 'version'); "
        "CREATE TRIGGER baseline_notify_update AFTER UPDATE ON lidarlabel.boxes REFERENCING OLD "
        "TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "
        "lidarlabel.notify_statement('id', 'version')");
  }
  ~BaselineBoxCommit() {
    run("DROP TRIGGER baseline_audit_update ON lidarlabel.boxes; DROP TRIGGER "
        "baseline_notify_update ON lidarlabel.boxes; ALTER TABLE lidarlabel.boxes ENABLE "
        "TRIGGER changed_update");
    PQfinish(conn_);
  }
  BaselineBoxCommit(const BaselineBoxCommit&) = delete;
  BaselineBoxCommit& operator=(const BaselineBoxCommit&) = delete;

  // The update of box `id` on `version`; returns the new version, 0 on a conflict.
  std::int64_t update(std::int64_t id, std::int64_t version, const ObjectAnnotation& o) {
    const Cuboid& b = o.box;
    std::vector<std::string> v = {std::to_string(id),
                                  std::to_string(version),
                                  std::to_string(o.trackId),
                                  o.className,
                                  shortest(b.center.x()),
                                  shortest(b.center.y()),
                                  shortest(b.center.z()),
                                  shortest(b.size.x()),
                                  shortest(b.size.y()),
                                  shortest(b.size.z()),
                                  shortest(b.yaw),
                                  shortest(b.pitch),
                                  shortest(b.roll),
                                  toString(o.provenance),
                                  toString(o.review),
                                  shortest(o.confidence),
                                  attributes(o),
                                  ""};
    std::vector<const char*> values;
    for (const std::string& s : v) values.push_back(s.c_str());
    if (o.attributes.empty()) values[16] = nullptr;
    values[17] = nullptr;  // review_log: none in the benchmark
    PGresult* r = PQexecParams(
        conn_,
        "WITH t AS (INSERT INTO lidarlabel.tracks SELECT sequence_id, $3::int FROM "
        "lidarlabel.boxes WHERE id = $1 ON CONFLICT DO NOTHING) UPDATE lidarlabel.boxes SET "
        "(track_id, class, cx, cy, cz, length, width, height, yaw, pitch, roll, provenance, "
        "review, confidence, attributes, review_log) = ($3::int, $4::text, $5::float8, "
        "$6::float8, $7::float8, $8::float8, $9::float8, $10::float8, $11::float8, $12::float8, "
        "$13::float8, $14::text, $15::text, $16::real, $17::jsonb, $18::jsonb), version = "
        "version + 1 WHERE id = $1 AND version = $2 RETURNING version",
        static_cast<int>(values.size()), nullptr, values.data(), nullptr, nullptr, 0);
    const bool ok = PQresultStatus(r) == PGRES_TUPLES_OK;
    const std::int64_t next = ok && PQntuples(r) == 1 ? std::stoll(PQgetvalue(r, 0, 0)) : 0;
    const std::string error = PQerrorMessage(conn_);
    PQclear(r);
    if (!ok) throw std::runtime_error("baseline commit: " + error);
    return next;
  }

 private:
  template <typename T>
  static std::string shortest(T v) {
    char buf[32];
    return std::string(buf, std::to_chars(buf, buf + sizeof buf, v).ptr);
  }
  // {"key": "value", ...}; the benchmark's attribute names and values need no escaping.
  static std::string attributes(const ObjectAnnotation& o) {
    std::string out = "{";
    for (const auto& [k, v] : o.attributes)
      out += (out.size() > 1 ? ", \"" : "\"") + k + "\": \"" + v + "\"";
    return out + "}";
  }
  void run(const char* sql) {
    PGresult* r = PQexec(conn_, sql);
    const bool ok = PQresultStatus(r) == PGRES_COMMAND_OK;
    PQclear(r);
    if (!ok) throw std::runtime_error(std::string("baseline set-up: ") + PQerrorMessage(conn_));
  }

  PGconn* conn_;
};

}  // namespace lidarlabel::bench
