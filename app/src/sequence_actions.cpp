#include "lidarlabel/app/sequence_actions.h"

#include <QAction>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QInputDialog>
#include <QMainWindow>
#include <QMenu>
#include <QProgressDialog>
#include <QSpinBox>
#include <QUndoStack>
#include <memory>

#include "lidarlabel/app/editor.h"
#include "lidarlabel/app/frame_navigator.h"
#include "lidarlabel/app/prelabel_runner.h"
#include "lidarlabel/app/timeline.h"

namespace lidarlabel {

SequenceActions::SequenceActions(QMainWindow& window, Editor& editor, FrameNavigator& navigator,
                                 Timeline& timeline, QMenu* menu, const QList<QWidget*>& viewScopes)
    : QObject(&window), window_(window), editor_(editor), nav_(navigator), timeline_(timeline) {
  runner_ = new PrelabelRunner(editor_.document(), {}, {}, this);
  auto add = [&](const QString& text, const QKeySequence& key, auto fn, bool edits) {
    QAction* a = menu->addAction(text, this, fn);
    a->setShortcut(key);
    if (edits) editActions_ << a;
    return a;
  };
  QAction* play = add(
      tr("&Play / pause"), QKeySequence(Qt::Key_Space), [this] { timeline_.togglePlaying(); },
      false);
  play->setCheckable(true);
  connect(&timeline_, &Timeline::playingChanged, play, &QAction::setChecked);
  add(
      tr("Next frame needing &attention"), QKeySequence(Qt::SHIFT | Qt::Key_PageDown),
      [this] { nextAttention(); }, false);
  menu->addSeparator();
  add(
      tr("P&ropagate selected tracks..."), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_PageDown),
      [this] { askPropagate(); }, true);
  add(
      tr("&Interpolate selected tracks"), QKeySequence(Qt::CTRL | Qt::Key_I),
      [this] { interpolate(); }, true);
  add(
      tr("Pre-&label sequence..."), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P),
      [this] { startPrelabel(); }, true);
  // Accept: one key where the boxes are (the 3D view, the box views, the object list), plus
  // Ctrl+Return; a review acceptance at the review level (Editor::acceptObjects, one undo step).
  QAction* accept = add(
      tr("A&ccept selected boxes"), QKeySequence(Qt::Key_A),
      [this] { editor_.acceptObjects(editor_.document().selection()); }, true);
  accept->setShortcutContext(Qt::WidgetWithChildrenShortcut);
  for (QWidget* w : viewScopes) w->addAction(accept);
  addTrackActions(menu, add);
  addTrafficMenu(menu);
  connect(runner_, &PrelabelRunner::progress, this, [this](int done, int total) {
    if (!prelabelProgress_) return;
    prelabelProgress_->setMaximum(total);
    prelabelProgress_->setValue(done);
  });
  auto closeProgress = [this] {
    if (prelabelProgress_) prelabelProgress_->deleteLater();
    prelabelProgress_ = nullptr;
  };
  connect(runner_, &PrelabelRunner::finished, this, [this, closeProgress](int boxes) {
    closeProgress();
    const QString added =
        tr("Pre-labelling added %n automatic box(es) (A accepts one, Ctrl+Z undoes all)", nullptr,
           boxes);
    const std::optional<TrafficVotes> votes = runner_->detectedTraffic();
    if (votes && votes->side) {
      useDetectedTrafficSide(*votes->side);
      emit message(tr("%1; traffic keeps %2, as %3 oncoming track(s) showed")
                       .arg(added, trafficSideName(*votes->side))
                       .arg(votes->right + votes->left));
    } else {
      emit message(added);
    }
  });
  connect(runner_, &PrelabelRunner::cancelled, this, [this, closeProgress] {
    closeProgress();
    emit message(tr("Pre-labelling cancelled: nothing changed"));
  });
  connect(runner_, &PrelabelRunner::failed, this, [this, closeProgress](const QString& m) {
    closeProgress();
    emit message(tr("Pre-labelling failed: %1").arg(m));
  });
}

