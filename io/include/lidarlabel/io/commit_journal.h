#pragma once
// Write-behind queue of box commits, journalled to a local file first: a change is appended and
// fsync'ed before anything is sent, so a crash or a lost connection loses nothing; flush() sends
// the pending changes in order and drops each once the store has answered it.
//
// Replays are idempotent: a change may reach the store and the program die before the journal
// forgets it. On replay, an update answered by a conflict whose current box equals the journalled
// one at version expected + 1 counts as done, a delete of an already deleted box counts as done,
// and an insert carries an idempotency key (BoxChange::clientKey, set here) that the server store
// matches instead of adding a second box.
//
// Point labels: one frame's labels are one change (LabelChange: mine, edited from base at the
// frame's label version). Someone else's commit in between is merged (mergePointLabels: disjoint
// edits both survive) and the merge committed on their version; points both changed to different
// labels keep theirs and are reported (LabelOutcome::conflictPoints). A replay whose labels the
// server already holds counts as done.
//
// File: one JSON object per line {"sequence", "frame", "id", "expected", "key", "object"|null},
// or {"sequence", "frame", "labels": {"expected", "key", "base": bool}} whose arrays are
// point-label sidecars "<journal>.labels/<key>.{base,mine}.llpl" written (fsync'ed) first; a
// torn last line (a crash mid-append) is ignored.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "lidarlabel/io/store.h"

namespace lidarlabel {

struct LabelChange {
  std::int64_t expectedVersion = 0;  // the label version `base` was read at (0 = none stored)
  PointLabels base;                  // empty: the frame had no labels
  PointLabels mine;
  std::string key;  // names the sidecar files (set by enqueueLabels)
};

struct JournalEntry {
  std::string sequence;
  std::size_t frame = 0;
  BoxChange change;
  std::optional<LabelChange> labels;  // set: a point-label commit of the frame (change unused)
};

struct LabelOutcome {
  bool ok = false;
  std::int64_t version = 0;  // the version now stored
  PointLabels stored;        // what the server holds now: mine, or mine merged with theirs
  // Points both sides changed to different labels since base: theirs were kept.
  std::vector<std::uint32_t> conflictPoints;
};

struct JournalOutcome {
  JournalEntry entry;
  BoxCommit result;     // boxes: ok, or a conflict to show beside the local edit
  LabelOutcome labels;  // point labels
  std::string error;    // a refusal by the store (e.g. permission denied); the change is dropped
};

class CommitJournal {
 public:
  // Opens (or creates) the journal file and reads the changes still pending in it.
  explicit CommitJournal(std::string path);

  // Appends the change durably; inserts get a fresh idempotency key.
  void enqueue(const std::string& sequence, std::size_t frame, BoxChange change);
  // Writes the labels as sidecars, then appends the change durably.
  void enqueueLabels(const std::string& sequence, std::size_t frame, LabelChange change);

  // Sends pending changes in order, reporting each answer to onOutcome. Stops at the first
  // connection failure and returns false (the rest stay journalled for the next flush).
  bool flush(Store& store, const std::function<void(const JournalOutcome&)>& onOutcome);

  const std::vector<JournalEntry>& pending() const { return pending_; }

 private:
  void rewrite();  // the file := pending_ (atomic); sidecars of dropped entries are removed
  void append(const JournalEntry& e);
  std::string sidecar(const std::string& key, const char* which) const;

  std::string path_;
  std::vector<JournalEntry> pending_;
};

}  // namespace lidarlabel
