#pragma once
// Workspace's state, shared by workspace.cpp and workspace_server.cpp.
#include <QTimer>
#include <atomic>
#include <memory>
#include <string>
#include <thread>

#include "lidarlabel/app/workspace.h"

#ifdef LIDARLABEL_HAVE_SERVER
#include "lidarlabel/app/server_sync.h"
#else
namespace lidarlabel {
class ServerSync {};  // built without the PostgreSQL store
}  // namespace lidarlabel
#endif

namespace lidarlabel {

struct Workspace::Impl {
  QTimer timer;
  WorkspacePrompts prompts;
  std::string folder;  // the document's home; "" = nothing open
  bool ownsLock = false;
  std::thread worker;             // the autosave in flight (at most one)
  std::atomic<bool> busy{false};  // worker running
  bool pending = false;           // an autosave was asked for while one was in flight
  unsigned long long generation = 0, written = 0;  // undo-stack changes; last in the recovery
  std::atomic<int> autosaves{0};
  std::unique_ptr<ServerSync> server;  // server mode (workspace_server.cpp)
};

}  // namespace lidarlabel
