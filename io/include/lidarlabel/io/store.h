#pragma once
// One storage interface, two implementations: a folder (the native JSON document + point-label
// sidecars, docs/native-format.md) or a PostgreSQL team server (docs/team-server.md).
//
// The interface works per object and per frame, so that every desk command can become one small
// commit: a box change is a compare-and-set on that box's version, point labels on the frame's
// label version, the frame review on the frame's review version. A commit made on an outdated
// version is refused as a conflict that carries the current version and value; nothing is
// overwritten and nothing is merged automatically (mergePointLabels is offered for labels).
//
// Versions start at 1 and grow by one per committed change. In a folder they live in memory
// (one writer per folder: the window's workspace lock); on a server they are columns.
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "lidarlabel/core/annotation.h"
#include "lidarlabel/core/sequence.h"

namespace lidarlabel {

// Identity and version of one stored box; ids are unique in a store and never reused.
struct BoxStamp {
  std::int64_t id = 0;
  std::int64_t version = 0;
  friend bool operator==(const BoxStamp&, const BoxStamp&) = default;
};

// A sequence as stored: boxes[f][k] stamps sequence.frames[f].objects[k].
struct StoredSequence {
  Sequence sequence;  // root = where the sweeps resolve (the folder, or the server's sweep_root)
  std::vector<std::vector<BoxStamp>> boxes;
  std::vector<std::int64_t> reviewVersions;  // per frame: version of Frame::review (>= 1)
  std::vector<std::int64_t> labelVersions;   // per frame: 0 = no point labels stored
};

struct StoredFrame {
  Frame frame;
  std::vector<BoxStamp> boxes;  // parallel to frame.objects
  std::int64_t reviewVersion = 1;
  std::int64_t labelVersion = 0;
};

// One box change: insert (id 0), update (object set) or delete (object empty).
struct BoxChange {
  std::int64_t id = 0;               // 0 = a new box
  std::int64_t expectedVersion = 0;  // the version the edit was made on; ignored for inserts
  std::optional<ObjectAnnotation> object;
  // Inserts: an idempotency key; a server that already holds a box with this key answers with
  // that box instead of adding a second one (the commit journal sets one). "" = none.
  std::string clientKey;
};

struct BoxCommit {
  BoxCommit(bool ok_ = false, BoxStamp stamp_ = {}, std::optional<ObjectAnnotation> current_ = {},
            std::string reason_ = {})
      : ok(ok_), stamp(stamp_), current(std::move(current_)), reason(std::move(reason_)) {}
  bool ok = false;
  // ok: the box's id and its new version (version 0 after a delete). Conflict: the current
  // version (0 = someone deleted the box).
  BoxStamp stamp;
  std::optional<ObjectAnnotation> current;  // conflict: the other writer's box (empty if deleted)
  // Conflict without a newer version: why the store refused (e.g. the track id is taken).
  std::string reason;
};

struct StoredLabels {
  std::int64_t version = 0;  // 0 = none stored
  PointLabels labels;
};

struct LabelCommit {
  bool ok = false;
  std::int64_t version = 0;  // ok: the new version; conflict: the current one
  PointLabels current;       // conflict: the stored labels
};

struct ReviewCommit {
  bool ok = false;
  std::int64_t version = 0;  // ok: the new version; conflict: the current one
  ReviewRecord current;      // conflict: the stored review
};

class Store {
 public:
  virtual ~Store() = default;
  // Where the store is, for messages (a folder, or the URI without its password).
  virtual std::string location() const = 0;
  // Sequence names: a folder holds one (its folder name); a server "dataset/sequence".
  virtual std::vector<std::string> sequences() = 0;
  virtual StoredSequence loadSequence(const std::string& name) = 0;
  virtual StoredFrame loadFrame(const std::string& name, std::size_t frame) = 0;
  // A track id (> 0) names at most one box of a frame: an update onto an id another box of the
  // frame has is a conflict with `reason` set (current = the box as stored); such an insert
  // throws FileError naming the frame.
  virtual BoxCommit commitBox(const std::string& name, std::size_t frame,
                              const BoxChange& change) = 0;
  virtual StoredLabels loadPointLabels(const std::string& name, std::size_t frame) = 0;
  // expectedVersion 0 = the frame had no labels. labels must not be empty.
  virtual LabelCommit commitPointLabels(const std::string& name, std::size_t frame,
                                        std::int64_t expectedVersion,
                                        const PointLabels& labels) = 0;
  virtual ReviewCommit commitFrameReview(const std::string& name, std::size_t frame,
                                         std::int64_t expectedVersion,
                                         const ReviewRecord& review) = 0;
  // Adds a whole sequence as `name`: its boxes, reviews and the point-label sidecars its frames
  // name (read relative to sequence.root). All-or-nothing; a name that exists is an error.
  virtual void importSequence(const std::string& name, const Sequence& sequence) = 0;
};

// Opens a folder (any layout openSequence reads; saves write the native document) or a
// "postgresql://" / "postgres://" URI (libpq connection URI, docs/team-server.md). Throws
// FileError naming the folder or URI.
std::unique_ptr<Store> openStore(const std::string& uri);

// The reason a store gives when a box would take a track id another box of its frame has.
std::string trackIdTaken(std::uint32_t trackId);

// "postgresql://..." or "postgres://...": a team server sequence rather than a folder.
bool isServerLocation(const std::string& location);
// A server location "postgresql://host/database/dataset/sequence[?params]" split into the
// database URI ("postgresql://host/database[?params]") and "dataset/sequence". Throws FileError
// naming the location (password redacted) when it names no sequence.
std::pair<std::string, std::string> splitServerLocation(const std::string& location);
// The URI with its password (user:password@ or password=) replaced, for messages and logs.
std::string redactServerUri(const std::string& uri);

// The folder implementation (also what openStore returns for a folder).
std::unique_ptr<Store> openFileStore(const std::string& folder);

// Server stores register themselves by URI scheme (the PostgreSQL store does, in
// lidarlabel::io_pg); openStore of an unregistered scheme says the build lacks it.
using StoreOpener = std::function<std::unique_ptr<Store>(const std::string& uri)>;
void registerStoreScheme(const std::string& scheme, StoreOpener opener);

// Writes sequence `name` as a native folder: annotations.lidarlabel.json plus the point-label
// sidecars at the paths the frames name, all-or-nothing (writeFolderAtomic; other files in
// `folder` stay). Import then export gives byte-identical files.
void exportSequence(Store& store, const std::string& name, const std::string& folder);

// Three-way merge of one frame's labels edited from `base` by two people: a point takes the side
// that changed it. Points both changed to different labels are conflicts; they keep `theirs` and
// are counted in *conflicts. All three must have the same size (base may be empty = unlabelled).
PointLabels mergePointLabels(const PointLabels& base, const PointLabels& mine,
                             const PointLabels& theirs, std::size_t* conflicts);

}  // namespace lidarlabel
