#pragma once
// The window on a team server (docs/team-server.md, "In the window"): keeps a Document and one
// server sequence in step, without the commands knowing about it.
//
// Out: an observer of the Document's typed events. After each undo-stack operation (push, merge,
// undo, redo) every box it touched becomes one compare-and-set commit on that box's version,
// sent through the write-behind CommitJournal (journalled and fsync'ed first): an insert, an
// update (geometry, class, attributes, review...) or a delete. Undo and redo are new commits.
// At most one change per box is unanswered: edits made while it waits (a lost connection) are
// coalesced and sent when it is answered.
//
// In: notifications (ids and versions only) are polled; the boxes they name are reloaded and
// applied with Document::applyRemoteObjects: the local undo stack is not touched. Undo entries
// made before someone else changed a box stay on the stack; undoing or redoing one of them
// afterwards is committed on the version it was made on, so the server refuses it and it
// becomes a conflict (nothing of the other person's is overwritten silently). New edits made
// after the remote change are based on it and commit normally.
//
// Conflicts: a refused commit keeps the local box ("mine") beside the server's ("theirs"); the
// window keeps showing mine, further local edits of that box update mine and are not sent, and
// remote changes update theirs, until keepMine() (re-commit on their version) or takeTheirs().
//
// Point labels (server_sync_labels.cpp): the document reads a frame's labels from the server;
// a brush stroke (one undo step; its segments arrive within labelQuietMilliseconds of each
// other) becomes one compare-and-set commit of the frame's labels through the same journal.
// Someone else's commit in between is merged point by point (disjoint edits both survive);
// points both changed to different labels keep theirs and become a LabelConflict. Other
// people's label commits arrive live (Document::applyRemotePointLabels, no undo step).
//
// Frame review (server_sync_review.cpp): a changed frame review record is committed on the
// frame's review version. Decisions and comments are logs: when both sides only appended, the
// appends are merged; anything else is a ReviewConflict. A refusal (annotators may not set
// review state) is a status message; the local record stays. Live like boxes and labels.
//
// Track ids: new tracks get ids reserved on the server (ServerStore::reserveTrackIds, through
// Document::newTrackIds), so two desks creating tracks at once never collide.
#include <QObject>
#include <QTimer>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "lidarlabel/app/document.h"
#include "lidarlabel/io/commit_journal.h"
#include "lidarlabel/io/pg_store.h"

class QSocketNotifier;

namespace lidarlabel {

struct ServerSyncConfig {
  std::string journalPath;     // the local write-behind journal file (created when missing)
  int pollMilliseconds = 100;  // period of reading notifications; <= 0: only pollNow()
  // Point labels are committed this long after the last change of a stroke (or at
  // commitPending()); <= 0: only at commitPending().
  int labelQuietMilliseconds = 300;
};

// One refused commit: the server's box and the local one, side by side.
struct BoxConflict {
  std::size_t frame = 0;
  std::int64_t boxId = 0;                // the server's box id
  ObjectId trackId = 0;                  // the local box's track id (its identity in the Document)
  std::optional<ObjectAnnotation> mine;  // empty: deleted locally
  std::optional<ObjectAnnotation> theirs;  // empty: deleted on the server
  std::int64_t theirVersion = 0;           // 0 = deleted on the server
  // Set when the server refused mine for a reason other than a newer version (theirs is then
  // the box as stored): e.g. its track id is used by someone else's box of the frame.
  std::string reason;
};

// Points of one frame both sides labelled differently: the server kept theirs (shown).
struct LabelConflict {
  std::size_t frame = 0;
  std::vector<std::uint32_t> points;
  PointLabels mine;    // parallel to points
  PointLabels theirs;  // parallel to points
};

// A frame review both sides changed in ways that do not merge (not only appends).
struct ReviewConflict {
  std::size_t frame = 0;
  ReviewRecord mine, theirs;
  std::int64_t theirVersion = 0;
};

class ServerSync : public QObject {
  Q_OBJECT
 public:
  // Replays what the journal still holds (a crash or lost connection last time; refusals become
  // conflicts), loads `sequence` ("dataset/sequence") into the document (setSequence with
  // location() as its folder), listens for notifications. Throws FileError / ServerError.
  ServerSync(Document& document, std::unique_ptr<ServerStore> store, std::string sequence,
             ServerSyncConfig config, QObject* parent = nullptr);
  ~ServerSync() override;

