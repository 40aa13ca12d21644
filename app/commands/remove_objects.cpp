#include "lidarlabel/app/commands/remove_objects.h"

#include <algorithm>

namespace lidarlabel {

RemoveObjectsCommand::RemoveObjectsCommand(Document& document, std::size_t frame,
                                           const std::vector<ObjectId>& ids, const QString& text,
                                           QUndoCommand* parent)
    : QUndoCommand(text, parent), document_(document), frame_(frame) {
  for (ObjectId id : ids)
    if (document.object(frame, id) && std::find(ids_.begin(), ids_.end(), id) == ids_.end())
      ids_.push_back(id);
}

void RemoveObjectsCommand::redo() {
  removed_.clear();
  for (ObjectId id : ids_) {
    std::size_t index = 0;
    ObjectAnnotation o = document_.removeObject(frame_, id, &index);
    removed_.emplace_back(index, std::move(o));
  }
}

void RemoveObjectsCommand::undo() {
  // Reverse removal order: each index is valid again when its object goes back.
  for (auto it = removed_.rbegin(); it != removed_.rend(); ++it)
    document_.addObject(frame_, it->second, it->first);
  removed_.clear();
}

}  // namespace lidarlabel
