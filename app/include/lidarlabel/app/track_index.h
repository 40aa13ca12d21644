#pragma once
// Per-track summaries of a sequence (widget-free): for every track id, the frames it is in with
// each box's class and provenance. Built once from the sequence, then kept current from the
// document's typed events by re-reading only the (frame, id) pairs an event names, so an edit
// costs O(ids in the event), not a rebuild.
#include <array>
#include <cstddef>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "lidarlabel/app/document.h"

namespace lidarlabel {

struct TrackSummary {
  struct Box {
    std::string className;
    Provenance provenance = Provenance::Manual;
  };
  std::map<std::size_t, Box> frames;  // frame -> that frame's box of the track

  std::size_t count() const { return frames.size(); }
  std::size_t firstFrame() const { return frames.begin()->first; }
  std::size_t lastFrame() const { return frames.rbegin()->first; }
  // The class of most of its boxes (ties: the alphabetically first); "" when empty.
  std::string className() const;
  // Boxes per Provenance value (index = static_cast<int>(Provenance)).
  std::array<std::size_t, 4> provenanceCounts() const;
  // The track's frame nearest to `frame` (the earlier one on a tie); requires count() > 0.
  std::size_t nearestFrame(std::size_t frame) const;
};

class TrackIndex {
 public:
  void rebuild(const Sequence& sequence);
  // Re-reads these ids of one frame from the sequence; returns the ids whose summary changed
  // (a track with no box left is removed from tracks()).
  std::vector<ObjectId> update(const Sequence& sequence, std::size_t frame,
                               const std::vector<ObjectId>& ids);
  const std::map<ObjectId, TrackSummary>& tracks() const { return tracks_; }
  const TrackSummary* track(ObjectId id) const;
  // Per frame of the sequence: true when any of these tracks has a box there.
  std::vector<bool> presence(const std::vector<ObjectId>& ids, std::size_t frameCount) const;

 private:
  std::map<ObjectId, TrackSummary> tracks_;
};

// The ids an event touches (ids and, for a renumbering, oldIds), each once.
std::vector<ObjectId> touchedIds(const ObjectsEvent& event);

}  // namespace lidarlabel
