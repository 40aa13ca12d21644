// Editor: edits over several frames (copy to the next frame, propagate, interpolate). Each is
// one undo step: one PutObjectsCommand per frame written, under one parent command.
#include <algorithm>
#include <memory>

#include "lidarlabel/app/commands/put_objects.h"
#include "lidarlabel/app/editor.h"

namespace lidarlabel {

namespace {

// The current frame's objects with these ids, each once, in the order asked.
std::vector<ObjectAnnotation> objectsWithIds(const Document& document,
                                             const std::vector<ObjectId>& ids) {
  std::vector<ObjectAnnotation> out;
  for (ObjectId id : ids) {
    const ObjectAnnotation* o = document.object(document.currentFrame(), id);
    const bool repeated = std::any_of(out.begin(), out.end(),
                                      [id](const ObjectAnnotation& x) { return x.trackId == id; });
    if (o && !repeated) out.push_back(*o);
  }
  return out;
}

// Seconds of frame f after frame `first`: from the timestamps when both are known, else from the
// frame count at the tracker's default rate.
double secondsSince(const Sequence& s, std::size_t first, std::size_t f, double defaultDt) {
  const auto t0 = s.frames[first].info.timestampUs, t = s.frames[f].info.timestampUs;
  if (t0 != 0 && t != 0 && t >= t0) return static_cast<double>(t - t0) * 1e-6;
  return static_cast<double>(f - first) * defaultDt;
}

// Adds a child to `parent` writing `objects` into `frame`; false when it changes nothing (an
// empty child is harmless: its redo and undo do nothing).
bool addFrameWrite(Document& document, QUndoCommand& parent, std::size_t frame,
                   const std::vector<ObjectAnnotation>& objects) {
  return !(new PutObjectsCommand(document, frame, objects, parent.text(), &parent))->isEmpty();
}

// A track with a box up to kVelocityFrames frames before `first` starts with the velocity
// between its earliest such box and its box in `first` (world frame), not an unknown one: a
// corrected moving object is followed from its first propagated frame on.
constexpr std::size_t kVelocityFrames = 5;
constexpr double kSeededSpeedStd = 0.5;  // m/s

void seedVelocities(TrackerState& state, const Document& document, std::size_t first,
                    double defaultDt) {
  const Sequence& seq = document.sequence();
  const Eigen::Isometry3d poseFirst = egoPoseOf(seq, first);
  for (Track& t : state.tracks) {
    const ObjectAnnotation* now = document.object(first, t.id);
    if (now == nullptr) continue;
    for (std::size_t back = std::min(first, kVelocityFrames); back >= 1; --back) {
      const std::size_t g = first - back;
      const ObjectAnnotation* then = document.object(g, t.id);
      if (then == nullptr) continue;
      const double dt = secondsSince(seq, g, first, defaultDt);
      if (dt <= 0) break;
      Eigen::Vector3d v = (poseFirst * now->box.center - egoPoseOf(seq, g) * then->box.center) / dt;
      v.z() = 0;
      t.filter.x.segment<3>(4) = v;
      t.filter.P.block<3, 3>(4, 4) =
          Eigen::Matrix3d::Identity() * (kSeededSpeedStd * kSeededSpeedStd);
      break;
    }
  }
}

}  // namespace

int Editor::copyToNextFrame(const std::vector<ObjectId>& ids) {
  if (!document_.isOpen()) return 0;
  const std::size_t from = document_.currentFrame(), to = from + 1;
  if (to >= document_.frameCount()) return 0;
  std::vector<ObjectAnnotation> copies = objectsWithIds(document_, ids);
  const auto& poseFrom = document_.sequence().frames[from].info.egoPose;
  const auto& poseTo = document_.sequence().frames[to].info.egoPose;
  if (poseFrom && poseTo) {
    // LiDAR(from) -> world -> LiDAR(to): a parked car stays where it is in the world.
    const Eigen::Isometry3d t = poseTo->inverse() * *poseFrom;
    for (ObjectAnnotation& o : copies) o.box = transformBox(o.box, t);
  }
  auto parent = std::make_unique<QUndoCommand>(QObject::tr("Copy boxes to next frame"));
  if (addFrameWrite(document_, *parent, to, copies)) document_.undoStack()->push(parent.release());
  return static_cast<int>(copies.size());
}

int Editor::propagate(const std::vector<ObjectId>& ids, int frames, const EditProgress& progress) {
  if (!document_.isOpen() || frames <= 0) return 0;
  const Sequence& seq = document_.sequence();
  const std::size_t first = document_.currentFrame();
  const std::size_t last = std::min(seq.size() - 1, first + static_cast<std::size_t>(frames));
  const std::vector<ObjectAnnotation> starts = objectsWithIds(document_, ids);
  if (starts.empty() || last == first) return 0;
  const TrackerConfig& tc = config_.tracker;
  TrackerState state = startTracks(starts, egoPoseOf(seq, first), 0.0, tc);
  seedVelocities(state, document_, first, config_.tracker.defaultDt);
  {  // the re-fit's bias on each object, measured against the person's boxes
    const std::shared_ptr<const PointCloud> cloud = document_.cloud(first);
    const std::shared_ptr<const GroundResult> g = ground(first);
    if (cloud) calibrateTracks(state, *cloud, g.get(), egoPoseOf(seq, first), tc);
  }
  auto parent = std::make_unique<QUndoCommand>(QObject::tr("Propagate boxes"));
  const int total = static_cast<int>(last - first);
  int written = 0;
  bool changes = false;
  for (std::size_t f = first + 1; f <= last && !state.tracks.empty(); ++f) {
    if (progress && !progress(static_cast<int>(f - first - 1), total)) return 0;
    const std::shared_ptr<const PointCloud> cloud = document_.cloud(f);
    const std::shared_ptr<const GroundResult> g = ground(f);
    TrackFrame tf;
    tf.cloud = cloud.get();
    tf.ground = g.get();
    tf.egoPose = egoPoseOf(seq, f);
    tf.time = secondsSince(seq, first, f, tc.defaultDt);
    TrackStepResult step = trackNextFrame(state, tf, tc);
    state = std::move(step.state);
    for (ObjectAnnotation& o : step.objects) {
      o.provenance = Provenance::Tracked;
      o.review = ReviewState::Unreviewed;
      o.reviewLog = {};  // a tracked box is a new box: earlier decisions were about another
    }
    written += static_cast<int>(step.objects.size());
    changes = addFrameWrite(document_, *parent, f, step.objects) || changes;
  }
  if (progress && !progress(total, total)) return 0;
  if (changes) document_.undoStack()->push(parent.release());
  return written;
}

int Editor::interpolate(ObjectId id) {
  if (!document_.isOpen()) return 0;
  const std::vector<Keyframe> boxes =
      interpolateTrack(document_.sequence(), id, config_.interpolation);
  auto parent = std::make_unique<QUndoCommand>(QObject::tr("Interpolate track"));
  bool changes = false;
  for (const Keyframe& k : boxes) {
    ObjectAnnotation o = k.object;
    o.trackId = id;
    changes = addFrameWrite(document_, *parent, k.frame, {o}) || changes;
  }
  if (changes) document_.undoStack()->push(parent.release());
  return static_cast<int>(boxes.size());
}

}  // namespace lidarlabel