// Whole-track decisions on the selected tracks (every frame, one undo step each).
template <typename Add>
void SequenceActions::addTrackActions(QMenu* menu, const Add& add) {
  menu->addSeparator();
  const auto selected = [this] { return editor_.document().selection(); };
  add(
      tr("Accept selected &tracks (all frames)"), QKeySequence(Qt::ALT | Qt::Key_A),
      [this, selected] { editor_.acceptTracks(selected()); }, true);
  add(
      tr("&Delete selected tracks (all frames)"), QKeySequence(Qt::SHIFT | Qt::Key_Delete),
      [this, selected] { editor_.removeTracks(selected()); }, true);
  add(
      tr("&End selected tracks here (this and later frames)"),
      QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Delete),
      [this, selected] { editor_.endTracks(selected()); }, true);
  add(
      tr("Flip heading of selected trac&ks"), QKeySequence(Qt::SHIFT | Qt::Key_X),
      [this, selected] {
        for (ObjectId id : selected()) editor_.flipTrackHeading(id);
      },
      true);
  add(
      tr("Apply the box's si&ze to its track"), QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_S),
      [this, selected] {
        for (ObjectId id : selected()) editor_.applySizeToTrack(id);
      },
      true);
  add(
      tr("Set class of selected tracks..."), QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_C),
      [this, selected] {
        const std::vector<ObjectId> ids = selected();
        if (ids.empty()) return;
        QStringList names;
        for (const ClassDef& c : editor_.document().ontology().classes)
          names << QString::fromStdString(c.name);
        bool ok = false;
        const QString name = QInputDialog::getItem(
            &window_, tr("Set class of tracks"), tr("Class for every frame"), names, 0, false, &ok);
        if (!ok) return;
        for (ObjectId id : ids) editor_.setTrackClass(id, name.toStdString());
      },
      true);
}

void SequenceActions::stopPlayback() {
  timeline_.setPlaying(false);
  nav_.cancel();
}

QProgressDialog* SequenceActions::longEditProgress(const QString& label, int total) {
  auto* p = new QProgressDialog(label, tr("Cancel"), 0, total, &window_);
  p->setObjectName(QStringLiteral("editProgress"));
  p->setWindowModality(Qt::WindowModal);
  p->setMinimumDuration(500);
  p->setAttribute(Qt::WA_DeleteOnClose);
  return p;
}

QDialog* SequenceActions::askPropagate() {
  Document& doc = editor_.document();
  if (!doc.isOpen() || doc.selection().empty()) {
    emit message(tr("Select the tracks to propagate first"));
    return nullptr;
  }
  auto* d = new QDialog(&window_);
  d->setObjectName(QStringLiteral("propagateDialog"));
  d->setWindowTitle(tr("Propagate selected tracks"));
  d->setAttribute(Qt::WA_DeleteOnClose);
  auto* frames = new QSpinBox(d);
  frames->setObjectName(QStringLiteral("propagateFrames"));
  frames->setRange(1, std::max(1, static_cast<int>(doc.frameCount()) - 1));
  frames->setValue(propagateFrames_);
  frames->setSuffix(tr(" frames"));
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, d);
  auto* form = new QFormLayout(d);
  form->addRow(tr("Track the %n selected box(es) forward over", nullptr,
                  static_cast<int>(doc.selection().size())),
               frames);
  form->addRow(buttons);
  connect(buttons, &QDialogButtonBox::accepted, d, &QDialog::accept);
  connect(buttons, &QDialogButtonBox::rejected, d, &QDialog::reject);
  connect(d, &QDialog::accepted, this, [this, frames] {
    propagateFrames_ = frames->value();
    propagate(propagateFrames_);
  });
  d->open();
  frames->selectAll();
  frames->setFocus();
  return d;
}

