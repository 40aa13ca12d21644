#include "lidarlabel/app/commands/put_objects.h"

#include "lidarlabel/app/document.h"

namespace lidarlabel {

PutObjectsCommand::PutObjectsCommand(Document& document, std::size_t frame,
                                     const std::vector<ObjectAnnotation>& objects,
                                     const QString& text, QUndoCommand* parent)
    : QUndoCommand(text, parent), document_(document), frame_(frame) {
  for (const ObjectAnnotation& o : objects) {
    const ObjectAnnotation* current = document.object(frame, o.trackId);
    if (current && *current == o) continue;
    entries_.push_back({current ? std::optional<ObjectAnnotation>(*current) : std::nullopt, o});
  }
}

void PutObjectsCommand::redo() {
  for (const Entry& e : entries_) {
    if (e.before)
      document_.replaceObject(frame_, e.after.trackId, e.after,
                              changedProperties(*e.before, e.after));
    else
      document_.addObject(frame_, e.after);
  }
}

void PutObjectsCommand::undo() {
  for (auto it = entries_.rbegin(); it != entries_.rend(); ++it) {
    if (it->before)
      document_.replaceObject(frame_, it->after.trackId, *it->before,
                              changedProperties(it->after, *it->before));
    else
      document_.removeObject(frame_, it->after.trackId);
  }
}

}  // namespace lidarlabel
