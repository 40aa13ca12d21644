// Editor: review decisions and comments on objects and frames (core/review.h).
#include <QtGlobal>
#include <algorithm>

#ifdef Q_OS_UNIX
#include <pwd.h>
#include <unistd.h>
#endif

#include "lidarlabel/app/commands/change_objects.h"
#include "lidarlabel/app/commands/set_frame_review.h"
#include "lidarlabel/app/editor.h"

namespace lidarlabel {

std::string defaultReviewerName() {
  for (const char* var : {"USER", "LOGNAME", "USERNAME"}) {
    const QString name = qEnvironmentVariable(var).trimmed();
    if (!name.isEmpty()) return name.toStdString();
  }
#ifdef Q_OS_UNIX
  if (const passwd* pw = getpwuid(getuid()); pw && pw->pw_name && *pw->pw_name)
    return pw->pw_name;  // no login variables (e.g. started by a service): the account's name
#endif
  return "unknown";
}

void Editor::setReviewer(std::string name) {
  reviewer_ = name.empty() ? defaultReviewerName() : std::move(name);
}

std::string Editor::reviewTime() const {
  return config_.reviewClock ? config_.reviewClock() : utcNow();
}

std::string Editor::decisionLevel(const ReviewProgress& progress) const {
  const std::vector<std::string>& levels = document_.ontology().reviewLevels;
  if (levels.empty()) return {};
  if (reviewLevel_) return *reviewLevel_ < levels.size() ? levels[*reviewLevel_] : std::string();
  return progress.done ? levels.back() : progress.nextLevel;
}

bool Editor::decideObjects(const std::vector<ObjectId>& ids, ReviewVerdict verdict,
                           const std::string& note) {
  if (!document_.isOpen()) return false;
  const std::size_t frame = document_.currentFrame();
  const std::vector<std::string>& levels = document_.ontology().reviewLevels;
  const std::string when = reviewTime();
  std::vector<ObjectAnnotation> before, after;
  std::string shownLevel;
  for (ObjectId id : ids) {
    const ObjectAnnotation* o = document_.object(frame, id);
    const bool seen = std::any_of(before.begin(), before.end(),
                                  [id](const ObjectAnnotation& b) { return b.trackId == id; });
    if (!o || seen) continue;
    const std::string level = decisionLevel(objectProgress(*o, levels));
    if (level.empty()) return false;
    ObjectAnnotation changed = *o;
    recordObjectDecision(changed, {level, verdict, reviewer_, when, note}, levels);
    if (verdict == ReviewVerdict::Accept) {  // a person vouched for it: the annotator's box
      changed.provenance = Provenance::Manual;
      changed.confidence = 1.0f;
    }
    shownLevel = shownLevel.empty() || shownLevel == level ? level : "several levels";
    before.push_back(*o);
    after.push_back(std::move(changed));
  }
  if (after.empty()) return false;
  const int n = static_cast<int>(after.size());
  const QString text =
      (verdict == ReviewVerdict::Accept ? QObject::tr("Accept %n box(es) at %1", nullptr, n)
                                        : QObject::tr("Reject %n box(es) at %1", nullptr, n))
          .arg(QString::fromStdString(shownLevel));
  const ChangeKind kind =
      verdict == ReviewVerdict::Accept ? ChangeKind::Accept : ChangeKind::Review;
  document_.undoStack()->push(
      new ChangeObjectsCommand(document_, frame, std::move(before), std::move(after), kind, text));
  return true;
}

bool Editor::acceptObjects(const std::vector<ObjectId>& ids, const std::string& note) {
  return decideObjects(ids, ReviewVerdict::Accept, note);
}

bool Editor::rejectObjects(const std::vector<ObjectId>& ids, const std::string& note) {
  return decideObjects(ids, ReviewVerdict::Reject, note);
}

bool Editor::commentObject(ObjectId id, const std::string& text) {
  if (!document_.isOpen() || text.empty()) return false;
  const ObjectAnnotation* o = document_.object(document_.currentFrame(), id);
  if (!o) return false;
  ObjectAnnotation after = *o;
  addComment(after.reviewLog, {text, reviewer_, reviewTime()});
  return change(id, after, ChangeKind::Comment, QObject::tr("Comment on box %1").arg(id), false);
}

bool Editor::decideFrame(ReviewVerdict verdict, const std::string& note) {
  if (!document_.isOpen()) return false;
  const std::size_t frame = document_.currentFrame();
  const std::vector<std::string>& levels = document_.ontology().reviewLevels;
  ReviewRecord record = document_.sequence().frames[frame].review;
  const std::string level = decisionLevel(reviewProgress(record, levels));
  if (level.empty()) return false;
  recordDecision(record, {level, verdict, reviewer_, reviewTime(), note}, levels);
  const QString text = (verdict == ReviewVerdict::Accept ? QObject::tr("Accept frame %1 at %2")
                                                         : QObject::tr("Reject frame %1 at %2"))
                           .arg(frame + 1)
                           .arg(QString::fromStdString(level));
  document_.undoStack()->push(new SetFrameReviewCommand(document_, frame, std::move(record), text));
  return true;
}

bool Editor::acceptFrame(const std::string& note) {
  return decideFrame(ReviewVerdict::Accept, note);
}

bool Editor::rejectFrame(const std::string& note) {
  return decideFrame(ReviewVerdict::Reject, note);
}

bool Editor::commentFrame(const std::string& text) {
  if (!document_.isOpen() || text.empty()) return false;
  const std::size_t frame = document_.currentFrame();
  ReviewRecord record = document_.sequence().frames[frame].review;
  addComment(record, {text, reviewer_, reviewTime()});
  document_.undoStack()->push(new SetFrameReviewCommand(
      document_, frame, std::move(record), QObject::tr("Comment on frame %1").arg(frame + 1)));
  return true;
}

}  // namespace lidarlabel
