// ServerSync, point labels: the document reads a frame's labels from the server; each stroke
// becomes one compare-and-set commit of the frame's labels through the journal, merged with
// someone else's commit in between; other people's label commits arrive live.
#include <QUndoStack>

#include "lidarlabel/app/server_sync.h"

namespace lidarlabel {
namespace {

PointLabels labelsAt(const PointLabels& all, const std::vector<std::uint32_t>& points) {
  PointLabels out;
  for (const std::uint32_t i : points) {
    out.semantic.push_back(i < all.size() ? all.semantic[i] : 0);
    out.instance.push_back(i < all.size() ? all.instance[i] : 0);
  }
  return out;
}

}  // namespace

std::int64_t ServerSync::labelVersion(std::size_t frame) const {
  const auto it = labels_.find(frame);
  return it == labels_.end() ? 0 : it->second.version;
}

// The document's loader: the server's labels of the frame become the base of the next commit.
PointLabels ServerSync::loadLabels(std::size_t frame) {
  StoredLabels s = store_->loadPointLabels(sequence_, frame);
  LabelState& state = labels_[frame];
  state.version = s.version;
  state.base = s.labels;
  return std::move(s.labels);
}

void ServerSync::onPointLabels(const PointLabelsEvent& event) {
  if (event.remote || applyingRemote_) return;
  labelDirty_.insert(event.frame);
  labelOps_.insert(event.frame);
  // A stroke's segments arrive one after the other: its commit waits for a quiet moment.
  if (config_.labelQuietMilliseconds > 0) labelTimer_.start(config_.labelQuietMilliseconds);
}

void ServerSync::noteRemoteLabels(std::size_t frame, std::int64_t version,
                                  const PointLabels& labels) {
  LabelState& state = labels_[frame];
  const auto mark = static_cast<std::size_t>(document_.undoStack()->count());
  if (mark == 0 && !state.remoteSeen) return;  // no command can predate the change
  if (!state.remoteSeen) {
    state.remoteSeen = true;
    state.preRemoteVersion = version;
    state.preRemoteBase = labels;
  }
  state.remoteMark = mark;
}

void ServerSync::classifyLabelOps(bool undoOrRedo, std::size_t lowest) {
  for (const std::size_t frame : labelOps_) {
    const auto it = labels_.find(frame);
    if (undoOrRedo && it != labels_.end() && it->second.remoteSeen &&
        lowest < it->second.remoteMark)
      labelStale_.insert(frame);
  }
  labelOps_.clear();
}

// Journals each changed frame's labels on the version they were edited from (one change per
// frame on its way: later edits wait for its answer and are sent with the next commit). A stale
// undo / redo is sent on the labels this desk had before someone else's change: the journal's
// merge then keeps theirs where both changed a point and reports a conflict.
void ServerSync::sendLabels() {
  for (auto it = labelDirty_.begin(); it != labelDirty_.end();) {
    const std::size_t frame = *it;
    if (labelWaiting_.count(frame)) {
      ++it;
      continue;
    }
    const std::shared_ptr<const PointLabels> mine = document_.pointLabels(frame);
    it = labelDirty_.erase(it);
    if (!mine || mine->empty()) continue;
    const LabelState& state = labels_[frame];
    if (labelStale_.erase(frame) > 0 && state.remoteSeen)
      journal_.enqueueLabels(sequence_, frame,
                             {state.preRemoteVersion, state.preRemoteBase, *mine, ""});
    else
      journal_.enqueueLabels(sequence_, frame, {state.version, state.base, *mine, ""});
    labelWaiting_.insert(frame);
  }
}

void ServerSync::onLabelOutcome(const JournalOutcome& outcome) {
  const std::size_t frame = outcome.entry.frame;
  labelWaiting_.erase(frame);
  if (!outcome.error.empty()) {
    emit statusMessage(tr("The server refused the point labels of frame %1 (kept here, not "
                          "sent): %2")
                           .arg(frame + 1)
                           .arg(QString::fromStdString(outcome.error)));
    return;
  }
  const LabelOutcome& o = outcome.labels;
  const PointLabels& mine = outcome.entry.labels->mine;
  if (!o.conflictPoints.empty()) {
    labelConflicts_.push_back({frame, o.conflictPoints, labelsAt(mine, o.conflictPoints),
                               labelsAt(o.stored, o.conflictPoints)});
    emit statusMessage(tr("Conflict: %n point(s) of frame %1 were labelled differently by "
                          "someone else first; theirs are shown, yours are in the Conflicts list",
                          "", static_cast<int>(o.conflictPoints.size()))
                           .arg(frame + 1));
    emit conflictsChanged();
  }
  if (!started_) return;  // replayed at start-up: the load shows the server's labels
  if (o.stored != mine)   // merged with someone else's: what we had is mine on its old version
    noteRemoteLabels(frame, outcome.entry.labels->expectedVersion, mine);
  labels_[frame].version = o.version;
  labels_[frame].base = o.stored;
  if (o.stored != mine) {  // show the merge, keep later local edits
    const std::shared_ptr<const PointLabels> now = document_.pointLabels(frame);
    std::size_t ignored = 0;
    PointLabels shown = now && *now != mine && now->size() == mine.size()
                            ? mergePointLabels(mine, o.stored, *now, &ignored)
                            : o.stored;
    applyingRemote_ = true;
    document_.applyRemotePointLabels(frame, std::move(shown), labelDirty_.count(frame) > 0);
    applyingRemote_ = false;
    emit remoteChangesApplied({frame});
  }
  if (!labelDirty_.count(frame)) document_.markPointLabelsCommitted({frame});
}

// Other people's commits: frames with a local change on its way are left alone (its commit
// merges with theirs).
void ServerSync::reloadLabels(const std::set<std::size_t>& frames) {
  for (const std::size_t frame : frames) {
    if (labelDirty_.count(frame) || labelWaiting_.count(frame)) continue;
    try {
      StoredLabels s = store_->loadPointLabels(sequence_, frame);
      if (s.version == labelVersion(frame) && s.version != 0) continue;  // our own commit
      LabelState& state = labels_[frame];
      noteRemoteLabels(frame, state.version, state.base);
      state.version = s.version;
      state.base = s.labels;
      applyingRemote_ = true;
      document_.applyRemotePointLabels(frame, std::move(s.labels));
      applyingRemote_ = false;
    } catch (const std::exception& e) {
      applyingRemote_ = false;
      emit statusMessage(tr("Could not read other people's point labels of frame %1: %2")
                             .arg(frame + 1)
                             .arg(QString::fromUtf8(e.what())));
      continue;
    }
    emit remoteChangesApplied({frame});
  }
}

void ServerSync::keepMineLabels(std::size_t index) {
  if (index >= labelConflicts_.size()) return;
  const LabelConflict c = labelConflicts_[index];
  labelConflicts_.erase(labelConflicts_.begin() + static_cast<std::ptrdiff_t>(index));
  // Written like a remote change (not an undo step), then committed on the server's version.
  std::shared_ptr<const PointLabels> now = document_.pointLabels(c.frame);
  PointLabels next = now ? *now : PointLabels{};
  for (std::size_t k = 0; k < c.points.size(); ++k)
    if (c.points[k] < next.size()) {
      next.semantic[c.points[k]] = c.mine.semantic[k];
      next.instance[c.points[k]] = c.mine.instance[k];
    }
  applyingRemote_ = true;
  document_.applyRemotePointLabels(c.frame, std::move(next), true);
  applyingRemote_ = false;
  labelDirty_.insert(c.frame);
  emit conflictsChanged();
  commitPending();
}

void ServerSync::takeTheirLabels(std::size_t index) {
  if (index >= labelConflicts_.size()) return;
  labelConflicts_.erase(labelConflicts_.begin() + static_cast<std::ptrdiff_t>(index));
  emit conflictsChanged();
}

}  // namespace lidarlabel
