// Editor: construction, the ground cache, selection and the geometry edits (numeric entry,
// flip, handle drags). Nudges: editor_nudge.cpp; creation: editor_create.cpp; properties and
// objects: editor_objects.cpp; multi-frame edits: editor_frames.cpp.
#include "lidarlabel/app/editor.h"

#include <algorithm>
#include <cmath>
#include <numbers>

#include "lidarlabel/app/commands/change_objects.h"
#include "lidarlabel/core/traffic_side.h"

namespace lidarlabel {

struct Editor::DragState {
  std::size_t frame = 0;
  ObjectId id = 0;
  DragKind kind = DragKind::Move;
  BoxFace face = BoxFace::Front;
  Eigen::Vector3d from = Eigen::Vector3d::Zero();
  Cuboid start;
  // The drag's command once pushed (the stack's top while the drag goes on); updates merge into
  // it. Null before the first update, or when the stack dropped it (dragged back to the start).
  const QUndoCommand* command = nullptr;
};

struct Editor::GroundCache {
  struct Entry {
    std::size_t frame = 0;
    std::weak_ptr<const PointCloud> cloud;  // the sweep it was computed from
    std::shared_ptr<const GroundResult> ground;
  };
  std::vector<Entry> entries;  // most recently used last
};

namespace {
EditorConfig withSteps(NudgeSteps steps) {
  EditorConfig c;
  c.steps = steps;
  return c;
}
}  // namespace

Editor::Editor(Document& document, NudgeSteps steps) : Editor(document, withSteps(steps)) {}

Editor::Editor(Document& document, EditorConfig config)
    : document_(document),
      config_(std::move(config)),
      groundCache_(std::make_shared<GroundCache>()),
      reviewer_(defaultReviewerName()) {}

GroundConfig Editor::groundConfig() const {
  if (config_.ground) return *config_.ground;
  return document_.sequence().sweepFormat == "nuscenes-bin" ? groundConfigNuscenes()
                                                            : GroundConfig{};
}

TrafficConfig Editor::trafficConfig() const {
  TrafficConfig traffic = config_.traffic;
  traffic.side =
      trafficChoice_.value_or(trafficSideOf(document_.sequence().metadata, traffic.side));
  return traffic;
}

std::optional<TrafficSide> Editor::knownTrafficSide() const {
  return trafficChoice_ ? trafficChoice_ : recordedTrafficSide(document_.sequence().metadata);
}

std::shared_ptr<const GroundResult> Editor::ground(std::size_t frame) {
  // The default config is the document's: its cache keeps (and prefetches) the ground.
  if (!config_.ground) return document_.ground(frame);
  const std::shared_ptr<const PointCloud> cloud = document_.cloud(frame);
  auto& entries = groundCache_->entries;
  for (auto it = entries.begin(); it != entries.end(); ++it) {
    if (it->frame != frame) continue;
    if (it->cloud.lock() == cloud) {
      std::rotate(it, it + 1, entries.end());  // most recently used last
      return entries.back().ground;
    }
    entries.erase(it);  // the sweep was reloaded or the sequence replaced
    break;
  }
  auto result = std::make_shared<const GroundResult>(removeGround(*cloud, groundConfig()));
  entries.push_back({frame, cloud, result});
  const std::size_t keep = std::max<std::size_t>(1, config_.groundFrames);
  if (entries.size() > keep)
    entries.erase(entries.begin(), entries.begin() + static_cast<long>(entries.size() - keep));
  return result;
}

std::optional<BoxReadout> Editor::readout(ObjectId id) {
  if (!document_.isOpen()) return std::nullopt;
  const ObjectAnnotation* o = document_.object(document_.currentFrame(), id);
  if (!o) return std::nullopt;
  const std::shared_ptr<const PointCloud> cloud = document_.cloud(document_.currentFrame());
  if (!cloud || cloud->empty()) return std::nullopt;
  return boxReadout(*cloud, o->box);
}

void Editor::select(std::vector<ObjectId> ids) {
  document_.setSelection(std::move(ids));
}

bool Editor::change(ObjectId id, const ObjectAnnotation& after, ChangeKind kind,
                    const QString& text, bool continuing) {
  if (!document_.isOpen()) return false;
  const std::size_t frame = document_.currentFrame();
  const ObjectAnnotation* before = document_.object(frame, id);
  if (!before) return false;
  if (*before == after) return true;  // nothing to do, no undo step
  document_.undoStack()->push(
      new ChangeObjectsCommand(document_, frame, {*before}, {after}, kind, text, continuing));
  return true;
}

bool Editor::changeBox(ObjectId id, const Cuboid& box, ChangeKind kind, const QString& text,
                       bool continuing) {
  if (!document_.isOpen()) return false;
  const ObjectAnnotation* before = document_.object(document_.currentFrame(), id);
  if (!before) return false;
  ObjectAnnotation after = *before;
  after.box = box;
  // A person's edit makes a tool's box the annotator's (annotation.h).
  after.provenance = Provenance::Manual;
  after.confidence = 1.0f;
  return change(id, after, kind, text, continuing);
}

bool Editor::setBox(ObjectId id, const Cuboid& box, bool continuing) {
  const bool finite = box.center.allFinite() && box.size.allFinite() && std::isfinite(box.yaw) &&
                      std::isfinite(box.pitch) && std::isfinite(box.roll);
  if (!finite || (box.size.array() < kMinBoxExtent).any()) return false;
  Cuboid b = box;
  if (!(b.yaw >= -std::numbers::pi && b.yaw < std::numbers::pi))
    b.yaw = wrapAngle(b.yaw);  // in range: kept exactly
  return changeBox(id, b, ChangeKind::SetBox, QObject::tr("Set box"), continuing);
}

bool Editor::flipHeading(ObjectId id) {
  const ObjectAnnotation* o = document_.object(document_.currentFrame(), id);
  if (!o) return false;
  return changeBox(id, lidarlabel::flipHeading(o->box), ChangeKind::FlipHeading,
                   QObject::tr("Flip heading"), false);
}

bool Editor::beginDrag(ObjectId id, DragKind kind, const Eigen::Vector3d& from, BoxFace face) {
  drag_.reset();
  if (!document_.isOpen() || !from.allFinite()) return false;
  const ObjectAnnotation* o = document_.object(document_.currentFrame(), id);
  if (!o) return false;
  drag_ = std::make_shared<DragState>();
  *drag_ = {document_.currentFrame(), id, kind, face, from, o->box, nullptr};
  return true;
}

bool Editor::updateDrag(const Eigen::Vector3d& to) {
  if (!drag_ || !to.allFinite()) return false;
  DragState& d = *drag_;
  if (document_.currentFrame() != d.frame || !document_.object(d.frame, d.id)) {
    drag_.reset();  // the frame or the object went away under the drag
    return false;
  }
  Cuboid box;
  switch (d.kind) {
    case DragKind::Move:
      box = dragMove(d.start, d.from, to);
      break;
    case DragKind::Rotate:
      box = dragRotate(d.start, d.from, to);
      break;
    case DragKind::Face:
      box = dragFace(d.start, d.face, d.from, to);
      break;
  }
  QUndoStack* stack = document_.undoStack();
  const int index = stack->index();
  // Merge only into this drag's own command (still on top), never into an earlier gesture.
  const bool continuing = d.command && index > 0 && stack->command(index - 1) == d.command;
  const bool ok = changeBox(d.id, box, ChangeKind::Drag, QObject::tr("Drag box"), continuing);
  if (stack->index() == index + 1)
    d.command = stack->command(index);  // a new step: this drag's
  else if (stack->index() < index)
    d.command = nullptr;  // merged back to the start box: the stack dropped the step
  return ok;
}

void Editor::endDrag() {
  drag_.reset();
}

bool Editor::isDragging() const {
  return drag_ != nullptr;
}

}  // namespace lidarlabel
