#pragma once
// The object list panel: the current frame's objects with class, id, provenance, points inside
// and review state. It follows the document's events row by row (an edit updates one row); a
// click selects (Ctrl/Shift extend) and asks the window to focus the camera on the object.
// Points inside are counted once per frame for all boxes, then per edited box.
// Review: the Review column shows each box's review progress (review_queue.h: "unreviewed",
// "rejected", "reviewer \u2713", ...). Filters (checkable buttons above the table, combined
// with AND) hide the other rows: only rejected, only automatic (a tool's box: automatic,
// tracked or interpolated), only unreviewed (waiting for a decision at the review level; any
// level: not done and not rejected), only with findings (named by a label-check finding).
#include <QWidget>
#include <map>
#include <memory>
#include <set>

#include "lidarlabel/app/document.h"
#include "lidarlabel/app/review_queue.h"

class QTableWidget;
class QToolButton;

namespace lidarlabel {

class ObjectList : public QWidget {
  Q_OBJECT
 public:
  enum Column { ColClass, ColId, ColProvenance, ColPoints, ColReview, ColumnCount };

  explicit ObjectList(Document& document, QWidget* parent = nullptr);
  QTableWidget* table() const { return table_; }
  // Row of an object, -1 when absent.
  int rowOf(ObjectId id) const;

  enum Filter { OnlyRejected, OnlyAutomatic, OnlyUnreviewed, OnlyWithFindings, FilterCount };
  QToolButton* filterButton(Filter f) const { return filters_[f]; }
  void setFilter(Filter f, bool on);
  // The level "unreviewed" refers to (the review dock's level; nullopt = any).
  void setReviewLevel(ReviewLevel level);
  // The objects label-check findings name, per frame (the Check results dock's last run).
  void setFlagged(std::map<std::size_t, std::set<ObjectId>> flagged);
  // Rows shown (not filtered out).
  int visibleRows() const;

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
  void applyFilters();
  bool passes(const ObjectAnnotation& o) const;
  std::shared_ptr<const PointCloud> cloud();

  Document& doc_;
  QTableWidget* table_ = nullptr;
  bool syncing_ = false;  // true while the table is being set from the document
  QToolButton* filters_[FilterCount] = {};
  ReviewLevel level_;
  std::map<std::size_t, std::set<ObjectId>> flagged_;
};

}  // namespace lidarlabel
