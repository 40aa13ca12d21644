#pragma once
// The object list panel: the current frame's objects with class, id, provenance, points inside
// and review state. It follows the document's events row by row (an edit updates one row); a
// click selects (Ctrl/Shift extend) and asks the window to focus the camera on the object.
// Points inside are counted once per frame for all boxes, then per edited box.
#include <QWidget>
#include <map>
#include <memory>

#include "lidarlabel/app/document.h"

class QTableWidget;

namespace lidarlabel {

class ObjectList : public QWidget {
  Q_OBJECT
 public:
  enum Column { ColClass, ColId, ColProvenance, ColPoints, ColReview, ColumnCount };

  explicit ObjectList(Document& document, QWidget* parent = nullptr);
  QTableWidget* table() const { return table_; }
  // Row of an object, -1 when absent.
  int rowOf(ObjectId id) const;

 signals:
  void focusRequested(lidarlabel::ObjectId id);

 private:
  void rebuild();
  void setRow(int row, const ObjectAnnotation& o, const PointCloud* cloud);
  void onAdded(const ObjectsEvent& e);
  void onRemoved(const ObjectsEvent& e);
  void onChanged(const ObjectsEvent& e);
  void showSelection();
  void takeSelection();
  std::shared_ptr<const PointCloud> cloud();

  Document& doc_;
  QTableWidget* table_ = nullptr;
  bool syncing_ = false;  // true while the table is being set from the document
};

}  // namespace lidarlabel