  const std::string& sequenceName() const { return sequence_; }
  std::string location() const;  // the server URI (no password) + "/" + sequence

  // Sends the boxes changed since the last call (also called by itself, queued, after each
  // undo-stack operation). False when the connection is lost (the journal keeps the changes).
  bool commitPending();
  // Reads notifications (waiting up to timeoutMs) and applies other people's changes. Also
  // called by the event loop as soon as the connection's socket is readable.
  void pollNow(int timeoutMs = 0);

  const std::vector<BoxConflict>& conflicts() const { return conflicts_; }
  // Re-commits the local box on the server's current version (the conflict is removed; a new
  // refusal makes a new one). Deleted on the server: mine is inserted as a new box.
  void keepMine(std::size_t conflict);
  // Shows the server's box (not an undo step) and drops the local one.
  void takeTheirs(std::size_t conflict);
  const std::vector<LabelConflict>& labelConflicts() const { return labelConflicts_; }
  void keepMineLabels(std::size_t conflict);   // writes mine at the points and commits them
  void takeTheirLabels(std::size_t conflict);  // keeps theirs (already shown)
  const std::vector<ReviewConflict>& reviewConflicts() const { return reviewConflicts_; }
  void keepMineReview(std::size_t conflict);  // commits mine on their version
  void takeTheirReview(std::size_t conflict);
  std::int64_t labelVersion(std::size_t frame) const;   // as last seen on the server
  std::int64_t reviewVersion(std::size_t frame) const;  // as last seen on the server

  // The server's id and version of a box of the document (0, 0 when not yet committed).
  BoxStamp stampOf(std::size_t frame, ObjectId id) const;
  std::size_t unsentCount() const;  // changes journalled but not answered, plus unsent edits

 signals:
  void conflictsChanged();
  void statusMessage(const QString& message);
  // Someone else's changes were applied to these frames.
  void remoteChangesApplied(const std::vector<std::size_t>& frames);

 private:
  using Key = std::pair<std::size_t, ObjectId>;  // (frame, track id)
  struct Tracked {
    BoxStamp stamp;
    std::int64_t preRemoteVersion = 0;  // version before the first remote change (0 = none)
    std::size_t remoteMark = SIZE_MAX;  // undo commands below this index predate a remote change
  };

  struct LabelState {
    std::int64_t version = 0;  // on the server, as last seen (0 = none stored)
    PointLabels base;          // the labels at that version (when loaded)
    // Before the first change of someone else's shown since the undo history began: the labels
    // this desk had then and their version. An undo / redo of a stroke older than that change
    // is committed on these, so that it meets the change as a conflict instead of erasing it.
    bool remoteSeen = false;
    std::int64_t preRemoteVersion = 0;
    PointLabels preRemoteBase;
    std::size_t remoteMark = SIZE_MAX;  // undo commands below this index predate the change
  };

