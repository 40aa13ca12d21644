// Editor: whole-track edits (a track = every box with one track id, in every frame). A person
// selects a track (track list, or a box of it) and decides once for all its frames: delete a
// false track, accept a good one, give it one class or the size of the box just corrected (a
// rigid object has one size). Each call is one undo step: one child command per frame written,
// under one parent command.
#include <cmath>
#include <functional>
#include <memory>

#include "lidarlabel/app/commands/put_objects.h"
#include "lidarlabel/app/commands/remove_objects.h"
#include "lidarlabel/app/editor.h"
#include "lidarlabel/core/interpolation.h"

namespace lidarlabel {

namespace {

// Every frame's boxes of these tracks, each after edit(box); frames where edit leaves all as they
// were add nothing. Returns the number of boxes written and pushes one step when any changed.
int putOnTracks(Document& document, const std::vector<ObjectId>& ids, const QString& text,
                const std::function<bool(ObjectAnnotation&)>& edit) {
  if (!document.isOpen()) return 0;
  auto parent = std::make_unique<QUndoCommand>(text);
  int written = 0;
  for (std::size_t f = 0; f < document.frameCount(); ++f) {
    std::vector<ObjectAnnotation> objects;
    for (ObjectId id : ids) {
      const ObjectAnnotation* o = document.object(f, id);
      if (o == nullptr) continue;
      ObjectAnnotation after = *o;
      if (edit(after)) objects.push_back(std::move(after));
    }
    if (objects.empty()) continue;
    auto* child = new PutObjectsCommand(document, f, objects, text, parent.get());
    written += static_cast<int>(child->count());
  }
  if (written > 0) document.undoStack()->push(parent.release());
  return written;
}

}  // namespace

namespace {
int removeFrom(Document& document, const std::vector<ObjectId>& ids, std::size_t first,
               const QString& text) {
  if (!document.isOpen()) return 0;
  auto parent = std::make_unique<QUndoCommand>(text);
  int removed = 0;
  for (std::size_t f = first; f < document.frameCount(); ++f) {
    auto* child = new RemoveObjectsCommand(document, f, ids, parent->text(), parent.get());
    removed += static_cast<int>(child->count());
  }
  if (removed > 0) document.undoStack()->push(parent.release());
  return removed;
}
}  // namespace

int Editor::removeTracks(const std::vector<ObjectId>& ids) {
  return removeFrom(document_, ids, 0, QObject::tr("Delete tracks"));
}

int Editor::endTracks(const std::vector<ObjectId>& ids) {
  return removeFrom(document_, ids, document_.currentFrame(), QObject::tr("End tracks"));
}

int Editor::acceptTracks(const std::vector<ObjectId>& ids) {
  return putOnTracks(document_, ids, QObject::tr("Accept tracks"), [](ObjectAnnotation& o) {
    if (o.provenance == Provenance::Manual) return false;
    o.provenance = Provenance::Manual;
    o.confidence = 1.0f;
    return true;
  });
}

int Editor::setTrackClass(ObjectId id, const std::string& className) {
  if (!document_.isOpen() || !document_.ontology().find(className)) return 0;
  return putOnTracks(document_, {id}, QObject::tr("Set track class"), [&](ObjectAnnotation& o) {
    if (o.className == className) return false;
    o.className = className;
    return true;
  });
}

int Editor::flipTrackHeading(ObjectId id) {
  const std::size_t current = document_.currentFrame();
  const ObjectAnnotation* source = document_.isOpen() ? document_.object(current, id) : nullptr;
  if (source == nullptr) return 0;
  const Sequence& seq = document_.sequence();
  const auto worldHeading = [&](std::size_t f, const Cuboid& box) {
    const Eigen::Vector3d local(std::cos(box.yaw), std::sin(box.yaw), 0.0);
    return Eigen::Vector3d(egoPoseOf(seq, f).linear() * local);
  };
  auto parent = std::make_unique<QUndoCommand>(QObject::tr("Flip track heading"));
  int written = 0;
  const auto flip = [&](std::size_t frame, const ObjectAnnotation& o) {
    ObjectAnnotation after = o;
    after.box = lidarlabel::flipHeading(o.box);
    if (frame == current) after.provenance = Provenance::Manual;
    written += static_cast<int>(
        (new PutObjectsCommand(document_, frame, {after}, parent->text(), parent.get()))->count());
    return worldHeading(frame, after.box);
  };
  // From the flipped box outwards, frame by frame: a box pointing against the track's previous
  // box (world frame, more than 90 deg off) is turned by pi too. Compared with its neighbour, not
  // with the flipped box, so a track that turns (a car at a junction, a walker crossing) keeps its
  // turn. A box within 30 deg of square to its neighbour (a sideways fit) is left as it is and
  // the next box is compared with the neighbour before it.
  constexpr double kSideways = 0.5;  // |cos| of 60 deg
  const Eigen::Vector3d start = flip(current, *source);
  for (const int step : {-1, 1}) {
    Eigen::Vector3d previous = start;
    for (auto frame = static_cast<std::ptrdiff_t>(current) + step;
         frame >= 0 && frame < static_cast<std::ptrdiff_t>(document_.frameCount()); frame += step) {
      const auto f = static_cast<std::size_t>(frame);
      const ObjectAnnotation* o = document_.object(f, id);
      if (o == nullptr) continue;
      const Eigen::Vector3d h = worldHeading(f, o->box);
      const double agree = h.dot(previous);
      if (std::abs(agree) < kSideways) continue;  // turned sideways: neither flipped nor followed
      previous = agree < 0.0 ? flip(f, *o) : h;
    }
  }
  if (written > 0) document_.undoStack()->push(parent.release());
  return written;
}

int Editor::applySizeToTrack(ObjectId id) {
  const ObjectAnnotation* source =
      document_.isOpen() ? document_.object(document_.currentFrame(), id) : nullptr;
  if (source == nullptr) return 0;
  const Eigen::Vector3d size = source->box.size;
  return putOnTracks(document_, {id}, QObject::tr("Apply size to track"), [&](ObjectAnnotation& o) {
    if (o.box.size == size) return false;
    // The bottom stays on the ground: the centre moves up or down by half the height change.
    o.box.center.z() += 0.5 * (size.z() - o.box.size.z());
    o.box.size = size;
    return true;
  });
}

}  // namespace lidarlabel
