// What the window needs beyond the Store interface: frame row ids (to place notifications about
// point labels and frame reviews, which name frame rows) and track ids handed out by the server
// (migration 4, reserve_track_ids).
#include "pg_store_impl.h"

namespace lidarlabel::pg {

std::vector<std::int64_t> PgStore::frameRowIds(const std::string& sequence) {
  const SequenceRow s = sequenceRow(sequence);
  const Result r =
      conn_.exec("SELECT id FROM lidarlabel.frames WHERE sequence_id = $1 ORDER BY idx",
                 {number(std::int64_t{s.id})});
  std::vector<std::int64_t> ids;
  ids.reserve(static_cast<std::size_t>(r.rows()));
  for (int i = 0; i < r.rows(); ++i) ids.push_back(r.i64(i, 0));
  return ids;
}

std::int64_t PgStore::sequenceId(const std::string& sequence) {
  const auto it = sequenceCache_.find(sequence);
  return it != sequenceCache_.end() ? it->second.id : sequenceRow(sequence).id;
}

std::uint32_t PgStore::reserveTrackIds(const std::string& sequence, std::uint32_t count) {
  const Result r = conn_.exec("SELECT lidarlabel.reserve_track_ids($1, $2)",
                              {number(sequenceId(sequence)), number(std::int64_t{count})});
  return static_cast<std::uint32_t>(r.i64(0, 0));
}

}  // namespace lidarlabel::pg
