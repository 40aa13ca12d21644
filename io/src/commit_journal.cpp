#include "lidarlabel/io/commit_journal.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <random>
#include <set>
#include <stdexcept>

#include "json_util.h"
#include "lidarlabel/core/errors.h"
#include "lidarlabel/io/atomic_file.h"
#include "lidarlabel/io/native_format.h"
#include "native_json.h"

namespace lidarlabel {

using json = nlohmann::json;

namespace {

json entryToJson(const JournalEntry& e) {
  if (e.labels)
    return {{"sequence", e.sequence},
            {"frame", e.frame},
            {"labels",
             {{"expected", e.labels->expectedVersion},
              {"key", e.labels->key},
              {"base", !e.labels->base.empty()}}}};
  return {{"sequence", e.sequence},
          {"frame", e.frame},
          {"id", e.change.id},
          {"expected", e.change.expectedVersion},
          {"key", e.change.clientKey},
          {"object", e.change.object ? native_detail::objectToJson(*e.change.object) : json()}};
}

JournalEntry entryFromJson(const json& j, const std::string& file, std::size_t line) {
  const JsonReader r(j, file, "line " + std::to_string(line));
  JournalEntry e;
  e.sequence = r.string("sequence");
  e.frame = static_cast<std::size_t>(r.integer("frame", 0, 1ll << 40));
  if (r.has("labels")) {  // the arrays are read from the sidecars by the caller
    const JsonReader l = r.child("labels");
    LabelChange c;
    c.expectedVersion = l.integer("expected", 0, std::numeric_limits<long long>::max());
    c.key = l.string("key");
    if (l.has("base") && l.raw()["base"].is_boolean() && l.raw()["base"].get<bool>())
      c.base.semantic.push_back(0);  // marker: the base sidecar exists
    e.labels = std::move(c);
    return e;
  }
  e.change.id = r.integer("id", 0, std::numeric_limits<long long>::max());
  e.change.expectedVersion = r.integer("expected", 0, std::numeric_limits<long long>::max());
  e.change.clientKey = r.stringOr("key", "");
  if (r.has("object") && !r.raw()["object"].is_null())
    e.change.object = native_detail::objectFromJson(r.child("object"));
  return e;
}

std::string freshKey() {
  static std::random_device rd;
  static std::mt19937_64 rng((static_cast<std::uint64_t>(rd()) << 32) ^ rd());
  char buf[40];
  std::snprintf(buf, sizeof buf, "%016llx%016llx", static_cast<unsigned long long>(rng()),
                static_cast<unsigned long long>(rng()));
  return buf;
}

// A store failure that may pass (connection lost, server restarting): keep the change.
bool transient(const FileError& e) {
  const std::string what = e.what();
  return what.find("cannot connect") != std::string::npos ||
         what.find("cannot reconnect") != std::string::npos ||
         what.find("terminat") != std::string::npos ||
         what.find("server closed the connection") != std::string::npos ||
         what.find("no connection to the server") != std::string::npos;
}

// Points both sides changed since base to different labels (an empty base = all zero).
std::vector<std::uint32_t> collisions(const PointLabels& base, const PointLabels& mine,
                                      const PointLabels& theirs) {
  std::vector<std::uint32_t> out;
  for (std::size_t i = 0; i < mine.size() && i < theirs.size(); ++i) {
    const std::uint16_t bs = base.empty() ? 0 : base.semantic[i];
    const std::uint16_t bi = base.empty() ? 0 : base.instance[i];
    const bool mineChanged = mine.semantic[i] != bs || mine.instance[i] != bi;
    const bool theirsChanged = theirs.semantic[i] != bs || theirs.instance[i] != bi;
    if (mineChanged && theirsChanged &&
        (mine.semantic[i] != theirs.semantic[i] || mine.instance[i] != theirs.instance[i]))
      out.push_back(static_cast<std::uint32_t>(i));
  }
  return out;
}

// Commits one frame's labels; someone else's commit in between is merged and the merge sent on
// their version (a few rounds while others keep committing).
LabelOutcome commitLabels(Store& store, const JournalEntry& e) {
  const LabelChange& l = *e.labels;
  LabelOutcome out;
  PointLabels mine = l.mine;
  std::int64_t expected = l.expectedVersion;
  std::set<std::uint32_t> conflicts;
  for (int round = 0; round < 5; ++round) {
    const LabelCommit c = store.commitPointLabels(e.sequence, e.frame, expected, mine);
    if (c.ok || c.current == mine) {  // committed, or a replay the server already holds
      out.ok = true;
      out.version = c.version;
      out.stored = std::move(mine);
      out.conflictPoints.assign(conflicts.begin(), conflicts.end());
      return out;
    }
    if (c.current.empty() && c.version == 0) {  // none stored (or not visible): insert
      expected = 0;
      continue;
    }
    if (c.current.size() != mine.size())
      throw std::invalid_argument("the server's labels have " + std::to_string(c.current.size()) +
                                  " points, these " + std::to_string(mine.size()));
    for (std::uint32_t i : collisions(l.base, mine, c.current)) conflicts.insert(i);
    std::size_t n = 0;
    mine = mergePointLabels(l.base, mine, c.current, &n);
    expected = c.version;
  }
  throw std::runtime_error("the frame's labels kept changing on the server; try again");
}

// A replayed change the store already applied reads as a conflict with our own result.
bool alreadyApplied(const JournalEntry& e, const BoxCommit& c) {
  if (c.ok) return false;
  if (!e.change.object) return c.stamp.version == 0;  // deleted: by us or someone, it is gone
  return c.current && *c.current == *e.change.object &&
         c.stamp.version == e.change.expectedVersion + 1;
}

}  // namespace

CommitJournal::CommitJournal(std::string path) : path_(std::move(path)) {
  if (!std::filesystem::exists(path_)) return;
  const std::string text = readFile(path_);
  std::size_t start = 0, line = 1;
  while (start < text.size()) {
    const std::size_t end = text.find('\n', start);
    if (end == std::string::npos) break;  // a torn last line: it was never acknowledged
    const json j = json::parse(text.substr(start, end - start), nullptr, false);
    if (j.is_discarded()) throw FileError(path_, atLine(line), "damaged journal line (not JSON)");
    JournalEntry e = entryFromJson(j, path_, line);
    if (e.labels) {
      if (!e.labels->base.empty()) e.labels->base = readPointLabels(sidecar(e.labels->key, "base"));
      e.labels->mine = readPointLabels(sidecar(e.labels->key, "mine"));
    }
    pending_.push_back(std::move(e));
    start = end + 1;
    ++line;
  }
}

void CommitJournal::enqueue(const std::string& sequence, std::size_t frame, BoxChange change) {
  if (change.id == 0 && change.clientKey.empty()) change.clientKey = freshKey();
  JournalEntry e{sequence, frame, std::move(change), std::nullopt};
  append(e);
  pending_.push_back(std::move(e));
}

void CommitJournal::append(const JournalEntry& e) {
  const std::string line = entryToJson(e).dump() + "\n";
  const int fd = ::open(path_.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (fd < 0) throw FileError(path_, "", std::string("cannot open: ") + std::strerror(errno));
  const bool ok = ::write(fd, line.data(), line.size()) == static_cast<ssize_t>(line.size()) &&
                  ::fsync(fd) == 0;
  const int err = errno;
  ::close(fd);
  if (!ok) throw FileError(path_, "", std::string("cannot append: ") + std::strerror(err));
}

std::string CommitJournal::sidecar(const std::string& key, const char* which) const {
  return path_ + ".labels/" + key + "." + which + ".llpl";
}

void CommitJournal::enqueueLabels(const std::string& sequence, std::size_t frame,
                                  LabelChange change) {
  if (change.mine.empty()) throw FileError(path_, "", "point labels to commit are empty");
  change.key = freshKey();
  std::filesystem::create_directories(path_ + ".labels");
  if (!change.base.empty()) writePointLabels(sidecar(change.key, "base"), change.base);
  writePointLabels(sidecar(change.key, "mine"), change.mine);
  JournalEntry e{sequence, frame, {}, std::move(change)};
  append(e);
  pending_.push_back(std::move(e));
}

bool CommitJournal::flush(Store& store,
                          const std::function<void(const JournalOutcome&)>& onOutcome) {
  bool connected = true;
  std::size_t done = 0;
  for (; done < pending_.size(); ++done) {
    const JournalEntry& e = pending_[done];
    JournalOutcome out{e, {}, {}, ""};
    try {
      if (e.labels) {
        out.labels = commitLabels(store, e);
      } else {
        out.result = store.commitBox(e.sequence, e.frame, e.change);
        if (alreadyApplied(e, out.result))
          out.result = {true, {e.change.id, e.change.object ? out.result.stamp.version : 0}, {}};
      }
    } catch (const FileError& err) {
      if (transient(err)) {
        connected = false;
        break;
      }
      out.error = err.what();
    } catch (const std::exception& err) {  // e.g. labels of another size on the server
      out.error = err.what();
    }
    if (onOutcome) onOutcome(out);
  }
  if (done > 0) {
    for (std::size_t i = 0; i < done; ++i)
      if (pending_[i].labels) {
        std::error_code ignored;
        std::filesystem::remove(sidecar(pending_[i].labels->key, "base"), ignored);
        std::filesystem::remove(sidecar(pending_[i].labels->key, "mine"), ignored);
      }
    pending_.erase(pending_.begin(), pending_.begin() + static_cast<std::ptrdiff_t>(done));
    rewrite();
  }
  return connected;
}

void CommitJournal::rewrite() {
  std::string text;
  for (const JournalEntry& e : pending_) text += entryToJson(e).dump() + "\n";
  writeFileAtomic(path_, text);
}

}  // namespace lidarlabel
