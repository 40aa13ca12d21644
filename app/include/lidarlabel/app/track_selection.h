#pragma once
// The selection as tracks: the selected track ids follow the annotator across frames. The
// document's selection is per frame (ids absent from a frame drop out of it); this object keeps
// the chosen track ids and, on every frame change, selects those of them present in the new
// frame, so a track selected once is highlighted in every frame it appears in, including frames
// reached after ones where it is absent. A selection change the annotator makes on a frame (a
// click, the object list, a delete) replaces the tracks with exactly that selection.
#include <QObject>
#include <vector>

#include "lidarlabel/app/document.h"

namespace lidarlabel {

class TrackSelection : public QObject {
  Q_OBJECT
 public:
  explicit TrackSelection(Document& document, QObject* parent = nullptr);

  const std::vector<ObjectId>& tracks() const { return tracks_; }
  // Selects these tracks (those present in the current frame become the document's selection).
  void setTracks(std::vector<ObjectId> ids);

 signals:
  void tracksChanged();

 private:
  void apply();
  void onSelectionChanged();

  Document& doc_;
  std::vector<ObjectId> tracks_;
  bool applying_ = false;
};

}  // namespace lidarlabel
