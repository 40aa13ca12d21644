// Editor: keyboard nudges of one box or several (the selection) as one undo step per gesture.
#include "lidarlabel/app/commands/change_objects.h"
#include "lidarlabel/app/editor.h"

namespace lidarlabel {

bool Editor::changeBoxes(const std::vector<ObjectId>& ids,
                         const std::function<Cuboid(const Cuboid&)>& edit, ChangeKind kind,
                         const QString& text, bool continuing) {
  if (!document_.isOpen()) return false;
  const std::size_t frame = document_.currentFrame();
  std::vector<ObjectAnnotation> before, after;
  for (ObjectId id : ids) {
    const ObjectAnnotation* o = document_.object(frame, id);
    if (!o) continue;
    // Every known box stays in the command even when this step leaves it as it is (e.g. at its
    // minimum size), so the next auto-repeat starts from exactly these objects and merges.
    before.push_back(*o);
    ObjectAnnotation a = *o;
    a.box = edit(o->box);
    a.provenance = Provenance::Manual;  // a person's edit makes a tool's box the annotator's
    a.confidence = 1.0f;
    after.push_back(std::move(a));
  }
  if (before.empty()) return false;
  if (before == after) return true;  // nothing to do, no undo step
  document_.undoStack()->push(new ChangeObjectsCommand(document_, frame, std::move(before),
                                                       std::move(after), kind, text, continuing));
  return true;
}

bool Editor::nudgePosition(const std::vector<ObjectId>& ids, BoxAxis axis, int steps, StepSize size,
                           bool continuing) {
  const double metres = steps * config_.steps.metres(size);
  return changeBoxes(
      ids, [&](const Cuboid& b) { return lidarlabel::nudgePosition(b, axis, metres); },
      ChangeKind::NudgePosition, QObject::tr("Move box"), continuing);
}

bool Editor::nudgeYaw(const std::vector<ObjectId>& ids, int steps, StepSize size, bool continuing) {
  const double radians = steps * config_.steps.radians(size);
  return changeBoxes(
      ids, [&](const Cuboid& b) { return lidarlabel::nudgeYaw(b, radians); }, ChangeKind::NudgeYaw,
      QObject::tr("Rotate box"), continuing);
}

bool Editor::nudgeSize(const std::vector<ObjectId>& ids, BoxDimension dimension, int steps,
                       StepSize size, bool continuing) {
  const double metres = steps * config_.steps.metres(size);
  return changeBoxes(
      ids, [&](const Cuboid& b) { return lidarlabel::nudgeSize(b, dimension, metres); },
      ChangeKind::NudgeSize, QObject::tr("Resize box"), continuing);
}

bool Editor::nudgePosition(ObjectId id, BoxAxis axis, int steps, StepSize size, bool continuing) {
  return nudgePosition(std::vector<ObjectId>{id}, axis, steps, size, continuing);
}

bool Editor::nudgeYaw(ObjectId id, int steps, StepSize size, bool continuing) {
  return nudgeYaw(std::vector<ObjectId>{id}, steps, size, continuing);
}

bool Editor::nudgeSize(ObjectId id, BoxDimension dimension, int steps, StepSize size,
                       bool continuing) {
  return nudgeSize(std::vector<ObjectId>{id}, dimension, steps, size, continuing);
}

}  // namespace lidarlabel
