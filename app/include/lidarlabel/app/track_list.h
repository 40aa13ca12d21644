#pragma once
// The track list dock: one row per track of the sequence with its class, id, the frames it is
// in (count and span) and the provenance of its boxes (M manual, I interpolated, T tracked,
// A automatic, with counts). Built from the document once per sequence, then updated row by row
// from the typed events (TrackIndex); a box moved on one frame touches no row at all.
// Selecting rows selects those tracks (TrackSelection: highlighted in every frame they are in);
// when none of them is in the current frame the window goes to the nearest frame with the first.
#include <QWidget>

#include "lidarlabel/app/track_index.h"

class QTableWidget;

namespace lidarlabel {

class TrackSelection;

class TrackList : public QWidget {
  Q_OBJECT
 public:
  enum Column { ColClass, ColId, ColFrames, ColSpan, ColSource, ColumnCount };

  TrackList(Document& document, TrackSelection& selection, QWidget* parent = nullptr);
  QTableWidget* table() const { return table_; }
  const TrackIndex& index() const { return index_; }
  int rowOf(ObjectId id) const;
  // Rows rewritten since the last rebuild (tests: an edit must not rebuild the list).
  std::size_t rowUpdates() const { return rowUpdates_; }

  // "M 2  T 10": the provenance counts of a track, zero counts left out.
  static QString sourceText(const TrackSummary& track);

 signals:
  // The annotator picked a track that is not in the current frame: show this frame.
  void frameRequested(int frame);
  // The index changed (rows added, removed or rewritten).
  void tracksUpdated();

 private:
  void rebuild();
  void onEvent(const ObjectsEvent& e);
  void setRow(int row, ObjectId id, const TrackSummary& track);
  void showSelection();
  void takeSelection();

  Document& doc_;
  TrackSelection& selection_;
  TrackIndex index_;
  QTableWidget* table_ = nullptr;
  bool syncing_ = false;
  std::size_t rowUpdates_ = 0;
};

}  // namespace lidarlabel
