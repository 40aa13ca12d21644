#pragma once
// Undoable removal of objects from one frame (delete). Stores each removed object with its index,
// so undo() puts every one back exactly where it was in the frame's list. Ids the frame does not
// hold when the command is made are ignored (isEmpty() tells whether anything is left to do).
#include <QUndoCommand>
#include <cstddef>
#include <utility>
#include <vector>

#include "lidarlabel/app/document.h"

namespace lidarlabel {

class RemoveObjectsCommand : public QUndoCommand {
 public:
  RemoveObjectsCommand(Document& document, std::size_t frame, const std::vector<ObjectId>& ids,
                       const QString& text, QUndoCommand* parent = nullptr);
  void redo() override;
  void undo() override;

  bool isEmpty() const { return ids_.empty(); }
  std::size_t count() const { return ids_.size(); }

 private:
  Document& document_;
  std::size_t frame_;
  std::vector<ObjectId> ids_;  // present in the frame, each once, in removal order
  // Filled by redo(), in removal order: the index each object had when it was removed.
  std::vector<std::pair<std::size_t, ObjectAnnotation>> removed_;
};

}  // namespace lidarlabel
