#pragma once
// The "Disagreements" dock: where the current frame's boxes and point instance labels disagree
// (core findDisagreements), one row per box and kind with its point count. Activating a row
// selects the box and asks the window to focus it (focusRequested). Refreshed after label,
// box and frame changes (coalesced: a brush stroke recomputes it once).
#include <QWidget>

#include "lidarlabel/app/editor.h"

class QLabel;
class QListWidget;
class QListWidgetItem;

namespace lidarlabel {

class DisagreementList : public QWidget {
  Q_OBJECT
 public:
  explicit DisagreementList(Editor& editor, QWidget* parent = nullptr);

  QListWidget* list() const { return list_; }
  // The cases shown now, and the points that disagree in all.
  const std::vector<DisagreementCase>& cases() const { return cases_; }
  std::size_t total() const { return total_; }

 public slots:
  void refresh();
  // Selects the box of the next case (wrapping) and asks for focus.
  void jumpToNext();

 signals:
  void focusRequested();

 private:
  void schedule();
  void activate(int row);

  Editor& editor_;
  QLabel* summary_ = nullptr;
  QListWidget* list_ = nullptr;
  std::vector<DisagreementCase> cases_;
  std::size_t total_ = 0;
  bool pending_ = false;
};

}  // namespace lidarlabel
