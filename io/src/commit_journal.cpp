#include "lidarlabel/io/commit_journal.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <random>

#include "json_util.h"
#include "lidarlabel/core/errors.h"
#include "lidarlabel/io/atomic_file.h"
#include "native_json.h"

namespace lidarlabel {

using json = nlohmann::json;

namespace {

json entryToJson(const JournalEntry& e) {
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
    pending_.push_back(entryFromJson(j, path_, line));
    start = end + 1;
    ++line;
  }
}

void CommitJournal::enqueue(const std::string& sequence, std::size_t frame, BoxChange change) {
  if (change.id == 0 && change.clientKey.empty()) change.clientKey = freshKey();
  JournalEntry e{sequence, frame, std::move(change)};
  const std::string line = entryToJson(e).dump() + "\n";
  const int fd = ::open(path_.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (fd < 0) throw FileError(path_, "", std::string("cannot open: ") + std::strerror(errno));
  const bool ok = ::write(fd, line.data(), line.size()) == static_cast<ssize_t>(line.size()) &&
                  ::fsync(fd) == 0;
  const int err = errno;
  ::close(fd);
  if (!ok) throw FileError(path_, "", std::string("cannot append: ") + std::strerror(err));
  pending_.push_back(std::move(e));
}

bool CommitJournal::flush(Store& store,
                          const std::function<void(const JournalOutcome&)>& onOutcome) {
  bool connected = true;
  std::size_t done = 0;
  for (; done < pending_.size(); ++done) {
    const JournalEntry& e = pending_[done];
    JournalOutcome out{e, {}, ""};
    try {
      out.result = store.commitBox(e.sequence, e.frame, e.change);
      if (alreadyApplied(e, out.result))
        out.result = {true, {e.change.id, e.change.object ? out.result.stamp.version : 0}, {}};
    } catch (const FileError& err) {
      if (transient(err)) {
        connected = false;
        break;
      }
      out.error = err.what();
    }
    if (onOutcome) onOutcome(out);
  }
  if (done > 0) {
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