int SequenceActions::propagate(int frames) {
  Document& doc = editor_.document();
  const std::vector<ObjectId> ids = doc.selection();
  if (!doc.isOpen() || ids.empty() || frames <= 0) return 0;
  stopPlayback();
  const std::size_t first = doc.currentFrame();
  QPointer<QProgressDialog> progress = longEditProgress(
      tr("Propagating %n track(s)...", nullptr, static_cast<int>(ids.size())), frames);
  const std::shared_ptr<FrameCache> cache = doc.sharedCache();
  const int written = editor_.propagate(ids, frames, [&](int done, int total) {
    // The tracker reads frame first+done+1 next: have the one after it read meanwhile.
    cache->prefetch({first + static_cast<std::size_t>(done) + 2});
    if (!progress) return false;
    progress->setMaximum(total);
    progress->setValue(done);  // processes events (window-modal): Cancel can be clicked
    return !progress->wasCanceled();
  });
  if (progress) progress->close();
  emit message(written > 0 ? tr("Propagated: %n box(es) written (one undo step)", nullptr, written)
                           : tr("Propagation wrote nothing (cancelled or no track found)"));
  return written;
}

int SequenceActions::interpolate() {
  Document& doc = editor_.document();
  const std::vector<ObjectId> ids = doc.selection();
  if (!doc.isOpen() || ids.empty()) return 0;
  QUndoStack* stack = doc.undoStack();
  const int before = stack->index();
  stack->beginMacro(tr("Interpolate %n track(s)", nullptr, static_cast<int>(ids.size())));
  int written = 0;
  for (ObjectId id : ids) written += editor_.interpolate(id);
  stack->endMacro();
  // An empty macro (nothing to write) must not be an undo step.
  if (stack->index() == before + 1 && stack->command(before)->childCount() == 0) {
    const_cast<QUndoCommand*>(stack->command(before))->setObsolete(true);
    stack->undo();  // an obsolete command is dropped from the stack, not kept for redo
  }
  emit message(tr("Interpolated: %n box(es)", nullptr, written));
  return written;
}

std::optional<AttentionHit> SequenceActions::nextAttention() {
  Document& doc = editor_.document();
  if (!doc.isOpen()) return std::nullopt;
  stopPlayback();
  QPointer<QProgressDialog> progress = longEditProgress(
      tr("Looking for the next frame needing attention..."), static_cast<int>(doc.frameCount()));
  const auto hit = findNextAttention(doc, doc.currentFrame(), attention_, &attentionMemo_,
                                     [&](int done, int total) {
                                       if (!progress) return false;
                                       progress->setMaximum(total);
                                       progress->setValue(done);
                                       return !progress->wasCanceled();
                                     });
  if (progress) progress->close();
  if (!hit) {
    emit message(tr("No frame needs attention"));
    return hit;
  }
  nav_.goTo(hit->frame);
  emit message(tr("Frame %1%2: %3")
                   .arg(hit->frame + 1)
                   .arg(hit->wrapped ? tr(" (from the start)") : QString())
                   .arg(describeAttention(hit->reasons, doc.objects(hit->frame), attention_)));
  return hit;
}

bool SequenceActions::startPrelabel() {
  runner_->setTrafficSide(editor_.knownTrafficSide());  // nobody told: the run finds it
  if (!runner_->start()) return false;
  Document& doc = editor_.document();
  auto* p = new QProgressDialog(tr("Pre-labelling %n frame(s) in the background...", nullptr,
                                   static_cast<int>(doc.frameCount())),
                                tr("Cancel"), 0, static_cast<int>(doc.frameCount()), &window_);
  p->setObjectName(QStringLiteral("prelabelProgress"));
  p->setWindowModality(Qt::NonModal);
  p->setMinimumDuration(0);
  p->setAutoClose(false);
  p->setAutoReset(false);
  connect(p, &QProgressDialog::canceled, runner_, &PrelabelRunner::cancel);
  p->show();
  prelabelProgress_ = p;
  emit message(tr("Pre-labelling started; keep working, the boxes arrive when it finishes"));
  return true;
}

}  // namespace lidarlabel
