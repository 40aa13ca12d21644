#pragma once
// The Conflicts list of a server sequence (docs/gui.md): one row per refused commit (a box, the
// points of a frame both sides labelled differently, a frame review), with its frame, the server's
// version ("theirs") and the local one ("mine") side by side, and "Keep mine" (re-commit on the
// server's version) / "Take theirs" for the selected row. Double-clicking a row goes to its frame
// and selects the box. Observes a ServerSync; empty in folder mode.
#include <QPointer>
#include <QWidget>

#include "lidarlabel/app/server_sync.h"

class QLabel;
class QPushButton;
class QTableWidget;

namespace lidarlabel {

// One line describing a box version: class, centre, size, yaw (metres, radians) or "deleted".
QString conflictSideText(const std::optional<ObjectAnnotation>& box);
// Point labels of conflicting points, as counts per class ("12 x car, 3 x road").
QString labelSideText(const PointLabels& labels, const Ontology& ontology);
// A frame review record: decision and comment counts and the last decision.
QString reviewSideText(const ReviewRecord& review);

class ConflictsDock : public QWidget {
  Q_OBJECT
 public:
  explicit ConflictsDock(Document& document, QWidget* parent = nullptr);
  // The connection to observe (null: nothing open on a server).
  void setSync(ServerSync* sync);

  QTableWidget* table() const { return table_; }
  QPushButton* keepMineButton() const { return keepMine_; }
  QPushButton* takeTheirsButton() const { return takeTheirs_; }

 private:
  void rebuild();
  int selectedRow() const;
  void resolve(ServerSync& sync, int row, bool keepMine);

  Document& document_;
  QPointer<ServerSync> sync_;
  QTableWidget* table_ = nullptr;
  QLabel* summary_ = nullptr;
  QPushButton* keepMine_ = nullptr;
  QPushButton* takeTheirs_ = nullptr;
};

}  // namespace lidarlabel