  void loadAll();
  bool commitNow();
  // Point labels (server_sync_labels.cpp).
  void onPointLabels(const PointLabelsEvent& event);
  PointLabels loadLabels(std::size_t frame);
  void sendLabels();
  void onLabelOutcome(const JournalOutcome& outcome);
  void reloadLabels(const std::set<std::size_t>& frames);
  // Someone else's labels are about to be shown in `frame`; `version` / `labels` are what this
  // desk had until now (kept for stale undo, see LabelState).
  void noteRemoteLabels(std::size_t frame, std::int64_t version, const PointLabels& labels);
  // Sorts the frames the undo-stack operation that just ran touched: stale when it was an undo
  // or redo reaching command `lowest`, below the frame's remote mark.
  void classifyLabelOps(bool undoOrRedo, std::size_t lowest);
  // Frame review (server_sync_review.cpp).
  void onFrameReview(int frame);
  bool sendReviews();
  void reloadReviews(const std::set<std::size_t>& frames);
  void applyReview(std::size_t frame, const ReviewRecord& review);
  bool sendPending();
  void onObjects(const ObjectsEvent& event);
  void onUndoIndex(int index);
  void scheduleCommit();
  void sendChange(const Key& key, bool stale);
  void onOutcome(const JournalOutcome& outcome);
  void addConflict(BoxConflict conflict);
  void reloadFrames(const std::set<std::size_t>& frames, bool all);
  void reconcileFrame(std::size_t frame, const Frame& server, const std::vector<BoxStamp>& stamps);
  void takeRemote(const Key& key, std::int64_t version, const ObjectAnnotation& theirs,
                  std::vector<ObjectAnnotation>& next, std::size_t mark);
  bool removeVanished(std::size_t frame, const std::set<std::int64_t>& seen,
                      std::vector<ObjectAnnotation>& next, bool& conflictsMoved);
  bool busy(const Key& key) const;  // a local change of the box is queued or on its way
  // Shows a frame's objects from the server (not an undo step). removed: a box someone else
  // deleted, which local undo entries may name: the undo history is cleared.
  void applyFrame(std::size_t frame, std::vector<ObjectAnnotation> objects, bool removed);
  Tracked* tracked(const Key& key);
  void track(const Key& key, BoxStamp stamp);
  void untrack(const Key& key);
  BoxConflict* conflictOf(std::int64_t boxId);
  void snapshotStack();
  // Watches the connection's socket (a new one after a reconnect); off while it is lost.
  void watchSocket();

  Document& document_;
  std::unique_ptr<ServerStore> store_;
  std::string sequence_;
  ServerSyncConfig config_;
  CommitJournal journal_;
  QTimer pollTimer_;
  QSocketNotifier* notifier_ = nullptr;  // child; watches store_->notificationSocket()

  std::map<Key, Tracked> tracked_;
  std::map<std::int64_t, Key> byId_;
  std::map<std::int64_t, std::size_t> frameOfRow_;  // server frame row id -> frame index
  std::set<std::int64_t> deletedIds_;               // deleted by us (their notification echoes)
  std::int64_t sequenceRow_ = 0;                    // server id of the sequence (0 = not known)
  std::set<Key> opKeys_;     // touched by the undo-stack operation in progress
  std::set<Key> dirty_;      // to send
  std::set<Key> staleKeys_;  // to send on the pre-remote version (stale undo / redo)
  std::set<Key> waiting_;    // a change is in the journal, unanswered
  std::set<Key> retried_;    // refused once in this commit (track id taken): sent once more
  std::vector<BoxConflict> conflicts_;
  std::map<std::size_t, LabelState> labels_;
  std::set<std::size_t> labelDirty_, labelWaiting_;
  std::set<std::size_t> labelOps_;    // frames touched by the undo-stack operation in progress
  std::set<std::size_t> labelStale_;  // to send on the pre-remote labels (stale undo / redo)
  std::vector<LabelConflict> labelConflicts_;
  QTimer labelTimer_;
  bool labelsDue_ = false;
  std::vector<std::int64_t> reviewVersions_;
  std::vector<ReviewRecord> reviewBase_;  // per frame: the review at reviewVersions_
  std::set<std::size_t> reviewDirty_;
  std::vector<ReviewConflict> reviewConflicts_;
  bool started_ = false;            // loaded: outcomes may touch the document
  std::vector<const void*> stack_;  // the undo stack's commands after the last operation
  int lastIndex_ = 0;
  bool commitQueued_ = false;
  bool catchUp_ = false;  // the connection was lost: notifications may be missed, reload all
  bool applyingRemote_ = false;
};

}  // namespace lidarlabel
