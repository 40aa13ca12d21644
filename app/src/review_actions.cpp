#include "lidarlabel/app/review_actions.h"

#include <QAction>
#include <QMainWindow>
#include <QMenu>
#include <map>
#include <set>

#include "go_to_then.h"
#include "lidarlabel/app/active_time.h"
#include "lidarlabel/app/check_results.h"
#include "lidarlabel/app/check_runner.h"
#include "lidarlabel/app/editor.h"
#include "lidarlabel/app/object_list.h"
#include "lidarlabel/app/review_panel.h"
#include "lidarlabel/app/review_queue.h"

namespace lidarlabel {

ReviewActions::ReviewActions(QMainWindow& window, Editor& editor, FrameNavigator& navigator,
                             ObjectList& objects, QMenu* menu, const QList<QWidget*>& viewScopes)
    : QObject(&window), editor_(editor), nav_(navigator), objects_(objects) {
  Document& doc = editor_.document();
  panel_ = new ReviewPanel(editor_, &window);
  runner_ = new CheckRunner(doc, {}, this);
  results_ = new CheckResults(editor_, nav_, *runner_, &window);
  recorder_ = new ActiveTimeRecorder(doc, &window);

  auto add = [&](const QString& text, const QKeySequence& key, auto fn, bool edits) {
    QAction* a = menu->addAction(text, this, fn);
    a->setShortcut(key);
    if (edits) editActions_ << a;
    return a;
  };
  QAction* reject = add(
      tr("&Reject selected boxes"), QKeySequence(Qt::SHIFT | Qt::Key_A),
      [this] { panel_->rejectSelection(); }, true);
  reject->setShortcutContext(Qt::WidgetWithChildrenShortcut);  // where the boxes are, as A
  for (QWidget* w : viewScopes) w->addAction(reject);
  add(
      tr("Accept &frame"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_A),
      [this] { panel_->acceptCurrentFrame(); }, true);
  add(
      tr("Reject fra&me"), QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_A),
      [this] { panel_->rejectCurrentFrame(); }, true);
  menu->addSeparator();
  add(
      tr("&Next frame needing review"), QKeySequence(Qt::ALT | Qt::Key_PageDown),
      [this] { stepReviewFrame(1); }, false);
  add(
      tr("&Previous frame needing review"), QKeySequence(Qt::ALT | Qt::Key_PageUp),
      [this] { stepReviewFrame(-1); }, false);
  add(
      tr("Next &box needing review"), QKeySequence(Qt::Key_K), [this] { nextReviewObject(); },
      false);
  menu->addSeparator();
  add(
      tr("Next fin&ding"), QKeySequence(Qt::Key_F8), [this] { results_->next(); }, false);
  add(
      tr("Pre&vious finding"), QKeySequence(Qt::SHIFT | Qt::Key_F8),
      [this] { results_->previous(); }, false);
  add(
      tr("&Check now"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C), [this] { runner_->run(); },
      false);

  connect(panel_, &ReviewPanel::message, this, &ReviewActions::message);
  connect(panel_, &ReviewPanel::levelChanged, this,
          [this] { objects_.setReviewLevel(editor_.reviewLevel()); });
  connect(results_, &CheckResults::focusRequested, this, &ReviewActions::focusRequested);
  // The object list's "with findings" filter follows the last check run.
  connect(runner_, &CheckRunner::finished, this, [this] {
    std::map<std::size_t, std::set<ObjectId>> flagged;
    for (const Finding& f : runner_->findings())
      if (f.frame >= 0)
        flagged[static_cast<std::size_t>(f.frame)].insert(f.trackIds.begin(), f.trackIds.end());
    objects_.setFlagged(std::move(flagged));
  });
}

QString ReviewActions::levelName() const {
  const auto& levels = editor_.document().ontology().reviewLevels;
  const ReviewLevel l = editor_.reviewLevel();
  return l && *l < levels.size() ? QString::fromStdString(levels[*l]) : tr("any level");
}

bool ReviewActions::stepReviewFrame(int direction) {
  Document& doc = editor_.document();
  if (!doc.isOpen()) return false;
  const auto frame = nextReviewFrame(doc.sequence(), doc.ontology().reviewLevels,
                                     editor_.reviewLevel(), nav_.target(), direction);
  if (!frame) {
    emit message(tr("No other frame needs review at %1").arg(levelName()));
    return false;
  }
  nav_.goTo(*frame);
  emit message(tr("Frame %1 needs review at %2").arg(*frame + 1).arg(levelName()));
  return true;
}

bool ReviewActions::nextReviewObject() {
  Document& doc = editor_.document();
  if (!doc.isOpen()) return false;
  std::optional<ObjectId> after;
  if (!doc.selection().empty()) after = doc.selection().front();
  const auto target =
      lidarlabel::nextReviewObject(doc.sequence(), doc.ontology().reviewLevels,
                                   editor_.reviewLevel(), doc.currentFrame(), after);
  if (!target) {
    emit message(tr("No other box needs review at %1").arg(levelName()));
    return false;
  }
  const ReviewTarget t = *target;
  goToThen(
      nav_, this, t.frame,
      [this, t] {
        editor_.select({t.id});
        emit focusRequested();
      },
      pendingSelect_);
  emit message(tr("Box %1 in frame %2 needs review at %3%4")
                   .arg(t.id)
                   .arg(t.frame + 1)
                   .arg(levelName())
                   .arg(t.wrapped ? tr(" (from the start)") : QString()));
  return true;
}

}  // namespace lidarlabel
