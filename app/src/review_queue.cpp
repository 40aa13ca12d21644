#include "lidarlabel/app/review_queue.h"

#include <QCoreApplication>
#include <QStringList>

namespace lidarlabel {

namespace {
QString tr(const char* text) {
  return QCoreApplication::translate("Review", text);
}
const QString kCheck = QStringLiteral(" \u2713");
}  // namespace

ReviewProgress objectProgress(const ObjectAnnotation& o, const std::vector<std::string>& levels) {
  if (!o.reviewLog.decisions.empty() || o.review == ReviewState::Unreviewed || levels.empty())
    return reviewProgress(o.reviewLog, levels);
  ReviewProgress p;  // legacy: a state without a log
  if (o.review == ReviewState::Accepted)
    p.levelsPassed = 1;
  else
    p.rejected = true;
  p.done = p.levelsPassed == levels.size();
  p.nextLevel = p.done ? "" : levels[p.levelsPassed];
  return p;
}

bool waitsAt(const ReviewProgress& p, std::size_t levelCount, ReviewLevel level) {
  if (p.done || levelCount == 0) return false;
  return !level || p.levelsPassed == *level;
}

bool objectNeedsReview(const ObjectAnnotation& o, const std::vector<std::string>& levels,
                       ReviewLevel level) {
  return waitsAt(objectProgress(o, levels), levels.size(), level);
}

bool frameNeedsReview(const Frame& frame, const std::vector<std::string>& levels,
                      ReviewLevel level) {
  if (waitsAt(reviewProgress(frame.review, levels), levels.size(), level)) return true;
  for (const ObjectAnnotation& o : frame.objects)
    if (objectNeedsReview(o, levels, level)) return true;
  return false;
}

std::optional<std::size_t> nextReviewFrame(const Sequence& sequence,
                                           const std::vector<std::string>& levels,
                                           ReviewLevel level, std::size_t from, int direction) {
  const std::size_t n = sequence.size();
  if (n == 0) return std::nullopt;
  const std::size_t step = direction >= 0 ? 1 : n - 1;  // -1 modulo n
  std::size_t f = from % n;
  for (std::size_t k = 1; k < n; ++k) {
    f = (f + step) % n;
    if (frameNeedsReview(sequence.frames[f], levels, level)) return f;
  }
  return std::nullopt;
}

std::optional<ReviewTarget> nextReviewObject(const Sequence& sequence,
                                             const std::vector<std::string>& levels,
                                             ReviewLevel level, std::size_t frame,
                                             std::optional<ObjectId> after) {
  const std::size_t n = sequence.size();
  if (n == 0) return std::nullopt;
  frame %= n;
  const auto& first = sequence.frames[frame].objects;
  // Where `after` is in its frame (first.size() when absent or not given: start at the top).
  std::size_t split = first.size();
  for (std::size_t i = 0; after && i < first.size(); ++i)
    if (first[i].trackId == *after) split = i;
  const bool found = split < first.size();
  auto check = [&](std::size_t f, std::size_t i) -> std::optional<ReviewTarget> {
    const ObjectAnnotation& o = sequence.frames[f].objects[i];
    if (!objectNeedsReview(o, levels, level)) return std::nullopt;
    return ReviewTarget{f, o.trackId, f < frame || (f == frame && found && i < split)};
  };
  // This frame after `after` (all of it when `after` is not there), the frames after it
  // wrapping around, then this frame up to `after`.
  for (std::size_t i = found ? split + 1 : 0; i < first.size(); ++i)
    if (auto t = check(frame, i)) return t;
  for (std::size_t k = 1; k < n; ++k) {
    const std::size_t f = (frame + k) % n;
    for (std::size_t i = 0; i < sequence.frames[f].objects.size(); ++i)
      if (auto t = check(f, i)) return t;
  }
  for (std::size_t i = 0; found && i < split; ++i)
    if (auto t = check(frame, i)) return t;
  return std::nullopt;
}

QString reviewCellText(const ReviewProgress& p, const std::vector<std::string>& levels) {
  if (p.rejected) return tr("rejected");
  if (p.levelsPassed == 0 || levels.empty()) return tr("unreviewed");
  return QString::fromStdString(levels[std::min(p.levelsPassed, levels.size()) - 1]) + kCheck;
}

QString reviewProgressText(const ReviewProgress& p, const std::vector<std::string>& levels) {
  if (levels.empty()) return tr("no review levels");
  QStringList parts;
  if (p.rejected) parts << tr("rejected (back to the annotator)");
  for (std::size_t i = 0; i < levels.size(); ++i)
    parts << QString::fromStdString(levels[i]) + (i < p.levelsPassed ? kCheck : tr(" pending"));
  return parts.join(QStringLiteral(", "));
}

}  // namespace lidarlabel
