// ServerSync, incoming half: notifications -> reload the named boxes -> Document (remote events,
// no undo step); resolving conflicts.
#include <QSocketNotifier>
#include <QUndoStack>
#include <algorithm>

#include "lidarlabel/app/server_sync.h"

namespace lidarlabel {
namespace {

std::vector<ObjectAnnotation>::iterator findId(std::vector<ObjectAnnotation>& v, ObjectId id) {
  return std::find_if(v.begin(), v.end(),
                      [id](const ObjectAnnotation& o) { return o.trackId == id; });
}

}  // namespace

void ServerSync::watchSocket() {
  const int fd = store_->notificationSocket();
  if (notifier_ && notifier_->socket() == fd) {
    notifier_->setEnabled(true);
    return;
  }
  if (notifier_) notifier_->deleteLater();  // may be the sender of the call we are in
  notifier_ = nullptr;
  if (fd < 0) return;
  notifier_ = new QSocketNotifier(fd, QSocketNotifier::Read, this);
  connect(notifier_, &QSocketNotifier::activated, this, [this] { pollNow(0); });
}

void ServerSync::pollNow(int timeoutMs) {
  std::vector<ServerChange> changes;
  try {
    changes = store_->pollChanges(timeoutMs);
  } catch (const std::exception& e) {
    if (notifier_)
      notifier_->setEnabled(false);  // a closed socket stays readable: the timer retries
    if (!catchUp_)
      emit statusMessage(tr("Server connection lost: %1").arg(QString::fromUtf8(e.what())));
    catchUp_ = true;
    try {
      store_->listen();  // reading notifications does not reconnect; a statement does
    } catch (const std::exception&) {
      return;  // still down: try again at the next poll
    }
    emit statusMessage(tr("Reconnected to the server"));
  }
  watchSocket();
  if (catchUp_) {  // reconnected: changes made meanwhile were not notified to us
    catchUp_ = false;
    changes.push_back({"boxes", "", 0, 0, 0, 0, true, ""});
  }
  std::set<std::size_t> frames, labelFrames, reviewFrames;
  bool all = false;
  for (const ServerChange& c : changes) {
    if (c.table == "point_labels" || c.table == "frames") {  // named by frame row
      const auto f = frameOfRow_.find(c.table == "frames" ? c.id : c.frameId);
      if (c.bulk) all = true;
      if (c.bulk || f == frameOfRow_.end()) continue;  // bulk: below; else another sequence
      if (c.table == "frames" && c.version > reviewVersion(f->second))
        reviewFrames.insert(f->second);
      if (c.table == "point_labels" && (c.op == "DELETE" || c.version > labelVersion(f->second)))
        labelFrames.insert(f->second);
      continue;
    }
    if (c.table != "boxes") continue;
    if (c.bulk) {
      all = true;
      continue;
    }
    if (sequenceRow_ != 0 && c.sequenceId != 0 && c.sequenceId != sequenceRow_) continue;
    if (const auto it = byId_.find(c.id); it != byId_.end()) {
      frameOfRow_[c.frameId] = it->second.first;  // learnt from a box we know
      if (c.sequenceId != 0) sequenceRow_ = c.sequenceId;
      if (c.op != "DELETE" && tracked_[it->second].stamp.version >= c.version) continue;  // ours
      frames.insert(it->second.first);
    } else if (deletedIds_.erase(c.id) > 0) {
      continue;  // our own delete
    } else if (const auto f = frameOfRow_.find(c.frameId); f != frameOfRow_.end()) {
      frames.insert(f->second);
    } else {
      all = true;  // a frame we cannot place yet: reload the sequence
    }
  }
  if (all || !frames.empty()) reloadFrames(frames, all);
  if (!all && !reviewFrames.empty()) reloadReviews(reviewFrames);
  if (!all && !labelFrames.empty()) reloadLabels(labelFrames);
}

void ServerSync::reloadFrames(const std::set<std::size_t>& frames, bool all) {
  try {
    if (all) {
      StoredSequence s = store_->loadSequence(sequence_);
      std::set<std::size_t> labelFrames, reviewFrames;
      for (std::size_t f = 0; f < s.boxes.size() && f < document_.frameCount(); ++f) {
        reconcileFrame(f, s.sequence.frames[f], s.boxes[f]);
        if (s.labelVersions[f] != labelVersion(f)) labelFrames.insert(f);
        if (s.reviewVersions[f] > reviewVersion(f)) reviewFrames.insert(f);
      }
      reloadReviews(reviewFrames);
      reloadLabels(labelFrames);
    } else {
      for (std::size_t f : frames) {
        StoredFrame s = store_->loadFrame(sequence_, f);
        reconcileFrame(f, s.frame, s.boxes);
      }
    }
  } catch (const std::exception& e) {
    emit statusMessage(tr("Could not read other people's changes: %1").arg(e.what()));
  }
}

bool ServerSync::busy(const Key& key) const {
  return dirty_.count(key) || waiting_.count(key) || opKeys_.count(key);
}

// Applies the server's version of each box of the frame that changed since we last saw it,
// except boxes with a local change on its way (their commit meets the server's version as a
// conflict) and boxes in conflict (their "theirs" is updated instead).
void ServerSync::reconcileFrame(std::size_t frame, const Frame& server,
                                const std::vector<BoxStamp>& stamps) {
  std::vector<ObjectAnnotation> next = document_.objects(frame);
  bool changed = false, conflictsMoved = false;
  std::set<std::int64_t> seen;
  const auto mark = static_cast<std::size_t>(document_.undoStack()->count());
  for (std::size_t k = 0; k < stamps.size(); ++k) {
    const ObjectAnnotation& theirs = server.objects[k];
    seen.insert(stamps[k].id);
    const auto known = byId_.find(stamps[k].id);
    if (known == byId_.end()) {  // someone else's new box
      if (findId(next, theirs.trackId) != next.end()) {
        emit statusMessage(tr("A new box from the server in frame %1 uses track id %2, which a "
                              "local box has; it is not shown")
                               .arg(frame + 1)
                               .arg(theirs.trackId));
        continue;
      }
      next.push_back(theirs);
      track({frame, theirs.trackId}, stamps[k]);
      changed = true;
      continue;
    }
    const Key key = known->second;
    if (stamps[k].version <= tracked_[key].stamp.version) continue;
    if (BoxConflict* c = conflictOf(stamps[k].id)) {
      c->theirs = theirs;
      c->theirVersion = stamps[k].version;
      conflictsMoved = true;
    } else if (theirs.trackId != key.second && findId(next, theirs.trackId) != next.end()) {
      // Renumbered onto an id a local box holds: that box's change is on its way or refused (the
      // server keeps one box per id and frame). This one waits; a refusal's row explains it.
      const Tracked* holder = tracked({frame, theirs.trackId});
      if (!holder || !conflictOf(holder->stamp.id))
        emit statusMessage(tr("Box %1 in frame %2 was renumbered on the server to track id %3, "
                              "which a local box has; it keeps its old id here for now")
                               .arg(key.second)
                               .arg(frame + 1)
                               .arg(theirs.trackId));
    } else if (!busy(key)) {
      takeRemote(key, stamps[k].version, theirs, next, mark);
      changed = true;
    }
  }
  const bool removed = removeVanished(frame, seen, next, conflictsMoved);
  if (changed || removed) applyFrame(frame, std::move(next), removed);
  if (conflictsMoved) emit conflictsChanged();
}

// A box someone else changed: theirs replaces ours in `next`; undo entries made until now
// (the stack's count) predate the change.
void ServerSync::takeRemote(const Key& key, std::int64_t version, const ObjectAnnotation& theirs,
                            std::vector<ObjectAnnotation>& next, std::size_t mark) {
  Tracked t = tracked_[key];
  if (t.preRemoteVersion == 0) t.preRemoteVersion = t.stamp.version;
  t.remoteMark = mark;
  t.stamp.version = version;
  if (const auto it = findId(next, key.second); it != next.end()) *it = theirs;
  untrack(key);
  const Key now{key.first, theirs.trackId};  // a renumbering moves the box's identity
  track(now, t.stamp);
  tracked_[now].preRemoteVersion = t.preRemoteVersion;
  tracked_[now].remoteMark = t.remoteMark;
}

// Boxes of the frame the server no longer has (deleted by someone else): removed from `next`,
// or "theirs" of their conflict becomes "deleted". True when a box was removed.
bool ServerSync::removeVanished(std::size_t frame, const std::set<std::int64_t>& seen,
                                std::vector<ObjectAnnotation>& next, bool& conflictsMoved) {
  bool removed = false;
  for (auto it = tracked_.lower_bound({frame, 0});
       it != tracked_.end() && it->first.first == frame;) {
    const Key key = it->first;
    const std::int64_t id = it->second.stamp.id;
    ++it;
    if (seen.count(id) || busy(key)) continue;
    if (BoxConflict* c = conflictOf(id)) {
      c->theirs.reset();
      c->theirVersion = 0;
      conflictsMoved = true;
      continue;
    }
    if (const auto o = findId(next, key.second); o != next.end()) next.erase(o);
    untrack(key);
    removed = true;
  }
  return removed;
}

void ServerSync::applyFrame(std::size_t frame, std::vector<ObjectAnnotation> objects,
                            bool removed) {
  applyingRemote_ = true;
  try {
    document_.applyRemoteObjects(frame, std::move(objects));
  } catch (const std::exception& e) {  // e.g. a renumbering onto a track id a local box has
    applyingRemote_ = false;
    emit statusMessage(tr("Other people's changes of frame %1 cannot be shown: %2")
                           .arg(frame + 1)
                           .arg(QString::fromUtf8(e.what())));
    return;
  }
  applyingRemote_ = false;
  if (removed && document_.undoStack()->count() > 0) {
    document_.undoStack()->clear();
    for (auto& [key, t] : tracked_) {  // no command is older than a remote change any more
      t.preRemoteVersion = 0;
      t.remoteMark = SIZE_MAX;
    }
    for (auto& [f, l] : labels_) {
      l.remoteSeen = false;
      l.preRemoteBase = {};
      l.remoteMark = SIZE_MAX;
    }
    snapshotStack();
    emit statusMessage(
        tr("Someone else deleted a box in frame %1: the undo history was cleared").arg(frame + 1));
  }
  emit remoteChangesApplied({frame});
}

void ServerSync::keepMine(std::size_t index) {
  if (index >= conflicts_.size()) return;
  const BoxConflict c = conflicts_[index];
  conflicts_.erase(conflicts_.begin() + static_cast<std::ptrdiff_t>(index));
  const Key key{c.frame, c.trackId};
  // The window shows mine (a conflict replayed at start-up showed theirs until now).
  std::vector<ObjectAnnotation> next = document_.objects(c.frame);
  const auto it = findId(next, c.trackId);
  if (c.mine && it == next.end()) next.push_back(*c.mine);
  if (c.mine && it != next.end()) *it = *c.mine;
  if (!c.mine && it != next.end()) next.erase(it);
  applyFrame(c.frame, std::move(next), false);
  if (c.theirVersion == 0) {
    untrack(key);  // they deleted it: mine becomes a new box
  } else if (Tracked* t = tracked(key)) {
    t->stamp.version = c.theirVersion;
    t->preRemoteVersion = 0;
    t->remoteMark = SIZE_MAX;
  }
  dirty_.insert(key);
  emit conflictsChanged();
  commitPending();
}

void ServerSync::takeTheirs(std::size_t index) {
  if (index >= conflicts_.size()) return;
  const BoxConflict c = conflicts_[index];
  conflicts_.erase(conflicts_.begin() + static_cast<std::ptrdiff_t>(index));
  const Key key{c.frame, c.trackId};
  std::vector<ObjectAnnotation> next = document_.objects(c.frame);
  const auto it = findId(next, c.trackId);
  if (it != next.end()) next.erase(it);
  untrack(key);
  if (c.theirs) {
    next.push_back(*c.theirs);
    track({c.frame, c.theirs->trackId}, {c.boxId, c.theirVersion});
  }
  applyFrame(c.frame, std::move(next), !c.theirs);
  // A box someone else has under mine's track id could not be shown until now.
  if (!c.reason.empty()) reloadFrames({c.frame}, false);
  emit conflictsChanged();
}

}  // namespace lidarlabel
