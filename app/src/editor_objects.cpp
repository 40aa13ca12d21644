// Editor: object properties (class, track id, attributes, accept) and whole objects (remove,
// duplicate).
#include <algorithm>

#include "lidarlabel/app/commands/add_objects.h"
#include "lidarlabel/app/commands/change_objects.h"
#include "lidarlabel/app/commands/remove_objects.h"
#include "lidarlabel/app/editor.h"

namespace lidarlabel {

bool Editor::setClass(ObjectId id, const std::string& className) {
  // Only the ontology's classes: a stray name would draw grey and export nowhere.
  if (!document_.isOpen() || !document_.ontology().find(className)) return false;
  const ObjectAnnotation* o = document_.object(document_.currentFrame(), id);
  if (!o) return false;
  ObjectAnnotation after = *o;
  after.className = className;
  return change(id, after, ChangeKind::Class, QObject::tr("Set class"), false);
}

bool Editor::setTrackId(ObjectId id, ObjectId newId) {
  if (!document_.isOpen() || newId == 0) return false;
  const std::size_t frame = document_.currentFrame();
  const ObjectAnnotation* o = document_.object(frame, id);
  if (!o) return false;
  if (newId == id) return true;
  if (document_.object(frame, newId)) return false;  // taken: ids are unique within a frame
  ObjectAnnotation after = *o;
  after.trackId = newId;
  return change(id, after, ChangeKind::TrackId, QObject::tr("Set track id"), false);
}

bool Editor::setAttribute(ObjectId id, const std::string& key, const std::string& value) {
  if (key.empty() || !document_.isOpen()) return false;
  const ObjectAnnotation* o = document_.object(document_.currentFrame(), id);
  if (!o) return false;
  ObjectAnnotation after = *o;
  if (value.empty())
    after.attributes.erase(key);
  else
    after.attributes[key] = value;
  return change(id, after, ChangeKind::Attribute, QObject::tr("Set attribute"), false);
}

bool Editor::accept(ObjectId id) {
  return acceptObjects({id});
}

int Editor::remove(const std::vector<ObjectId>& ids) {
  if (!document_.isOpen()) return 0;
  auto* command = new RemoveObjectsCommand(document_, document_.currentFrame(), ids,
                                           QObject::tr("Delete boxes"));
  const int n = static_cast<int>(command->count());
  if (command->isEmpty()) {
    delete command;
    return 0;
  }
  document_.undoStack()->push(command);
  return n;
}

std::vector<ObjectId> Editor::duplicate(const std::vector<ObjectId>& ids) {
  std::vector<ObjectId> created;
  if (!document_.isOpen()) return created;
  const std::size_t frame = document_.currentFrame();
  std::vector<ObjectAnnotation> copies;
  std::vector<ObjectId> seen;
  for (ObjectId id : ids)
    if (document_.object(frame, id) && std::find(seen.begin(), seen.end(), id) == seen.end())
      seen.push_back(id);
  if (seen.empty()) return created;
  ObjectId next = document_.newTrackIds(seen.size());  // a team server hands them out
  seen.clear();
  for (ObjectId id : ids) {
    const ObjectAnnotation* o = document_.object(frame, id);
    if (!o || std::find(seen.begin(), seen.end(), id) != seen.end()) continue;
    seen.push_back(id);
    ObjectAnnotation copy = *o;
    copy.trackId = next++;
    copy.box = lidarlabel::nudgePosition(o->box, BoxAxis::Left, config_.duplicateOffset);
    copy.provenance = Provenance::Manual;
    copy.review = ReviewState::Unreviewed;
    copy.reviewLog = {};
    copy.confidence = 1.0f;
    created.push_back(copy.trackId);
    copies.push_back(std::move(copy));
  }
  if (copies.empty()) return created;
  document_.undoStack()->push(
      new AddObjectsCommand(document_, frame, std::move(copies), QObject::tr("Duplicate boxes")));
  document_.setSelection(created);
  return created;
}

}  // namespace lidarlabel
