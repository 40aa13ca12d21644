#pragma once
// The window's sequence actions (Sequence menu): play / pause, propagate the selected tracks N
// frames (a small dialog asks N), interpolate the selected tracks, next frame needing attention,
// pre-label the sequence in the background, accept the selected boxes, and whole-track
// decisions on the selected tracks (accept, delete, end here, flip heading, apply size, set
// class). Each
// calls the widget-free layer (Editor, findNextAttention, PrelabelRunner) and adds only progress,
// cancel and messages. Long edits (propagate, interpolate) are one undo step each and show a
// progress dialog with Cancel after 0.5 s; pre-labelling runs on a worker thread behind a non-modal
// progress dialog.
#include <QList>
#include <QObject>
#include <QPointer>
#include <QProgressDialog>
#include <optional>

#include "lidarlabel/app/attention.h"
#include "lidarlabel/core/traffic_side.h"

class QAction;
class QDialog;
class QMainWindow;
class QMenu;

namespace lidarlabel {

class Editor;
class FrameNavigator;
class PrelabelRunner;
class Timeline;

class SequenceActions : public QObject {
  Q_OBJECT
 public:
  SequenceActions(QMainWindow& window, Editor& editor, FrameNavigator& navigator,
                  Timeline& timeline, QMenu* menu, const QList<QWidget*>& viewScopes);

  // Propagates the selected tracks `frames` frames forward (Editor::propagate with a progress
  // dialog); returns the boxes written (0 when cancelled: nothing changes).
  int propagate(int frames);
  // Opens the "Propagate N frames" dialog (non-blocking); accepting it propagates.
  QDialog* askPropagate();
  // Interpolates every selected track between its keyframes: one undo step for all.
  int interpolate();
  // Goes to the next frame needing attention (wrapping); nullopt when none (or cancelled).
  std::optional<AttentionHit> nextAttention();
  // Starts pre-labelling the sequence; false when a run is going or nothing is open.
  bool startPrelabel();
  PrelabelRunner& prelabelRunner() { return *runner_; }
  QProgressDialog* prelabelProgress() const { return prelabelProgress_; }
  int propagateFrames() const { return propagateFrames_; }

  // Actions that change annotations (the window disables them while read-only).
  const QList<QAction*>& editActions() const { return editActions_; }

 signals:
  void message(const QString& text);

 private:
  void stopPlayback();
  template <typename Add>
  void addTrackActions(QMenu* menu, const Add& add);
  // Sequence > Traffic side (sequence_traffic.cpp): as the sequence records, right, left, off.
  void addTrafficMenu(QMenu* menu);
  void showRecordedTrafficSide();
  void useDetectedTrafficSide(TrafficSide side);
  QProgressDialog* longEditProgress(const QString& label, int total);

  QMainWindow& window_;
  Editor& editor_;
  FrameNavigator& nav_;
  Timeline& timeline_;
  PrelabelRunner* runner_ = nullptr;
  QPointer<QProgressDialog> prelabelProgress_;
  AttentionConfig attention_;
  AttentionMemo attentionMemo_;
  int propagateFrames_ = 10;
  QList<QAction*> editActions_;
  QAction* trafficRecorded_ = nullptr;  // "As the sequence records (...)"
  bool trafficDetected_ = false;        // the window's side was found by pre-labelling, not chosen
};

}  // namespace lidarlabel
