// ServerSync, frame review: a changed review record is committed on the frame's review version;
// appends by two people merge, anything else is a ReviewConflict; refusals (annotators may not
// set review state) are status messages and the local record stays. Live like boxes.
#include <algorithm>

#include "lidarlabel/app/server_sync.h"

namespace lidarlabel {
namespace {

template <typename T>
bool isPrefix(const std::vector<T>& head, const std::vector<T>& all) {
  return head.size() <= all.size() && std::equal(head.begin(), head.end(), all.begin());
}

// theirs + what mine appended to base, when both only appended to base; empty otherwise.
std::optional<ReviewRecord> mergeAppends(const ReviewRecord& base, const ReviewRecord& mine,
                                         const ReviewRecord& theirs) {
  if (!isPrefix(base.decisions, mine.decisions) || !isPrefix(base.comments, mine.comments) ||
      !isPrefix(base.decisions, theirs.decisions) || !isPrefix(base.comments, theirs.comments))
    return std::nullopt;
  ReviewRecord merged = theirs;
  merged.decisions.insert(
      merged.decisions.end(),
      mine.decisions.begin() + static_cast<std::ptrdiff_t>(base.decisions.size()),
      mine.decisions.end());
  merged.comments.insert(merged.comments.end(),
                         mine.comments.begin() + static_cast<std::ptrdiff_t>(base.comments.size()),
                         mine.comments.end());
  return merged;
}

}  // namespace

std::int64_t ServerSync::reviewVersion(std::size_t frame) const {
  return frame < reviewVersions_.size() ? reviewVersions_[frame] : 0;
}

void ServerSync::onFrameReview(int frame) {
  if (applyingRemote_ || frame < 0) return;
  reviewDirty_.insert(static_cast<std::size_t>(frame));
  scheduleCommit();
}

// False when the connection is lost (the changed frames stay to send).
bool ServerSync::sendReviews() {
  for (auto it = reviewDirty_.begin(); it != reviewDirty_.end();) {
    const std::size_t f = *it;
    if (f >= reviewVersions_.size() || f >= document_.frameCount()) {
      it = reviewDirty_.erase(it);
      continue;
    }
    const auto held = std::find_if(reviewConflicts_.begin(), reviewConflicts_.end(),
                                   [f](const ReviewConflict& c) { return c.frame == f; });
    if (held != reviewConflicts_.end()) {  // held until resolved: mine follows the edits
      held->mine = document_.sequence().frames[f].review;
      it = reviewDirty_.erase(it);
      emit conflictsChanged();
      continue;
    }
    ReviewRecord mine = document_.sequence().frames[f].review;
    try {
      ReviewCommit c = store_->commitFrameReview(sequence_, f, reviewVersions_[f], mine);
      if (!c.ok && c.current == mine) c.ok = true;  // the same record: nothing to merge
      if (!c.ok) {
        if (const auto merged = mergeAppends(reviewBase_[f], mine, c.current)) {
          const ReviewCommit again = store_->commitFrameReview(sequence_, f, c.version, *merged);
          if (again.ok) {
            applyReview(f, *merged);
            mine = *merged;
          }
          c = again;
        }
      }
      if (c.ok) {
        reviewVersions_[f] = c.version;
        reviewBase_[f] = mine;
      } else {
        reviewConflicts_.push_back({f, mine, c.current, c.version});
        emit statusMessage(tr("Conflict: the review of frame %1 was changed by someone else "
                              "first; both versions are in the Conflicts list")
                               .arg(f + 1));
        emit conflictsChanged();
      }
    } catch (const ServerError& e) {
      if (e.sqlstate().empty()) {  // the connection: try again later
        emit statusMessage(
            tr("Server connection lost: the review of frame %1 is kept, retrying").arg(f + 1));
        catchUp_ = true;
        return false;
      }
      emit statusMessage(
          e.sqlstate() == "42501"
              ? tr("You may not set review state on this server: the review of frame %1 is "
                   "kept here but not sent")
                    .arg(f + 1)
              : tr("The server refused the review of frame %1 (kept here, not sent): %2")
                    .arg(f + 1)
                    .arg(QString::fromUtf8(e.what())));
    }
    it = reviewDirty_.erase(it);
  }
  return true;
}

void ServerSync::applyReview(std::size_t frame, const ReviewRecord& review) {
  applyingRemote_ = true;
  document_.applyRemoteFrameReview(frame, review);
  applyingRemote_ = false;
}

void ServerSync::reloadReviews(const std::set<std::size_t>& frames) {
  for (const std::size_t f : frames) {
    if (f >= reviewVersions_.size() || reviewDirty_.count(f)) continue;
    try {
      const StoredFrame s = store_->loadFrame(sequence_, f);
      if (s.reviewVersion <= reviewVersions_[f]) continue;
      reviewVersions_[f] = s.reviewVersion;
      reviewBase_[f] = s.frame.review;
      const auto held = std::find_if(reviewConflicts_.begin(), reviewConflicts_.end(),
                                     [f](const ReviewConflict& c) { return c.frame == f; });
      if (held != reviewConflicts_.end()) {  // theirs moved on
        held->theirs = s.frame.review;
        held->theirVersion = s.reviewVersion;
        emit conflictsChanged();
        continue;
      }
      applyReview(f, s.frame.review);
    } catch (const std::exception& e) {
      emit statusMessage(tr("Could not read other people's review of frame %1: %2")
                             .arg(f + 1)
                             .arg(QString::fromUtf8(e.what())));
      continue;
    }
    emit remoteChangesApplied({f});
  }
}

void ServerSync::keepMineReview(std::size_t index) {
  if (index >= reviewConflicts_.size()) return;
  const ReviewConflict c = reviewConflicts_[index];
  reviewConflicts_.erase(reviewConflicts_.begin() + static_cast<std::ptrdiff_t>(index));
  applyReview(c.frame, c.mine);
  reviewVersions_[c.frame] = c.theirVersion;
  reviewBase_[c.frame] = c.theirs;
  reviewDirty_.insert(c.frame);
  emit conflictsChanged();
  commitPending();
}

void ServerSync::takeTheirReview(std::size_t index) {
  if (index >= reviewConflicts_.size()) return;
  const ReviewConflict c = reviewConflicts_[index];
  reviewConflicts_.erase(reviewConflicts_.begin() + static_cast<std::ptrdiff_t>(index));
  reviewVersions_[c.frame] = c.theirVersion;
  reviewBase_[c.frame] = c.theirs;
  applyReview(c.frame, c.theirs);
  emit conflictsChanged();
}

}  // namespace lidarlabel
