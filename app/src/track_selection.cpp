#include "lidarlabel/app/track_selection.h"

#include <algorithm>

namespace lidarlabel {

TrackSelection::TrackSelection(Document& document, QObject* parent)
    : QObject(parent), doc_(document) {
  connect(&doc_, &Document::currentFrameChanged, this, &TrackSelection::apply);
  connect(&doc_, &Document::selectionChanged, this, &TrackSelection::onSelectionChanged);
  connect(&doc_, &Document::sequenceChanged, this, [this] {
    tracks_.clear();
    emit tracksChanged();
  });
}

void TrackSelection::setTracks(std::vector<ObjectId> ids) {
  std::vector<ObjectId> unique;
  for (ObjectId id : ids)
    if (std::find(unique.begin(), unique.end(), id) == unique.end()) unique.push_back(id);
  const bool changed = unique != tracks_;
  tracks_ = std::move(unique);
  apply();
  if (changed) emit tracksChanged();
}

void TrackSelection::apply() {
  if (!doc_.isOpen()) return;
  applying_ = true;
  doc_.setSelection(tracks_);  // keeps the ids present in the current frame
  applying_ = false;
}

void TrackSelection::onSelectionChanged() {
  if (applying_ || !doc_.isOpen()) return;
  std::vector<ObjectId> expected;
  for (ObjectId id : tracks_)
    if (doc_.object(doc_.currentFrame(), id)) expected.push_back(id);
  if (doc_.selection() == expected) return;  // a frame change dropped absent tracks: keep them
  tracks_ = doc_.selection();
  emit tracksChanged();
}

}  // namespace lidarlabel
