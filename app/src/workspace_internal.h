#pragma once
// Internals shared by workspace.cpp and workspace_lock.cpp.
#include <string>

namespace lidarlabel::workspace_detail {

std::string thisHost();
long long thisPid();

struct LockResult {
  bool owned = false;
  std::string message;  // why not owned (shown to the user)
};
// Creates the lock file exclusively; a stale (dead process on this host) or unreadable lock is
// taken over; a live one, or a folder where no file can be created, gives owned = false.
LockResult acquireLock(const std::string& path);
// Removes the lock file when it names this process.
void releaseLock(const std::string& path);

}  // namespace lidarlabel::workspace_detail

#include <cstddef>
#include <map>
#include <vector>

#include "lidarlabel/core/annotation.h"
#include "lidarlabel/core/sequence.h"

namespace lidarlabel {
class Document;
}

namespace lidarlabel::workspace_detail {

// The labels of a document's unsaved frames, copied (the autosave worker writes them while the
// UI goes on editing). stem: the frame's file stem (kittiFrameStem).
struct LabelSnapshot {
  std::size_t frame = 0;
  std::string stem;
  PointLabels labels;
};
std::vector<LabelSnapshot> snapshotUnsavedLabels(Document& document);

// Writes each snapshot as a sidecar in <folder>/<subdir>/ (atomically) and points the frame of
// `sequence` (rooted at folder) at it; returns frame -> path relative to folder. fresh: a name
// no file has yet (<stem>.llpl, else <stem>-<k>.llpl), so a sidecar the saved document
// references is never overwritten before the new document is in place.
std::map<std::size_t, std::string> writeLabelSidecars(const std::vector<LabelSnapshot>& labels,
                                                      Sequence& sequence, const std::string& folder,
                                                      const std::string& subdir, bool fresh);

// The recovery file's sidecar folder (relative to the document folder) and its removal together
// with the recovery file.
std::string recoveryLabelsDir(const std::string& recoveryPath);
void removeRecovery(const std::string& recoveryPath);
// Writes the recovery file: the labels as sidecars in its labels folder, then the document
// (`sequence` rooted at folder) at recoveryPath, each atomically. Throws FileError.
void writeRecovery(Sequence sequence, const std::vector<LabelSnapshot>& labels,
                   const std::string& folder, const std::string& recoveryPath);
// After a recovery file was restored: the frames whose sidecars lie in its labels folder.
std::vector<std::size_t> recoveredLabelFrames(const Sequence& sequence,
                                              const std::string& recoveryPath);

}  // namespace lidarlabel::workspace_detail
