#include "lidarlabel/app/workspace.h"

#include <QTimer>
#include <atomic>
#include <filesystem>
#include <thread>

#include "lidarlabel/io/native_format.h"
#include "lidarlabel/io/sequence_open.h"
#include "lidarlabel/io/store.h"
#include "workspace_impl.h"
#include "workspace_internal.h"

namespace fs = std::filesystem;

namespace lidarlabel {

using namespace workspace_detail;

namespace {

// The sequence with its relative paths made relative to `folder` (where its document is
// written); absolute paths stay as they are.
Sequence rebased(Sequence s, const std::string& folder) {
  if (s.root.empty() || fs::path(s.root).lexically_normal() == fs::path(folder).lexically_normal())
    return s;
  auto move = [&](std::string& p) {
    if (p.empty() || fs::path(p).is_absolute()) return;
    const fs::path abs = fs::absolute(resolvePath(s.root, p)).lexically_normal();
    p = abs.lexically_relative(fs::absolute(folder).lexically_normal()).string();
  };
  for (Frame& f : s.frames) {
    move(f.info.sweepPath);
    move(f.pointLabelPath);
  }
  s.root = folder;
  return s;
}

bool newerThan(const std::string& a, const std::string& b) {
  std::error_code ea, eb;
  const auto ta = fs::last_write_time(a, ea), tb = fs::last_write_time(b, eb);
  if (ea) return false;
  return eb || ta > tb;
}

}  // namespace

Workspace::Workspace(Document& document, WorkspaceConfig config, QObject* parent)
    : QObject(parent), impl_(std::make_unique<Impl>()), document_(document), config_(config) {
  impl_->timer.setInterval(std::max(1, config_.autosaveSeconds) * 1000);
  connect(&impl_->timer, &QTimer::timeout, this, &Workspace::autosaveNow);
  connect(document_.undoStack(), &QUndoStack::indexChanged, this, [this] { ++impl_->generation; });
  connect(document_.undoStack(), &QUndoStack::cleanChanged, this, [this](bool clean) {
    if (clean && isOpen() && !isServer() && !readOnly_ && !impl_->busy)
      removeRecovery(recoveryPath());
  });
  connect(&document_, &Document::currentFrameChanged, this, [this] {
    if (config_.autosaveOnFrameChange) autosaveNow();
  });
}

Workspace::~Workspace() {
  waitForAutosave();
  if (!isOpen()) return;
  if (isServer()) {  // what cannot be sent now stays in the journal for the next open
    try {
      closeServer();
    } catch (const std::exception&) {
    }
    return;
  }
  if (!readOnly_ && document_.isModified() && impl_->generation != impl_->written) {
    try {  // a last recovery file, so quitting without closing loses nothing
      writeRecovery(rebased(document_.sequence(), impl_->folder), snapshotUnsavedLabels(document_),
                    impl_->folder, recoveryPath());
    } catch (const std::exception&) {
    }
  } else if (!readOnly_ && !document_.isModified()) {
    removeRecovery(recoveryPath());
  }
  if (impl_->ownsLock) releaseLock(lockPath());
}

void Workspace::setPrompts(WorkspacePrompts prompts) {
  impl_->prompts = std::move(prompts);
}

bool Workspace::isOpen() const {
  return !impl_->folder.empty();
}
std::string Workspace::folder() const {
  return impl_->folder;
}
bool Workspace::isServer() const {
  return impl_->server != nullptr;
}
ServerSync* Workspace::serverSync() const {
  return impl_->server.get();
}
std::string Workspace::documentPath() const {
  return isOpen() && !isServer() ? nativePathFor(impl_->folder) : std::string();
}
std::string Workspace::recoveryPath() const {
  return isOpen() && !isServer() ? documentPath() + ".recovery" : std::string();
}
std::string Workspace::lockPath() const {
  return isOpen() && !isServer() ? documentPath() + ".lock" : std::string();
}
int Workspace::autosaveCount() const {
  return impl_->autosaves;
}

bool Workspace::open(const std::string& folder) {
  if (!close()) return false;
  if (isServerLocation(folder)) return openServer(folder);
  const std::string lock = nativePathFor(folder) + ".lock";
  const LockResult locked = acquireLock(lock);
  try {
    document_.open(folder);
  } catch (...) {
    if (locked.owned) releaseLock(lock);
    throw;
  }
  impl_->folder = folder;
  impl_->ownsLock = locked.owned;
  impl_->generation = impl_->written = 0;
  impl_->pending = false;
  if (readOnly_ != !locked.owned) {
    readOnly_ = !locked.owned;
    emit readOnlyChanged(readOnly_);
  }
  if (readOnly_) {
    if (impl_->prompts.lockedReadOnly) impl_->prompts.lockedReadOnly(locked.message);
    return true;
  }
  offerRecovery();
  if (config_.autosaveSeconds > 0) impl_->timer.start();
  return true;
}

void Workspace::offerRecovery() {
  const std::string rec = recoveryPath();
  if (!fs::exists(rec) || !newerThan(rec, documentPath())) return;
  if (!impl_->prompts.offerRecovery || !impl_->prompts.offerRecovery(rec)) {
    // Declined: kept aside (never offered again, never silently deleted).
    std::error_code ec;
    fs::rename(rec, rec + ".declined", ec);
    return;
  }
  try {
    Sequence s = loadNativeSequence(rec);
    const std::vector<std::size_t> labelled = recoveredLabelFrames(s, rec);
    document_.setSequence(std::move(s), impl_->folder);
    document_.adoptPointLabels(labelled);  // the recovered labels are unsaved edits
    document_.undoStack()->resetClean();   // restored work is unsaved until saved
  } catch (const std::exception& e) {
    emit error(QStringLiteral("Could not restore %1: %2")
                   .arg(QString::fromStdString(rec), QString::fromUtf8(e.what())));
  }
}

bool Workspace::save(const std::string& saveFolder) {
  if (!isOpen()) return false;
  if (isServer()) return saveServer();
  if (readOnly_) {
    emit error(
        QStringLiteral("The sequence is open read-only (another lidarlabel holds its lock)."));
    return false;
  }
  waitForAutosave();
  const std::string target = saveFolder.empty() ? impl_->folder : saveFolder;
  const bool moving =
      fs::absolute(target).lexically_normal() != fs::absolute(impl_->folder).lexically_normal();
  if (moving) {
    const LockResult locked = acquireLock(nativePathFor(target) + ".lock");
    if (!locked.owned) {
      emit error(QString::fromStdString(locked.message));
      return false;
    }
  }
  const std::string path = nativePathFor(target);
  std::map<std::size_t, std::string> labelPaths;
  const Sequence before = document_.sequence();
  try {
    // Point labels first, under names no saved document references; the document is the commit.
    Sequence s = rebased(before, target);
    labelPaths =
        writeLabelSidecars(snapshotUnsavedLabels(document_), s, target, "point_labels", true);
    saveNativeSequence(s, path);
  } catch (...) {
    if (moving) releaseLock(nativePathFor(target) + ".lock");
    throw;
  }
  document_.markPointLabelsSaved(labelPaths);
  if (!moving)  // sidecars of this folder the saved document no longer references
    for (const auto& [frame, rel] : labelPaths) {
      const std::string& old = before.frames[frame].pointLabelPath;
      if (old.empty()) continue;
      const fs::path oldPath = fs::absolute(resolvePath(before.root, old)).lexically_normal();
      std::error_code ec;
      if (oldPath.parent_path() ==
              fs::absolute(fs::path(target) / "point_labels").lexically_normal() &&
          oldPath != fs::absolute(fs::path(target) / rel).lexically_normal())
        fs::remove(oldPath, ec);
    }
  if (moving) {
    removeRecovery(recoveryPath());
    releaseLock(lockPath());
    impl_->folder = target;
  }
  impl_->written = impl_->generation;
  document_.undoStack()->setClean();
  removeRecovery(recoveryPath());
  emit saved(QString::fromStdString(path));
  return true;
}

bool Workspace::close() {
  if (!isOpen()) return true;
  if (isServer()) {
    closeServer();
    impl_->folder.clear();
    document_.setSequence(Sequence{}, "");
    return true;
  }
  if (!readOnly_ && document_.isModified()) {
    using U = WorkspacePrompts::Unsaved;
    const U answer = impl_->prompts.askUnsaved ? impl_->prompts.askUnsaved() : U::Discard;
    if (answer == U::Cancel) return false;
    if (answer == U::Save && !save()) return false;
  }
  impl_->timer.stop();
  waitForAutosave();
  if (!readOnly_) removeRecovery(recoveryPath());  // saved or discarded
  if (impl_->ownsLock) releaseLock(lockPath());
  impl_->ownsLock = false;
  impl_->folder.clear();
  document_.setSequence(Sequence{}, "");
  if (readOnly_) {
    readOnly_ = false;
    emit readOnlyChanged(false);
  }
  return true;
}

void Workspace::autosaveNow() {
  if (!isOpen() || isServer() || readOnly_ || !document_.isModified()) return;
  if (impl_->generation == impl_->written) return;  // the recovery file is up to date
  if (impl_->busy) {
    impl_->pending = true;
    return;
  }
  if (impl_->worker.joinable()) impl_->worker.join();
  impl_->busy = true;
  const unsigned long long generation = impl_->generation;
  // The copy is taken here, on the UI thread; serialising and writing happen on the worker.
  impl_->worker = std::thread([this, copy = rebased(document_.sequence(), impl_->folder),
                               labels = snapshotUnsavedLabels(document_), folder = impl_->folder,
                               path = recoveryPath(), generation]() {
    std::string failure;
    try {
      writeRecovery(copy, labels, folder, path);
      ++impl_->autosaves;
    } catch (const std::exception& e) {
      failure = e.what();
    }
    impl_->busy = false;
    QMetaObject::invokeMethod(
        this, [this, path, generation, failure] { autosaveFinished(path, generation, failure); },
        Qt::QueuedConnection);
  });
}

void Workspace::autosaveFinished(const std::string& path, unsigned long long generation,
                                 const std::string& failure) {
  if (impl_->worker.joinable() && !impl_->busy) impl_->worker.join();  // returning already
  if (!failure.empty()) {
    emit error(QStringLiteral("Autosave failed: %1").arg(QString::fromStdString(failure)));
    return;
  }
  if (path != recoveryPath()) return;  // closed or moved meanwhile
  if (!document_.isModified()) {       // saved or undone to clean meanwhile
    removeRecovery(path);
    return;
  }
  impl_->written = std::max(impl_->written, generation);
  emit autosaved(QString::fromStdString(path));
  if (impl_->pending) {
    impl_->pending = false;
    autosaveNow();
  }
}

void Workspace::waitForAutosave() {
  if (impl_->worker.joinable()) impl_->worker.join();
}

}  // namespace lidarlabel
