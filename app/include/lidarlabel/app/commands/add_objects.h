#pragma once
// Undoable addition of objects to one frame (create, duplicate). redo() appends them in order,
// undo() removes them again. The objects' track ids must be free in that frame (the Editor picks
// them; Document::addObject throws otherwise). Selection is the caller's business.
#include <QUndoCommand>
#include <cstddef>
#include <vector>

#include "lidarlabel/core/annotation.h"

namespace lidarlabel {

class Document;

class AddObjectsCommand : public QUndoCommand {
 public:
  AddObjectsCommand(Document& document, std::size_t frame, std::vector<ObjectAnnotation> objects,
                    const QString& text, QUndoCommand* parent = nullptr);
  void redo() override;
  void undo() override;

  std::size_t frame() const { return frame_; }
  const std::vector<ObjectAnnotation>& objects() const { return objects_; }

 private:
  Document& document_;
  std::size_t frame_;
  std::vector<ObjectAnnotation> objects_;
};

}  // namespace lidarlabel
