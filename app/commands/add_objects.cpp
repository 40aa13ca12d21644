#include "lidarlabel/app/commands/add_objects.h"

#include "lidarlabel/app/document.h"

namespace lidarlabel {

AddObjectsCommand::AddObjectsCommand(Document& document, std::size_t frame,
                                     std::vector<ObjectAnnotation> objects, const QString& text,
                                     QUndoCommand* parent)
    : QUndoCommand(text, parent),
      document_(document),
      frame_(frame),
      objects_(std::move(objects)) {}

void AddObjectsCommand::redo() {
  for (const ObjectAnnotation& o : objects_) document_.addObject(frame_, o);
}

void AddObjectsCommand::undo() {
  for (auto it = objects_.rbegin(); it != objects_.rend(); ++it)
    document_.removeObject(frame_, it->trackId);
}

}  // namespace lidarlabel
