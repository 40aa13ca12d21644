// The server Store: loading and the compare-and-set commits. Each commit is one statement in its
// own transaction (durable when the server's synchronous_commit is on); a commit made on an
// outdated version changes nothing and answers with the current version and value.
#include <cstring>
#include <filesystem>
#include <unordered_map>

#include "pg_rows.h"
#include "pg_store_impl.h"

namespace lidarlabel::pg {

namespace {

constexpr const char* kUniqueViolation = "23505";  // SQLSTATE unique_violation

constexpr const char* kFrameColumns =
    "f.id, f.idx, f.sweep_uri, f.timestamp_us, f.ego_pose, f.point_labels_path, f.passthrough, "
    "f.review, f.review_version, f.annotation_seconds, COALESCE(p.version, 0)";
constexpr const char* kFrameJoin =
    " FROM lidarlabel.frames f LEFT JOIN lidarlabel.point_labels p ON p.frame_id = f.id ";
// Box parameters $3..$18 with their column types (INSERT ... SELECT needs them spelled out).
constexpr const char* kBoxValues =
    "$3::int, $4::text, $5::float8, $6::float8, $7::float8, $8::float8, $9::float8, $10::float8, "
    "$11::float8, $12::float8, $13::float8, $14::text, $15::text, $16::real, $17::jsonb, "
    "$18::jsonb";

std::vector<Param> withBox(std::vector<Param> head, const ObjectAnnotation& o) {
  for (Param& p : boxParams(o)) head.push_back(std::move(p));
  return head;
}

const bool registered = [] {
  const StoreOpener opener = [](const std::string& uri) -> std::unique_ptr<Store> {
    return ServerStore::open(uri);
  };
  registerStoreScheme("postgresql", opener);
  registerStoreScheme("postgres", opener);
  return true;
}();

}  // namespace

std::pair<std::string, std::string> splitSequenceName(const std::string& location,
                                                      const std::string& name) {
  const auto slash = name.find('/');
  if (slash == std::string::npos || slash == 0 || slash + 1 == name.size())
    throw ServerError(location, "",
                      "sequence names on a server are 'dataset/sequence', not '" + name + "'");
  return {name.substr(0, slash), name.substr(slash + 1)};
}

PgStore::PgStore(const std::string& uri) : conn_(uri) {
  (void)registered;
  const bool present =
      conn_.exec("SELECT to_regclass('lidarlabel.schema_version') IS NOT NULL").get(0, 0) == "t";
  const Result r = conn_.exec(present ? "SELECT COALESCE(max(version), 0) FROM "
                                        "lidarlabel.schema_version"
                                      : "SELECT 0");
  const std::int64_t have = r.i64(0, 0), want = serverSchemaVersion();
  if (have < 1)
    throw ServerError(location(), "",
                      "not a lidarlabel server database (run: lidarlabel-cli server init URI)");
  if (have < want)
    throw ServerError(location(), "",
                      "schema version " + std::to_string(have) + " is older than this build's " +
                          std::to_string(want) + " (run: lidarlabel-cli server migrate URI)");
  if (have > want)
    throw ServerError(location(), "",
                      "schema version " + std::to_string(have) +
                          " is newer than this lidarlabel understands (" + std::to_string(want) +
                          "); please upgrade");
}

std::vector<std::string> PgStore::sequences() {
  const Result r = conn_.exec(
      "SELECT d.name || '/' || s.name FROM lidarlabel.sequences s "
      "JOIN lidarlabel.datasets d ON d.id = s.dataset_id ORDER BY 1");
  std::vector<std::string> out;
  for (int i = 0; i < r.rows(); ++i) out.push_back(r.str(i, 0));
  return out;
}

PgStore::SequenceRow PgStore::sequenceRow(const std::string& name) {
  const auto [dataset, sequence] = splitSequenceName(location(), name);
  const Result r = conn_.exec(
      "SELECT s.id, s.doc_name, s.sweep_root, s.sweep_format, s.metadata FROM "
      "lidarlabel.sequences s JOIN lidarlabel.datasets d ON d.id = s.dataset_id "
      "WHERE d.name = $1 AND s.name = $2",
      {text(dataset), text(sequence)});
  if (r.rows() == 0) throw ServerError(location(), "", "no sequence '" + name + "' on the server");
  SequenceRow row{static_cast<int>(r.i64(0, 0)), r.str(0, 1), r.str(0, 2), r.str(0, 3),
                  r.str(0, 4)};
  sequenceCache_[name] = row;
  return row;
}

Frame PgStore::frameFromRow(const Result& r, int row, int c) {
  Frame f;
  f.info.sweepPath = r.str(row, c);
  f.info.timestampUs = r.i64(row, c + 1);
  if (!r.isNull(row, c + 2)) f.info.egoPose = poseFromArray(r.get(row, c + 2));
  f.pointLabelPath = r.str(row, c + 3);
  if (!r.isNull(row, c + 4)) f.passthrough = passthroughFromText(r.get(row, c + 4), location());
  if (!r.isNull(row, c + 5)) f.review = reviewFromText(r.get(row, c + 5), location(), "review");
  f.annotationSeconds = r.f64(row, c + 7);
  return f;
}

StoredSequence PgStore::loadSequence(const std::string& name) {
  const SequenceRow s = sequenceRow(name);
  StoredSequence out;
  out.sequence.name = s.docName;
  out.sequence.root = s.sweepRoot;
  out.sequence.sweepFormat = s.sweepFormat;
  out.sequence.metadata = stringMapFromText(s.metadata, location());
  const Result fr = conn_.exec(std::string("SELECT ") + kFrameColumns + kFrameJoin +
                                   "WHERE f.sequence_id = $1 ORDER BY f.idx",
                               {number(std::int64_t{s.id})});
  std::unordered_map<std::int64_t, std::size_t> indexOf;
  for (int i = 0; i < fr.rows(); ++i) {
    indexOf[fr.i64(i, 0)] = out.sequence.frames.size();
    out.sequence.frames.push_back(frameFromRow(fr, i, 2));
    out.reviewVersions.push_back(fr.i64(i, 8));
    out.labelVersions.push_back(fr.i64(i, 10));
  }
  out.boxes.resize(out.sequence.size());
  const Result br = conn_.exec(std::string("SELECT frame_id, id, version, ") + kBoxColumns +
                                   " FROM lidarlabel.boxes WHERE sequence_id = $1 ORDER BY id",
                               {number(std::int64_t{s.id})}, true);
  // Frame of each row first, so that each frame's vectors are allocated once.
  std::vector<std::size_t> frameOf(static_cast<std::size_t>(br.rows()));
  std::vector<std::size_t> count(out.sequence.size(), 0);
  for (int i = 0; i < br.rows(); ++i)
    ++count[frameOf[static_cast<std::size_t>(i)] = indexOf.at(br.i64(i, 0))];
  for (std::size_t f = 0; f < count.size(); ++f) {
    out.sequence.frames[f].objects.reserve(count[f]);
    out.boxes[f].reserve(count[f]);
  }
  for (int i = 0; i < br.rows(); ++i) {
    const std::size_t f = frameOf[static_cast<std::size_t>(i)];
    out.sequence.frames[f].objects.push_back(boxFromRow(br, i, 3, location()));
    out.boxes[f].push_back({br.i64(i, 1), br.i64(i, 2)});
  }
  return out;
}

StoredFrame PgStore::loadFrame(const std::string& name, std::size_t frame) {
  const SequenceRow s = sequenceRow(name);
  const Result fr = conn_.exec(std::string("SELECT ") + kFrameColumns + kFrameJoin +
                                   "WHERE f.sequence_id = $1 AND f.idx = $2",
                               {number(std::int64_t{s.id}), number(std::int64_t(frame))});
  if (fr.rows() == 0)
    throw ServerError(location(), name + " frame " + std::to_string(frame), "no such frame");
  StoredFrame out{frameFromRow(fr, 0, 2), {}, fr.i64(0, 8), fr.i64(0, 10)};
  const Result br = conn_.exec(std::string("SELECT id, version, ") + kBoxColumns +
                                   " FROM lidarlabel.boxes WHERE frame_id = $1 ORDER BY id",
                               {number(fr.i64(0, 0))}, true);
  for (int i = 0; i < br.rows(); ++i) {
    out.frame.objects.push_back(boxFromRow(br, i, 2, location()));
    out.boxes.push_back({br.i64(i, 0), br.i64(i, 1)});
  }
  return out;
}

BoxCommit PgStore::currentBox(std::int64_t id) {
  static const std::string sql =
      std::string("SELECT version, ") + kBoxColumns + " FROM lidarlabel.boxes WHERE id = $1";
  const Result r = conn_.execPrepared("current_box", sql, {number(id)}, true);
  if (r.rows() == 0) return {false, {id, 0}, std::nullopt};
  return {false, {id, r.i64(0, 0)}, boxFromRow(r, 0, 1, location())};
}

BoxCommit PgStore::commitBox(const std::string& name, std::size_t frame, const BoxChange& c) {
  const std::string where = name + " frame " + std::to_string(frame);
  if (c.object && c.object->trackId >= 65536)
    throw ServerError(location(), where,
                      "track id " + std::to_string(c.object->trackId) +
                          " is not below 65,536 (the point-label instance id range)");
  if (c.id == 0) {
    if (!c.object) throw ServerError(location(), where, "a new box needs its object");
    const auto it = sequenceCache_.find(name);
    const int seq = it != sequenceCache_.end() ? it->second.id : sequenceRow(name).id;
    std::vector<Param> params =
        withBox({number(std::int64_t{seq}), number(std::int64_t(frame))}, *c.object);
    params.push_back(c.clientKey.empty() ? null() : text(c.clientKey));
    static const std::string sql =
        std::string(
            "WITH f AS (SELECT id, sequence_id FROM lidarlabel.frames WHERE sequence_id "
            "= $1 AND idx = $2), t AS (INSERT INTO lidarlabel.tracks SELECT sequence_id, "
            "$3::int FROM f ON CONFLICT DO NOTHING) INSERT INTO lidarlabel.boxes "
            "(sequence_id, frame_id, client_key, ") +
        kBoxColumns + ") SELECT f.sequence_id, f.id, $19, " + kBoxValues +
        " FROM f ON CONFLICT (client_key) DO NOTHING RETURNING id, version";
    const Result r = [&] {
      try {
        return conn_.execPrepared("insert_box", sql, params);
      } catch (const ServerError& e) {  // migration 7: one box per track id and frame
        if (e.sqlstate() != kUniqueViolation) throw;
        throw ServerError(location(), where, trackIdTaken(c.object->trackId), e.sqlstate());
      }
    }();
    if (r.rows() == 1) return {true, {r.i64(0, 0), r.i64(0, 1)}, std::nullopt};
    if (!c.clientKey.empty()) {  // a replay: the box of this key is already there
      const Result k = conn_.exec("SELECT id, version FROM lidarlabel.boxes WHERE client_key = $1",
                                  {text(c.clientKey)});
      if (k.rows() == 1) return {true, {k.i64(0, 0), k.i64(0, 1)}, std::nullopt};
    }
    throw ServerError(location(), where, "no such frame");
  }
  if (!c.object) {
    const Result r = conn_.execPrepared(
        "delete_box", "DELETE FROM lidarlabel.boxes WHERE id = $1 AND version = $2",
        {number(c.id), number(c.expectedVersion)});
    if (std::strcmp(PQcmdTuples(r.raw()), "1") == 0) return {true, {c.id, 0}, std::nullopt};
    return currentBox(c.id);
  }
  // One statement, prepared once: the track id is registered and the box compared-and-set.
  static const std::string sql =
      std::string(
          "WITH t AS (INSERT INTO lidarlabel.tracks SELECT sequence_id, $3::int FROM "
          "lidarlabel.boxes WHERE id = $1 ON CONFLICT DO NOTHING) "
          "UPDATE lidarlabel.boxes SET (") +
      kBoxColumns + ") = (" + kBoxValues +
      "), version = version + 1 WHERE id = $1 AND version = $2 RETURNING version";
  try {
    const Result r = conn_.execPrepared(
        "update_box", sql, withBox({number(c.id), number(c.expectedVersion)}, *c.object));
    if (r.rows() == 1) return {true, {c.id, r.i64(0, 0)}, std::nullopt};
  } catch (const ServerError& e) {  // migration 7: one box per track id and frame
    if (e.sqlstate() != kUniqueViolation) throw;
    BoxCommit refused = currentBox(c.id);
    refused.reason = trackIdTaken(c.object->trackId);
    return refused;
  }
  return currentBox(c.id);
}

StoredLabels PgStore::loadPointLabels(const std::string& name, std::size_t frame) {
  const SequenceRow s = sequenceRow(name);
  const Result r = conn_.exec(
      "SELECT p.version, p.point_count, p.data FROM lidarlabel.point_labels p JOIN "
      "lidarlabel.frames f ON f.id = p.frame_id WHERE f.sequence_id = $1 AND f.idx = $2",
      {number(std::int64_t{s.id}), number(std::int64_t(frame))}, true);
  if (r.rows() == 0) return {};
  const std::string where = location() + " " + name + " frame " + std::to_string(frame);
  return {r.i64(0, 0), decompressLabels(r.get(0, 2), static_cast<std::size_t>(r.i64(0, 1)), where)};
}

LabelCommit PgStore::commitPointLabels(const std::string& name, std::size_t frame,
                                       std::int64_t expected, const PointLabels& labels) {
  const SequenceRow s = sequenceRow(name);
  const std::vector<Param> head{number(std::int64_t{s.id}), number(std::int64_t(frame)),
                                number(static_cast<std::int64_t>(labels.size())),
                                bytes(compressLabels(labels))};
  std::vector<Param> params = head;
  Result r = expected == 0
                 ? conn_.exec(
                       "INSERT INTO lidarlabel.point_labels (frame_id, point_count, data) "
                       "SELECT id, $3, $4 FROM lidarlabel.frames WHERE sequence_id = $1 "
                       "AND idx = $2 ON CONFLICT (frame_id) DO NOTHING RETURNING version",
                       params)
                 : (params.push_back(number(expected)),
                    conn_.exec("UPDATE lidarlabel.point_labels p SET point_count = $3, data = $4, "
                               "version = p.version + 1 FROM lidarlabel.frames f WHERE p.frame_id "
                               "= f.id AND f.sequence_id = $1 AND f.idx = $2 AND p.version = $5 "
                               "RETURNING p.version",
                               params));
  if (r.rows() == 1) {
    if (expected == 0) {
      const Result fr = conn_.exec(
          "SELECT sweep_uri FROM lidarlabel.frames WHERE sequence_id = $1 AND idx = $2 AND "
          "point_labels_path = ''",
          {head[0], head[1]});
      if (fr.rows() == 1)
        conn_.exec(
            "UPDATE lidarlabel.frames SET point_labels_path = $3 WHERE sequence_id = $1 AND "
            "idx = $2",
            {head[0], head[1],
             text("labels/" + std::filesystem::path(fr.str(0, 0)).stem().stem().string() +
                  ".llpl")});
    }
    return {true, r.i64(0, 0), {}};
  }
  const StoredLabels current = loadPointLabels(name, frame);
  return {false, current.version, current.labels};
}

ReviewCommit PgStore::commitFrameReview(const std::string& name, std::size_t frame,
                                        std::int64_t expected, const ReviewRecord& review) {
  const SequenceRow s = sequenceRow(name);
  const std::string json = reviewJson(review);
  const std::vector<Param> key{number(std::int64_t{s.id}), number(std::int64_t(frame))};
  const Result r = conn_.exec(
      "UPDATE lidarlabel.frames SET review = $3::jsonb, review_version = review_version + 1 "
      "WHERE sequence_id = $1 AND idx = $2 AND review_version = $4 RETURNING review_version",
      {key[0], key[1], json.empty() ? null() : text(json), number(expected)});
  if (r.rows() == 1) return {true, r.i64(0, 0), {}};
  const StoredFrame current = loadFrame(name, frame);
  return {false, current.reviewVersion, current.frame.review};
}

}  // namespace lidarlabel::pg

namespace lidarlabel {
std::unique_ptr<ServerStore> ServerStore::open(const std::string& uri) {
  return std::make_unique<pg::PgStore>(uri);
}
}  // namespace lidarlabel
