#include "lidarlabel/app/document.h"

#include <algorithm>
#include <map>
#include <set>
#include <stdexcept>
#include <utility>

#include "lidarlabel/io/ontology_io.h"
#include "lidarlabel/io/sequence_open.h"
#include "lidarlabel/io/sweep_io.h"

namespace lidarlabel {

namespace {
FrameCache::Loader sweepLoader(const Sequence& s) {
  // Captures only what the loader needs, by value, so the cache never dangles.
  std::vector<std::string> paths;
  paths.reserve(s.frames.size());
  for (std::size_t i = 0; i < s.frames.size(); ++i) paths.push_back(s.sweepPathOf(i));
  return [paths = std::move(paths), format = s.sweepFormat](std::size_t i) {
    return readSweep(paths.at(i), format);
  };
}

std::shared_ptr<FrameCache> makeCache(const Sequence& s, std::size_t capacity) {
  const GroundConfig ground =
      s.sweepFormat == "nuscenes-bin" ? groundConfigNuscenes() : GroundConfig{};
  return std::make_shared<FrameCache>(
      sweepLoader(s), capacity, [ground](const PointCloud& c) { return removeGround(c, ground); });
}

std::vector<ObjectAnnotation>::const_iterator findId(const std::vector<ObjectAnnotation>& v,
                                                     ObjectId id) {
  return std::find_if(v.begin(), v.end(),
                      [id](const ObjectAnnotation& o) { return o.trackId == id; });
}

void requireUniqueIds(const std::vector<ObjectAnnotation>& objects, std::size_t frame) {
  std::set<ObjectId> seen;
  for (const ObjectAnnotation& o : objects)
    if (!seen.insert(o.trackId).second)
      throw std::invalid_argument("frame " + std::to_string(frame) + ": track id " +
                                  std::to_string(o.trackId) + " used twice");
}

}  // namespace

unsigned changedProperties(const ObjectAnnotation& a, const ObjectAnnotation& b) {
  unsigned p = 0;
  if (!(a.box == b.box)) p |= kPropBox;
  if (a.className != b.className) p |= kPropClass;
  if (a.trackId != b.trackId) p |= kPropTrackId;
  if (a.attributes != b.attributes) p |= kPropAttributes;
  if (a.provenance != b.provenance || a.confidence != b.confidence) p |= kPropProvenance;
  if (a.review != b.review || !(a.reviewLog == b.reviewLog)) p |= kPropReview;
  return p;
}

Document::Document(DocumentConfig config, QObject* parent)
    : QObject(parent),
      config_(config),
      ontology_(defaultOntology()),
      cache_(makeCache(sequence_, config.cachedFrames)) {
  connect(&undoStack_, &QUndoStack::cleanChanged, this,
          [this](bool clean) { emit modifiedChanged(!clean); });
}

Document::~Document() = default;

void Document::open(const std::string& folder) {
  Sequence s = openSequence(folder, ontology_);  // throws before anything changes
  labelLoader_ = nullptr;                        // a folder: labels and track ids are the files'
  trackIdSource_ = nullptr;
  setSequence(std::move(s), folder);
}

void Document::setSequence(Sequence sequence, std::string folder) {
  for (std::size_t f = 0; f < sequence.frames.size(); ++f)
    requireUniqueIds(sequence.frames[f].objects, f);
  sequence_ = std::move(sequence);
  folder_ = std::move(folder);
  current_ = 0;
  selection_.clear();
  cache_ = makeCache(sequence_, config_.cachedFrames);
  labels_.clear();
  editedLabels_.clear();
  unsavedLabels_.clear();
  undoStack_.clear();
  prefetchAround(0);  // the worker reads frame 1 while the views read frame 0
  emit sequenceChanged();
  emit currentFrameChanged(0);
}

void Document::setOntology(Ontology ontology) {
  ontology_ = std::move(ontology);
  labels_.clear();  // semantic ids are mapped through the ontology
  if (!isOpen()) return;
  ObjectsEvent e{current_, {}, {}, kPropClass, false};
  for (const ObjectAnnotation& o : objects(current_)) e.ids.push_back(o.trackId);
  emit objectsChanged(e);
}

void Document::setCurrentFrame(std::size_t frame, bool keepSelection) {
  if (frameCount() == 0) return;
  frame = std::min(frame, frameCount() - 1);
  if (frame == current_) return;
  current_ = frame;
  std::vector<ObjectId> kept;
  if (keepSelection)
    for (ObjectId id : selection_)
      if (object(frame, id)) kept.push_back(id);
  const bool selectionDiffers = kept != selection_;
  selection_ = std::move(kept);
  prefetchAround(frame);  // the neighbours are read while the views show this frame
  emit currentFrameChanged(static_cast<int>(frame));
  if (selectionDiffers) emit selectionChanged();
}

void Document::stepFrames(long delta) {
  const long last = static_cast<long>(frameCount()) - 1;
  if (last < 0) return;
  setCurrentFrame(
      static_cast<std::size_t>(std::clamp(static_cast<long>(current_) + delta, 0L, last)));
}

std::shared_ptr<const PointCloud> Document::cloud(std::size_t frame) {
  return cache_->get(frame);
}

std::shared_ptr<const GroundResult> Document::ground(std::size_t frame) {
  return cache_->ground(frame);
}

void Document::prefetchAround(std::size_t frame) {
  if (!config_.prefetch || frameCount() == 0) return;
  std::vector<std::size_t> frames;
  if (frame + 1 < frameCount()) frames.push_back(frame + 1);
  if (frame > 0) frames.push_back(frame - 1);
  cache_->prefetch(frames);
}

const std::vector<ObjectAnnotation>& Document::objects(std::size_t frame) const {
  return sequence_.frames.at(frame).objects;
}

const ObjectAnnotation* Document::object(std::size_t frame, ObjectId id) const {
  if (frame >= frameCount()) return nullptr;
  const auto& v = sequence_.frames[frame].objects;
  const auto it = findId(v, id);
  return it == v.end() ? nullptr : &*it;
}

ObjectId Document::unusedTrackId() const {
  return sequence_.maxTrackId() + 1;
}

ObjectId Document::newTrackIds(std::size_t count) {
  trackIdFallback_ = false;
  if (trackIdSource_) {
    try {
      const ObjectId first = trackIdSource_(std::max<std::size_t>(count, 1));
      lastSourcedId_ = first + static_cast<ObjectId>(std::max<std::size_t>(count, 1)) - 1;
      return first;
    } catch (const std::exception&) {
      trackIdFallback_ = true;
      return std::max(unusedTrackId(), lastSourcedId_ + 1);
    }
  }
  return unusedTrackId();
}

void Document::setSelection(std::vector<ObjectId> ids) {
  std::vector<ObjectId> kept;
  for (ObjectId id : ids)
    if (isOpen() && object(current_, id) && std::find(kept.begin(), kept.end(), id) == kept.end())
      kept.push_back(id);
  if (kept == selection_) return;
  selection_ = std::move(kept);
  emit selectionChanged();
}

void Document::addObject(std::size_t frame, ObjectAnnotation o, std::size_t index) {
  auto& v = sequence_.frames.at(frame).objects;
  if (findId(v, o.trackId) != v.end())
    throw std::invalid_argument("frame " + std::to_string(frame) + " already has track id " +
                                std::to_string(o.trackId));
  const ObjectId id = o.trackId;
  v.insert(v.begin() + static_cast<long>(std::min(index, v.size())), std::move(o));
  emit objectsAdded({frame, {id}, {}, kPropAll, false});
}

ObjectAnnotation Document::removeObject(std::size_t frame, ObjectId id, std::size_t* index) {
  auto& v = sequence_.frames.at(frame).objects;
  const auto it = findId(v, id);
  if (it == v.end())
    throw std::out_of_range("frame " + std::to_string(frame) + " has no track id " +
                            std::to_string(id));
  if (index) *index = static_cast<std::size_t>(it - v.begin());
  ObjectAnnotation o = std::move(v[static_cast<std::size_t>(it - v.begin())]);
  v.erase(it);
  emit objectsRemoved({frame, {id}, {}, kPropAll, false});
  if (frame == current_) {
    const auto s = std::find(selection_.begin(), selection_.end(), id);
    if (s != selection_.end()) {
      selection_.erase(s);
      emit selectionChanged();
    }
  }
  return o;
}

void Document::replaceObject(std::size_t frame, ObjectId id, ObjectAnnotation o,
                             unsigned properties) {
  auto& v = sequence_.frames.at(frame).objects;
  const auto it = findId(v, id);
  if (it == v.end())
    throw std::out_of_range("frame " + std::to_string(frame) + " has no track id " +
                            std::to_string(id));
  const ObjectId newId = o.trackId;
  if (newId != id && findId(v, newId) != v.end())
    throw std::invalid_argument("frame " + std::to_string(frame) + " already has track id " +
                                std::to_string(newId));
  v[static_cast<std::size_t>(it - v.begin())] = std::move(o);
  ObjectsEvent e{frame, {newId}, {}, properties, false};
  if (newId != id) {
    e.oldIds = {id};
    e.properties |= kPropTrackId;
    if (frame == current_) std::replace(selection_.begin(), selection_.end(), id, newId);
  }
  emit objectsChanged(e);
}

void Document::setFrameReview(std::size_t frame, ReviewRecord review) {
  sequence_.frames.at(frame).review = std::move(review);
  emit frameReviewChanged(static_cast<int>(frame));
}

void Document::applyRemoteFrameReview(std::size_t frame, ReviewRecord review) {
  sequence_.frames.at(frame).review = std::move(review);
  emit frameReviewChanged(static_cast<int>(frame));
}

void Document::addAnnotationSeconds(std::size_t frame, double seconds) {
  if (frame >= frameCount() || !(seconds > 0.0)) return;
  sequence_.frames[frame].annotationSeconds += seconds;
  emit annotationTimeChanged(static_cast<int>(frame));
}

void Document::setObjects(std::size_t frame, std::vector<ObjectAnnotation> objects) {
  replaceFrameObjects(frame, std::move(objects), false);
}

void Document::applyRemoteObjects(std::size_t frame, std::vector<ObjectAnnotation> objects) {
  replaceFrameObjects(frame, std::move(objects), true);
}

void Document::replaceFrameObjects(std::size_t frame, std::vector<ObjectAnnotation> objects,
                                   bool remote) {
  requireUniqueIds(objects, frame);
  auto& v = sequence_.frames.at(frame).objects;
  std::map<ObjectId, const ObjectAnnotation*> before;
  for (const ObjectAnnotation& o : v) before[o.trackId] = &o;
  ObjectsEvent added{frame, {}, {}, kPropAll, remote}, removed{frame, {}, {}, kPropAll, remote},
      changed{frame, {}, {}, 0, remote};
  for (const ObjectAnnotation& o : objects) {
    const auto it = before.find(o.trackId);
    if (it == before.end()) {
      added.ids.push_back(o.trackId);
    } else {
      if (const unsigned p = changedProperties(*it->second, o)) {
        changed.ids.push_back(o.trackId);
        changed.properties |= p;
      }
      before.erase(it);
    }
  }
  for (const auto& [id, o] : before) removed.ids.push_back(id);
  v = std::move(objects);
  if (!removed.ids.empty()) {
    emit objectsRemoved(removed);
    if (frame == current_) setSelection(selection_);  // drops removed ids
  }
  if (!added.ids.empty()) emit objectsAdded(added);
  if (!changed.ids.empty()) emit objectsChanged(changed);
}

}  // namespace lidarlabel
