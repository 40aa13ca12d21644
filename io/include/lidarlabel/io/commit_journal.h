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
// File: one JSON object per line {"sequence", "frame", "id", "expected", "key", "object"|null};
// a torn last line (a crash mid-append) is ignored.
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "lidarlabel/io/store.h"

namespace lidarlabel {

struct JournalEntry {
  std::string sequence;
  std::size_t frame = 0;
  BoxChange change;
};

struct JournalOutcome {
  JournalEntry entry;
  BoxCommit result;   // ok, or a conflict to show beside the local edit
  std::string error;  // a refusal by the store (e.g. permission denied); the change is dropped
};

class CommitJournal {
 public:
  // Opens (or creates) the journal file and reads the changes still pending in it.
  explicit CommitJournal(std::string path);

  // Appends the change durably; inserts get a fresh idempotency key.
  void enqueue(const std::string& sequence, std::size_t frame, BoxChange change);

  // Sends pending changes in order, reporting each answer to onOutcome. Stops at the first
  // connection failure and returns false (the rest stay journalled for the next flush).
  bool flush(Store& store, const std::function<void(const JournalOutcome&)>& onOutcome);

  const std::vector<JournalEntry>& pending() const { return pending_; }

 private:
  void rewrite();  // the file := pending_ (atomic)

  std::string path_;
  std::vector<JournalEntry> pending_;
};

}  // namespace lidarlabel
