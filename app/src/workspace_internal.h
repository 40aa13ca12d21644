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
