#pragma once
// The window's reviewer mode (Review menu; docs/review.md): the Review dock (ReviewPanel), the
// Check results dock (CheckResults over a CheckRunner), the active annotation time recorder, and
// the keys: reject the selected boxes, accept / reject the frame, next / previous finding, next
// / previous frame needing review at the review level, next box needing review, check now.
// Each calls the widget-free layer (Editor, review_queue.h, CheckRunner) and adds only messages.
#include <QList>
#include <QObject>
#include <QString>

class QAction;
class QMainWindow;
class QMenu;
class QWidget;

namespace lidarlabel {

class ActiveTimeRecorder;
class CheckResults;
class CheckRunner;
class Editor;
class FrameNavigator;
class ObjectList;
class ReviewPanel;

class ReviewActions : public QObject {
  Q_OBJECT
 public:
  // viewScopes: the widgets whose focus makes the view-scoped keys (Shift+A) work.
  ReviewActions(QMainWindow& window, Editor& editor, FrameNavigator& navigator, ObjectList& objects,
                QMenu* menu, const QList<QWidget*>& viewScopes);

  ReviewPanel* panel() const { return panel_; }
  CheckResults* checkResults() const { return results_; }
  CheckRunner& checkRunner() const { return *runner_; }
  ActiveTimeRecorder& activeTime() const { return *recorder_; }

  // Next / previous frame needing review at the review level (wrapping); false when none.
  bool stepReviewFrame(int direction);
  // Selects the next box needing review (possibly in a later frame); false when none.
  bool nextReviewObject();

  // Actions that change annotations (the window disables them while read-only).
  const QList<QAction*>& editActions() const { return editActions_; }

 signals:
  void message(const QString& text);
  void focusRequested();

 private:
  QString levelName() const;

  Editor& editor_;
  FrameNavigator& nav_;
  ObjectList& objects_;
  ReviewPanel* panel_ = nullptr;
  CheckRunner* runner_ = nullptr;
  CheckResults* results_ = nullptr;
  ActiveTimeRecorder* recorder_ = nullptr;
  QList<QAction*> editActions_;
  QMetaObject::Connection pendingSelect_;
};

}  // namespace lidarlabel
