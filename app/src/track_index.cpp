#include "lidarlabel/app/track_index.h"

#include <algorithm>

namespace lidarlabel {

std::string TrackSummary::className() const {
  std::map<std::string, std::size_t> counts;
  for (const auto& [frame, box] : frames) ++counts[box.className];
  std::string best;
  std::size_t most = 0;
  for (const auto& [name, n] : counts)
    if (n > most) {
      most = n;
      best = name;
    }
  return best;
}

std::array<std::size_t, 4> TrackSummary::provenanceCounts() const {
  std::array<std::size_t, 4> counts{};
  for (const auto& [frame, box] : frames) ++counts[static_cast<std::size_t>(box.provenance)];
  return counts;
}

std::size_t TrackSummary::nearestFrame(std::size_t frame) const {
  const auto after = frames.lower_bound(frame);
  if (after == frames.begin()) return after->first;
  const auto before = std::prev(after);
  if (after == frames.end()) return before->first;
  return (after->first - frame < frame - before->first) ? after->first : before->first;
}

void TrackIndex::rebuild(const Sequence& sequence) {
  tracks_.clear();
  for (std::size_t f = 0; f < sequence.frames.size(); ++f)
    for (const ObjectAnnotation& o : sequence.frames[f].objects)
      tracks_[o.trackId].frames[f] = {o.className, o.provenance};
}

std::vector<ObjectId> TrackIndex::update(const Sequence& sequence, std::size_t frame,
                                         const std::vector<ObjectId>& ids) {
  std::vector<ObjectId> changed;
  if (frame >= sequence.frames.size()) return changed;
  const auto& objects = sequence.frames[frame].objects;
  for (ObjectId id : ids) {
    const auto o = std::find_if(objects.begin(), objects.end(),
                                [id](const ObjectAnnotation& x) { return x.trackId == id; });
    if (o != objects.end()) {
      const auto [it, inserted] = tracks_[id].frames.try_emplace(frame);
      if (!inserted && it->second.className == o->className &&
          it->second.provenance == o->provenance)
        continue;  // only the geometry changed: the summary stands
      it->second = {o->className, o->provenance};
    } else {
      const auto t = tracks_.find(id);
      if (t == tracks_.end() || !t->second.frames.erase(frame)) continue;
      if (t->second.frames.empty()) tracks_.erase(t);
    }
    changed.push_back(id);
  }
  return changed;
}

const TrackSummary* TrackIndex::track(ObjectId id) const {
  const auto it = tracks_.find(id);
  return it == tracks_.end() ? nullptr : &it->second;
}

std::vector<bool> TrackIndex::presence(const std::vector<ObjectId>& ids,
                                       std::size_t frameCount) const {
  std::vector<bool> out(frameCount, false);
  for (ObjectId id : ids)
    if (const TrackSummary* t = track(id))
      for (const auto& [frame, box] : t->frames)
        if (frame < frameCount) out[frame] = true;
  return out;
}

std::vector<ObjectId> touchedIds(const ObjectsEvent& event) {
  std::vector<ObjectId> ids = event.ids;
  for (ObjectId id : event.oldIds)
    if (std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(id);
  return ids;
}

}  // namespace lidarlabel
