#pragma once
// Crash-safe writes. A file is written to "<path>.tmp-<pid>-<n>" in the same folder, flushed and
// fsync'ed, then renamed over <path> (and the folder fsync'ed), so readers see either the old or
// the new complete file, never a partial one. Failures throw FileError and leave <path> intact.
#include <functional>
#include <string>
#include <string_view>

namespace lidarlabel {

// Writes bytes to path atomically.
void writeFileAtomic(const std::string& path, std::string_view bytes);

// Test hook: called after the temporary file is complete and synced, before the rename. A hook
// that throws simulates a crash between write and rename. Pass nullptr to clear.
void setAtomicWriteHookForTesting(std::function<void(const std::string& tmpPath)> hook);

// Reads a whole file; throws FileError naming the file when it cannot be opened or read.
std::string readFile(const std::string& path);

// Builds a folder tree atomically: `fill` writes into a fresh temporary sibling folder
// "<dir>.tmp-<pid>-<n>"; on success the old <dir> (if any) is replaced by it, on any exception the
// temporary folder is removed and <dir> is left as it was.
void replaceDirectoryAtomic(const std::string& dir,
                            const std::function<void(const std::string& tmpDir)>& fill);

}  // namespace lidarlabel
