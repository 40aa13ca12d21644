// Bulk import of a whole sequence into the server: one transaction, COPY for frames and boxes.
#include <charconv>
#include <set>

#include "lidarlabel/io/native_format.h"
#include "pg_rows.h"
#include "pg_store_impl.h"

namespace lidarlabel::pg {

namespace {

void field(std::string& out, const std::string& v, bool isNull = false) {
  if (isNull)
    out += "\\N";
  else
    appendCopyField(out, v);
}

std::string shortest(double v) {
  char buf[32];
  return std::string(buf, std::to_chars(buf, buf + sizeof buf, v).ptr);
}

// COPY text of the frames (sequence_id, idx, sweep_uri, sweep_hash, timestamp_us, ego_pose,
// point_labels_path, passthrough, review, annotation_seconds).
std::string framesCopy(int sequenceId, const Sequence& s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const Frame& f = s.frames[i];
    const std::string hash = sweepHash(s.sweepPathOf(i));
    const std::string passthrough = passthroughJson(f.passthrough), review = reviewJson(f.review);
    out += std::to_string(sequenceId) + '\t' + std::to_string(i) + '\t';
    field(out, f.info.sweepPath);
    out += '\t';
    field(out, hash, hash.empty());
    out += '\t' + std::to_string(f.info.timestampUs) + '\t';
    field(out, f.info.egoPose ? poseArray(*f.info.egoPose) : "", !f.info.egoPose);
    out += '\t';
    field(out, f.pointLabelPath);
    out += '\t';
    field(out, passthrough, passthrough.empty());
    out += '\t';
    field(out, review, review.empty());
    out += '\t' + shortest(f.annotationSeconds) + '\n';
  }
  return out;
}

}  // namespace

void PgStore::importSequence(const std::string& name, const Sequence& s) {
  const auto [dataset, sequence] = splitSequenceName(location(), name);
  std::set<std::uint32_t> tracks;
  for (std::size_t i = 0; i < s.size(); ++i)
    for (std::size_t k = 0; k < s.frames[i].objects.size(); ++k) {
      const std::uint32_t t = s.frames[i].objects[k].trackId;
      if (t >= 65536)
        throw ServerError(location(), "frame " + std::to_string(i) + " object " + std::to_string(k),
                          "track id " + std::to_string(t) +
                              " is not below 65,536 (the point-label instance id range)");
      tracks.insert(t);
    }
  // Read every sidecar before anything is sent, so a bad file leaves the server untouched.
  std::vector<std::pair<std::size_t, PointLabels>> labels;
  for (std::size_t i = 0; i < s.size(); ++i)
    if (!s.frames[i].pointLabelPath.empty())
      labels.emplace_back(i, readPointLabels(resolvePath(s.root, s.frames[i].pointLabelPath)));

  conn_.exec("BEGIN");
  try {
    const Result d = conn_.exec(
        "INSERT INTO lidarlabel.datasets (name) VALUES ($1) ON CONFLICT (name) DO UPDATE SET "
        "name = EXCLUDED.name RETURNING id",
        {text(dataset)});
    const Result exists =
        conn_.exec("SELECT 1 FROM lidarlabel.sequences WHERE dataset_id = $1 AND name = $2",
                   {text(d.str(0, 0)), text(sequence)});
    if (exists.rows() > 0)
      throw ServerError(location(), "", "sequence '" + name + "' already exists on the server");
    std::string metadata = stringMapJson(s.metadata);
    const Result q = conn_.exec(
        "INSERT INTO lidarlabel.sequences (dataset_id, name, doc_name, sweep_root, sweep_format, "
        "metadata) VALUES ($1, $2, $3, $4, $5, $6::jsonb) RETURNING id",
        {text(d.str(0, 0)), text(sequence), text(s.name), text(s.root), text(s.sweepFormat),
         text(metadata)});
    const int seq = static_cast<int>(q.i64(0, 0));
    conn_.copyIn(
        "COPY lidarlabel.frames (sequence_id, idx, sweep_uri, sweep_hash, timestamp_us, ego_pose, "
        "point_labels_path, passthrough, review, annotation_seconds) FROM STDIN",
        framesCopy(seq, s));
    const Result ids =
        conn_.exec("SELECT id FROM lidarlabel.frames WHERE sequence_id = $1 ORDER BY idx",
                   {number(std::int64_t{seq})});
    std::string trackCopy;
    for (std::uint32_t t : tracks)
      trackCopy += std::to_string(seq) + '\t' + std::to_string(t) + '\n';
    conn_.copyIn("COPY lidarlabel.tracks (sequence_id, track_id) FROM STDIN", trackCopy);
    std::string boxes;
    for (std::size_t i = 0; i < s.size(); ++i)
      for (const ObjectAnnotation& o : s.frames[i].objects) {
        boxes += std::to_string(seq) + '\t' + ids.str(static_cast<int>(i), 0) + '\t';
        appendBoxCopy(boxes, o);
        boxes += '\n';
      }
    conn_.copyIn(std::string("COPY lidarlabel.boxes (sequence_id, frame_id, ") + kBoxColumns +
                     ") FROM STDIN",
                 boxes);
    for (const auto& [i, l] : labels)
      conn_.exec(
          "INSERT INTO lidarlabel.point_labels (frame_id, point_count, data) VALUES ($1, "
          "$2, $3)",
          {text(ids.str(static_cast<int>(i), 0)), number(static_cast<std::int64_t>(l.size())),
           bytes(compressLabels(l))});
    conn_.exec("COMMIT");
  } catch (...) {
    PQclear(PQexec(conn_.raw(), "ROLLBACK"));
    throw;
  }
}

}  // namespace lidarlabel::pg
