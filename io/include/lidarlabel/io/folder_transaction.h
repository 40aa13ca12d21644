#pragma once
// All-or-nothing writes of a whole folder tree (exports, imports that add files).
//
// writeFolderAtomic(dest, replaced, fill): `fill` writes the complete new content into a fresh
// staging folder, a sibling of `dest` (same file system), as if it were `dest`. Then the entries
// of the current `dest` that the new content does not replace are hard-linked (copied where links
// are not possible) into the staging folder, and the staging folder and `dest` are exchanged in
// one step (renameat2 RENAME_EXCHANGE; a plain rename when `dest` does not exist yet). The old
// tree is removed afterwards.
//
// What "replaces" means: a file written by `fill` replaces the file of the same relative path;
// each relative folder listed in `replaced` (e.g. "label_2", "samples/LIDAR_TOP") is replaced as
// a whole (files of the old folder that the new one lacks disappear); every other old entry is
// kept. So exporting into a dataset folder keeps the dataset's other files.
//
// On any exception (from `fill` or from the merge) the staging folder is removed, folders created
// for `dest`'s parents are removed, and `dest` is byte-for-byte as before. `dest` existing as
// something other than a folder is a FileError naming it.
#include <functional>
#include <string>
#include <vector>

namespace lidarlabel {

void writeFolderAtomic(const std::string& dest, const std::vector<std::string>& replaced,
                       const std::function<void(const std::string& stagingDir)>& fill);

// Test hook: called with the staging folder after the merge, just before the exchange. A hook
// that throws simulates a failure at the last moment. Pass nullptr to clear.
void setFolderCommitHookForTesting(std::function<void(const std::string& stagingDir)> hook);

}  // namespace lidarlabel
