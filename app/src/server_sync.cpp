// ServerSync, outgoing half: Document events -> box commits through the journal; conflicts.
// The incoming half (notifications -> Document) is in server_sync_remote.cpp.
#include "lidarlabel/app/server_sync.h"

#include <QUndoStack>
#include <algorithm>

namespace lidarlabel {

ServerSync::ServerSync(Document& document, std::unique_ptr<ServerStore> store, std::string sequence,
                       ServerSyncConfig config, QObject* parent)
    : QObject(parent),
      document_(document),
      store_(std::move(store)),
      sequence_(std::move(sequence)),
      config_(std::move(config)),
      journal_(config_.journalPath) {
  // A journal left by a crash or a lost connection goes first, so the load below includes it.
  if (!journal_.pending().empty())
    journal_.flush(*store_, [this](const JournalOutcome& o) { onOutcome(o); });
  document_.setPointLabelLoader(
      [this](std::size_t frame, std::size_t) { return loadLabels(frame); });
  document_.setTrackIdSource([this](std::size_t count) {
    try {
      return static_cast<ObjectId>(
          store_->reserveTrackIds(sequence_, static_cast<std::uint32_t>(count)));
    } catch (const std::exception& e) {
      emit statusMessage(tr("No track id from the server (%1): a local one is used and may "
                            "collide with someone else's")
                             .arg(QString::fromUtf8(e.what())));
      throw;
    }
  });
  loadAll();
  started_ = true;
  store_->listen();
  watchSocket();
  connect(&document_, &Document::pointLabelsChanged, this, &ServerSync::onPointLabels);
  connect(&document_, &Document::frameReviewChanged, this, &ServerSync::onFrameReview);
  labelTimer_.setSingleShot(true);
  connect(&labelTimer_, &QTimer::timeout, this, [this] { commitPending(); });
  connect(&document_, &Document::objectsAdded, this, &ServerSync::onObjects);
  connect(&document_, &Document::objectsRemoved, this, &ServerSync::onObjects);
  connect(&document_, &Document::objectsChanged, this, &ServerSync::onObjects);
  connect(document_.undoStack(), &QUndoStack::indexChanged, this, &ServerSync::onUndoIndex);
  connect(&pollTimer_, &QTimer::timeout, this, [this] {
    if (!dirty_.empty() || !journal_.pending().empty() || !reviewDirty_.empty()) commitNow();
    pollNow(0);
  });
  if (config_.pollMilliseconds > 0) pollTimer_.start(config_.pollMilliseconds);
}

ServerSync::~ServerSync() {
  document_.setPointLabelLoader(nullptr);
  document_.setTrackIdSource(nullptr);
}

std::string ServerSync::location() const {
  return store_->location() + "/" + sequence_;
}

void ServerSync::loadAll() {
  StoredSequence stored = store_->loadSequence(sequence_);
  tracked_.clear();
  byId_.clear();
  for (std::size_t f = 0; f < stored.boxes.size(); ++f)
    for (std::size_t k = 0; k < stored.boxes[f].size(); ++k)
      track({f, stored.sequence.frames[f].objects[k].trackId}, stored.boxes[f][k]);
  sequenceRow_ = store_->sequenceId(sequence_);
  frameOfRow_.clear();
  const std::vector<std::int64_t> rows = store_->frameRowIds(sequence_);
  for (std::size_t f = 0; f < rows.size(); ++f) frameOfRow_[rows[f]] = f;
  labels_.clear();
  for (std::size_t f = 0; f < stored.labelVersions.size(); ++f)
    labels_[f].version = stored.labelVersions[f];
  reviewVersions_ = stored.reviewVersions;
  reviewBase_.clear();
  for (const Frame& f : stored.sequence.frames) reviewBase_.push_back(f.review);
  applyingRemote_ = true;
  document_.setSequence(std::move(stored.sequence), location());
  applyingRemote_ = false;
  snapshotStack();
}

ServerSync::Tracked* ServerSync::tracked(const Key& key) {
  const auto it = tracked_.find(key);
  return it == tracked_.end() ? nullptr : &it->second;
}

void ServerSync::track(const Key& key, BoxStamp stamp) {
  Tracked& t = tracked_[key];
  if (t.stamp.id != 0 && t.stamp.id != stamp.id) byId_.erase(t.stamp.id);
  t.stamp = stamp;
  byId_[stamp.id] = key;
}

void ServerSync::untrack(const Key& key) {
  const auto it = tracked_.find(key);
  if (it == tracked_.end()) return;
  byId_.erase(it->second.stamp.id);
  tracked_.erase(it);
}

BoxStamp ServerSync::stampOf(std::size_t frame, ObjectId id) const {
  const auto it = tracked_.find({frame, id});
  return it == tracked_.end() ? BoxStamp{} : it->second.stamp;
}

std::size_t ServerSync::unsentCount() const {
  return journal_.pending().size() + dirty_.size() + opKeys_.size() + labelDirty_.size() +
         reviewDirty_.size();
}

void ServerSync::onObjects(const ObjectsEvent& event) {
  if (event.remote || applyingRemote_) return;
  // A renumbering moves the box's server identity (and its bookkeeping) to the new track id.
  std::vector<std::pair<Key, Tracked>> moved;
  for (std::size_t i = 0; i < event.oldIds.size() && i < event.ids.size(); ++i) {
    const Key from{event.frame, event.oldIds[i]};
    if (Tracked* t = tracked(from)) {
      moved.emplace_back(Key{event.frame, event.ids[i]}, *t);
      untrack(from);
    }
    for (std::set<Key>* s : {&dirty_, &opKeys_, &waiting_, &staleKeys_})
      if (s->erase(from)) s->insert({event.frame, event.ids[i]});
  }
  for (auto& [key, t] : moved) {
    track(key, t.stamp);
    tracked_[key].preRemoteVersion = t.preRemoteVersion;
    tracked_[key].remoteMark = t.remoteMark;
  }
  for (ObjectId id : event.ids) opKeys_.insert({event.frame, id});
  scheduleCommit();
}

void ServerSync::snapshotStack() {
  const QUndoStack* s = document_.undoStack();
  stack_.assign(static_cast<std::size_t>(s->count()), nullptr);
  for (int i = 0; i < s->count(); ++i) stack_[static_cast<std::size_t>(i)] = s->command(i);
  lastIndex_ = s->index();
}

// Classifies the operation that just ran: undo (index went down), redo (up, onto a command that
// was already there) or push (a new command). Undo / redo of a command older than a remote change
// of a box it touched is stale: it is committed on the version it was made on (a conflict).
void ServerSync::onUndoIndex(int index) {
  const QUndoStack* s = document_.undoStack();
  const auto last = static_cast<std::size_t>(lastIndex_);
  const bool undo = index < lastIndex_;
  const bool redo = !undo && last < stack_.size() &&
                    s->count() == static_cast<int>(stack_.size()) &&
                    s->command(lastIndex_) == stack_[last];
  const std::size_t lowest = undo ? static_cast<std::size_t>(index) : last;
  if (!undo && !redo) {  // push: the new command (at index - 1) is made after every remote change
    const auto pushed = static_cast<std::size_t>(std::max(index - 1, 0));
    for (auto& [key, t] : tracked_) t.remoteMark = std::min(t.remoteMark, pushed);
    for (auto& [frame, l] : labels_) l.remoteMark = std::min(l.remoteMark, pushed);
  }
  classifyLabelOps(undo || redo, lowest);
  for (const Key& key : opKeys_) {
    const Tracked* t = tracked(key);
    if ((undo || redo) && t && t->preRemoteVersion != 0 && lowest < t->remoteMark)
      staleKeys_.insert(key);
    dirty_.insert(key);
  }
  opKeys_.clear();
  snapshotStack();
  scheduleCommit();
}

void ServerSync::scheduleCommit() {
  if (commitQueued_) return;
  commitQueued_ = true;
  QMetaObject::invokeMethod(
      this,
      [this] {
        commitQueued_ = false;
        commitNow();
      },
      Qt::QueuedConnection);
}

BoxConflict* ServerSync::conflictOf(std::int64_t boxId) {
  if (boxId == 0) return nullptr;
  for (BoxConflict& c : conflicts_)
    if (c.boxId == boxId) return &c;
  return nullptr;
}

void ServerSync::sendChange(const Key& key, bool stale) {
  const ObjectAnnotation* o = document_.object(key.first, key.second);
  Tracked* t = tracked(key);
  if (BoxConflict* c = t ? conflictOf(t->stamp.id) : nullptr) {  // held until resolved
    c->mine = o ? std::optional<ObjectAnnotation>(*o) : std::nullopt;
    emit conflictsChanged();
    return;
  }
  if (!t && !o) return;  // added and removed again before it was sent
  BoxChange change;
  if (t) {
    change.id = t->stamp.id;
    change.expectedVersion = stale ? t->preRemoteVersion : t->stamp.version;
  }
  if (o) change.object = *o;
  journal_.enqueue(sequence_, key.first, std::move(change));
  waiting_.insert(key);
}

bool ServerSync::commitPending() {
  labelsDue_ = true;  // a stroke in progress is sent as it is now
  labelTimer_.stop();
  return commitNow();
}

bool ServerSync::commitNow() {
  try {
    const bool sent = sendPending();
    if (sent && catchUp_) {  // reconnected: what others did meanwhile was not notified to us
      catchUp_ = false;
      reloadFrames({}, true);
    }
    return sent;
  } catch (const std::exception& e) {  // e.g. the journal file cannot be written
    emit statusMessage(tr("Cannot commit: %1").arg(QString::fromUtf8(e.what())));
    return false;
  }
}

bool ServerSync::sendPending() {
  // Left over: a merge into the top command (no index change). A gesture begun before someone
  // else changed its box is stale like an undo of it.
  const auto top = static_cast<std::size_t>(std::max(document_.undoStack()->index() - 1, 0));
  for (const Key& k : opKeys_) {
    const Tracked* t = tracked(k);
    if (t && t->preRemoteVersion != 0 && top < t->remoteMark) staleKeys_.insert(k);
    dirty_.insert(k);
  }
  opKeys_.clear();
  classifyLabelOps(true, top);
  retried_.clear();
  // Sends what is not waiting for an answer; an answer may free coalesced edits (second round).
  if (!sendReviews()) return false;
  if (labelsDue_) {
    labelsDue_ = false;
    sendLabels();
  }
  for (int round = 0; round < 3; ++round) {
    bool sent = false;
    for (auto it = dirty_.begin(); it != dirty_.end();) {
      if (waiting_.count(*it)) {
        ++it;
        continue;
      }
      sendChange(*it, staleKeys_.erase(*it) > 0);
      sent = true;
      it = dirty_.erase(it);
    }
    if (!sent && journal_.pending().empty()) break;
    if (!journal_.flush(*store_, [this](const JournalOutcome& o) { onOutcome(o); })) {
      emit statusMessage(tr("Server connection lost: %1 change(s) kept in the journal, retrying")
                             .arg(journal_.pending().size()));
      catchUp_ = true;
      return false;
    }
  }
  if (dirty_.empty() && waiting_.empty() && opKeys_.empty() && labelDirty_.empty() &&
      labelWaiting_.empty() && reviewDirty_.empty())
    document_.undoStack()->setClean();
  return true;
}

void ServerSync::onOutcome(const JournalOutcome& outcome) {
  if (outcome.entry.labels) {
    onLabelOutcome(outcome);
    return;
  }
  const BoxChange& c = outcome.entry.change;
  const auto known = byId_.find(c.id);
  Key key{outcome.entry.frame, c.object ? c.object->trackId : 0};
  if (c.id != 0 && known != byId_.end()) key = known->second;
  waiting_.erase(key);
  if (!outcome.error.empty() &&
      outcome.error.find("may not set review state") != std::string::npos) {
    emit statusMessage(tr("You may not set review state on this server: the change of box %1 in "
                          "frame %2 is kept here but not sent")
                           .arg(key.second)
                           .arg(key.first + 1));
    return;
  }
  if (!outcome.error.empty()) {
    emit statusMessage(tr("The server refused a change of box %1 in frame %2: %3")
                           .arg(key.second)
                           .arg(key.first + 1)
                           .arg(QString::fromStdString(outcome.error)));
    return;
  }
  if (outcome.result.ok) {
    if (!c.object) {
      untrack(key);
      deletedIds_.insert(c.id);
    } else {
      track(key, outcome.result.stamp);
    }
    return;
  }
  // A track id another box of the frame holds on the server: that box may be ours, renumbered
  // in the same commit and sent after this one (sends go in key order). One more try, then a
  // conflict.
  if (!outcome.result.reason.empty() && known != byId_.end() && retried_.insert(key).second) {
    dirty_.insert(key);
    return;
  }
  if (c.id != 0 && tracked(key) == nullptr && known == byId_.end() && c.object)
    key.second = c.object->trackId;  // replayed at start-up: not loaded yet
  const ObjectAnnotation* local = document_.object(key.first, key.second);
  BoxConflict conflict{key.first,
                       c.id,
                       key.second,
                       std::nullopt,
                       outcome.result.current,
                       outcome.result.stamp.version,
                       outcome.result.reason};
  conflict.mine =
      local && known != byId_.end() ? std::optional<ObjectAnnotation>(*local) : c.object;
  addConflict(std::move(conflict));
}

void ServerSync::addConflict(BoxConflict conflict) {
  BoxConflict* slot = conflictOf(conflict.boxId);
  if (slot) {
    *slot = std::move(conflict);
  } else {
    conflicts_.push_back(std::move(conflict));
    slot = &conflicts_.back();
  }
  const BoxConflict& c = *slot;
  if (!c.reason.empty())
    emit statusMessage(tr("Conflict: the server refused box %1 in frame %2 (%3); both versions "
                          "are in the Conflicts list")
                           .arg(c.trackId)
                           .arg(c.frame + 1)
                           .arg(QString::fromStdString(c.reason)));
  else
    emit statusMessage(tr("Conflict: box %1 in frame %2 was changed by someone else first; both "
                          "versions are in the Conflicts list")
                           .arg(c.trackId)
                           .arg(c.frame + 1));
  emit conflictsChanged();
}

}  // namespace lidarlabel
