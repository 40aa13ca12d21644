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
// taken over).
#include <QObject>
#include <QTimer>
#include <functional>
#include <memory>
#include <string>

#include "lidarlabel/app/document.h"

namespace lidarlabel {

struct WorkspaceConfig {
  int autosaveSeconds = 30;  // autosave period while modified; <= 0 disables the timer
  bool autosaveOnFrameChange = true;
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
  Workspace(Document& document, WorkspaceConfig config = {}, QObject* parent = nullptr);
  ~Workspace() override;  // releases the lock (the recovery file is kept only while modified)

  void setPrompts(WorkspacePrompts prompts);

  // Closes the current sequence (asking about unsaved changes: false when cancelled), takes the
  // lock (or opens read-only), opens the folder, and offers recovery. Throws FileError.
  bool open(const std::string& folder);
  // Saves the native document atomically (to the folder it belongs to, or to saveFolder when
  // given, which becomes the document's home). Marks the undo stack clean and removes the
  // recovery file. Throws FileError; refuses (returns false) when read-only.
  bool save(const std::string& saveFolder = {});
  // Asks about unsaved changes; true when it is fine to close (saved or discarded).
  bool close();

  bool isReadOnly() const { return readOnly_; }
  std::string documentPath() const;
  std::string recoveryPath() const;
  std::string lockPath() const;

  // Writes the recovery file now in the background (no-op when not modified or read-only).
  void autosaveNow();
  // Blocks until a background autosave in flight has finished (tests, shutdown).
  void waitForAutosave();

 signals:
  void readOnlyChanged(bool readOnly);
  void saved(const QString& path);
  void autosaved(const QString& path);
  void error(const QString& message);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  Document& document_;
  WorkspaceConfig config_;
  bool readOnly_ = false;
};

}  // namespace lidarlabel
