#pragma once
// The Check results dock: the label checks' findings on the open document (CheckRunner: after
// each edit, debounced, on a worker thread; "Check now" on demand; "Points too" adds the
// checks that read the sweeps), one row each: severity, check id, frame, track ids, message.
// Activating a row (double click or Enter) jumps to it: the window goes to its frame (through
// the FrameNavigator, so the window never waits on the disk), selects the objects it names and
// asks the window to frame the camera on them (focusRequested). next() / previous() step
// through the findings (F8 / Shift+F8), wrapping around.
#include <QWidget>
#include <optional>

#include "lidarlabel/app/check_runner.h"

class QCheckBox;
class QLabel;
class QPushButton;
class QTableWidget;

namespace lidarlabel {

class Editor;
class FrameNavigator;

class CheckResults : public QWidget {
  Q_OBJECT
 public:
  enum Column { ColSeverity, ColCheck, ColFrame, ColIds, ColMessage, ColumnCount };

  CheckResults(Editor& editor, FrameNavigator& navigator, CheckRunner& runner,
               QWidget* parent = nullptr);
  QTableWidget* table() const { return table_; }
  QPushButton* runButton() const { return run_; }
  QCheckBox* pointsBox() const { return points_; }
  QLabel* status() const { return status_; }

  // Jumps to the finding of a row (see above); false for a row out of range.
  bool jumpTo(int row);
  // The next / previous finding after the current row (wrapping); false when there is none.
  bool next();
  bool previous();

 signals:
  void focusRequested();

 private:
  void fill();
  void select(const Finding& f);

  Editor& editor_;
  FrameNavigator& nav_;
  CheckRunner& runner_;
  QTableWidget* table_ = nullptr;
  QPushButton* run_ = nullptr;
  QCheckBox* points_ = nullptr;
  QLabel* status_ = nullptr;
  QMetaObject::Connection pendingJump_;
};

}  // namespace lidarlabel
