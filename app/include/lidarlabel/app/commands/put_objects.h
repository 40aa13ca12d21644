#pragma once
// Undoable "write these objects into a frame": an object whose track id the frame already holds
// replaces it, any other is added (copy to the next frame, propagation, interpolation). The
// frame's state is captured when the command is made, so a multi-frame edit builds one child
// per frame under a parent QUndoCommand and pushes the parent: one undo step.
// Objects equal to what the frame holds are left out (no event, nothing to undo).
#include <QUndoCommand>
#include <cstddef>
#include <optional>
#include <vector>

#include "lidarlabel/core/annotation.h"

namespace lidarlabel {

class Document;

class PutObjectsCommand : public QUndoCommand {
 public:
  PutObjectsCommand(Document& document, std::size_t frame,
                    const std::vector<ObjectAnnotation>& objects, const QString& text,
                    QUndoCommand* parent = nullptr);
  void redo() override;
  void undo() override;

  // Nothing to write (every object already there as given).
  bool isEmpty() const { return entries_.empty(); }
  std::size_t count() const { return entries_.size(); }

 private:
  struct Entry {
    std::optional<ObjectAnnotation> before;  // empty: the object is new in this frame
    ObjectAnnotation after;
  };
  Document& document_;
  std::size_t frame_;
  std::vector<Entry> entries_;
};

}  // namespace lidarlabel
