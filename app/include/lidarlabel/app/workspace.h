#pragma once
// The open sequence's lifecycle: open / save / close, an advisory lock against a second
// instance, autosave to a recovery file and recovery after a crash. Widget-free: questions to
// the user go through the Prompts callbacks, which the window answers with dialogs and tests
// answer directly.
//
// Files, for a sequence whose native document is D (nativePathFor(folder), or the chosen save
// folder): the document D (written only by save(), atomically); the recovery file
// D + ".recovery" (autosave: the whole native document, written atomically in a worker thread
// from a copy of the sequence, so the UI never waits on the disk); the lock D + ".lock" (holds
// the owner's pid, host and start time; a lock whose process no longer exists is stale and is
// taken over). docs/workspace.md states the rules.
#include <QObject>
#include <QTimer>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>

#include "lidarlabel/app/document.h"

namespace lidarlabel {

class ServerSync;

struct WorkspaceConfig {
  int autosaveSeconds = 30;  // autosave period while modified; <= 0 disables the timer
  bool autosaveOnFrameChange = true;
};

// Team server mode (Workspace::setServerConfig).
struct ServerModeConfig {
  // Where the write-behind commit journals live ("" = the user's application data folder,
  // QStandardPaths::AppLocalDataLocation + "/journals"); one file per server sequence.
  std::string journalFolder;
  int pollMilliseconds = 100;  // how often other people's changes are read
};

// The configuration a Workspace gets when none is passed: the program's command line sets it
// once at start-up (`lidarlabel --autosave-seconds N`), the window's Workspace picks it up.
WorkspaceConfig defaultWorkspaceConfig();
void setDefaultWorkspaceConfig(const WorkspaceConfig& config);

// The advisory lock file's content. Stale = same host and the process no longer exists.
struct LockInfo {
  long long pid = 0;
  std::string host;
  std::string started;  // ISO 8601, UTC
};

// Answers the window gives (tests give them directly). Unset callbacks mean "no" / Discard.
struct WorkspacePrompts {
  // A recovery file newer than the document exists: restore it?
  std::function<bool(const std::string& recoveryPath)> offerRecovery;
  // Another live instance holds the lock: message shown, the sequence opens read-only.
  std::function<void(const std::string& message)> lockedReadOnly;
  enum class Unsaved { Save, Discard, Cancel };
  std::function<Unsaved()> askUnsaved;
};

class Workspace : public QObject {
  Q_OBJECT
 public:
  explicit Workspace(Document& document, WorkspaceConfig config = defaultWorkspaceConfig(),
                     QObject* parent = nullptr);
  // Waits for an autosave in flight; while modified writes a last recovery file (synchronously),
  // else removes it; releases the lock.
  ~Workspace() override;

  void setPrompts(WorkspacePrompts prompts);
  // Applies to server sequences opened from now on.
  void setServerConfig(ServerModeConfig config) { serverConfig_ = std::move(config); }

  // Closes the current sequence (asking about unsaved changes: false when cancelled), takes the
  // lock (or opens read-only), opens the folder, and offers recovery. Throws FileError.
  // A "postgresql://host/database/dataset/sequence" location opens that server sequence
  // instead (isServer()): no lock, no recovery file, no saving: every undo-stack operation is
  // committed by a ServerSync (server_sync.h) and other people's changes arrive live.
  bool open(const std::string& folder);
  // Saves the native document atomically (to the folder it belongs to, or to saveFolder when
  // given, which becomes the document's home). Marks the undo stack clean and removes the
  // recovery file. Throws FileError; refuses (returns false) when read-only.
  bool save(const std::string& saveFolder = {});
  // Asks about unsaved changes; true when it is fine to close (saved or discarded).
  bool close();

  bool isReadOnly() const { return readOnly_; }
  bool isServer() const;
  // The server connection of a server sequence (null in folder mode).
  ServerSync* serverSync() const;
  bool isOpen() const;
  // The folder the document belongs to ("" when nothing is open).
  std::string folder() const;
  std::string documentPath() const;
  std::string recoveryPath() const;
  std::string lockPath() const;

  // Writes the recovery file now in the background (no-op when not modified or read-only).
  void autosaveNow();
  // Blocks until a background autosave in flight has finished (tests, shutdown).
  void waitForAutosave();
  // Number of recovery files written so far (tests, status display).
  int autosaveCount() const;

  // The lock of a document path: read (nullopt when absent or unreadable) and liveness.
  static std::optional<LockInfo> readLock(const std::string& lockPath);
  static bool isLockLive(const LockInfo& lock);

 signals:
  void readOnlyChanged(bool readOnly);
  void saved(const QString& path);
  void autosaved(const QString& path);
  void error(const QString& message);

 private:
  void offerRecovery();
  bool openServer(const std::string& location);
  bool saveServer();
  void closeServer();
  void autosaveFinished(const std::string& path, unsigned long long generation,
                        const std::string& failure);

  struct Impl;
  std::unique_ptr<Impl> impl_;
  Document& document_;
  WorkspaceConfig config_;
  ServerModeConfig serverConfig_;
  bool readOnly_ = false;
};

}  // namespace lidarlabel
