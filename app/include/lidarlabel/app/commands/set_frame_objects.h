#pragma once
// Undoable replacement of one frame's objects. The generic edit every box tool can use until it
// needs a finer-grained command. One QUndoCommand per file in app/commands/.
#include <QUndoCommand>
#include <vector>

#include "lidarlabel/core/annotation.h"

namespace lidarlabel {

class Document;

class SetFrameObjectsCommand : public QUndoCommand {
 public:
  SetFrameObjectsCommand(Document& document, std::size_t frame,
                         std::vector<ObjectAnnotation> objects, const QString& text);
  void redo() override;
  void undo() override;

 private:
  Document& document_;
  std::size_t frame_;
  std::vector<ObjectAnnotation> before_, after_;
};

}  // namespace lidarlabel
