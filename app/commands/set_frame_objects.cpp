#include "lidarlabel/app/commands/set_frame_objects.h"

#include "lidarlabel/app/document.h"

namespace lidarlabel {

SetFrameObjectsCommand::SetFrameObjectsCommand(Document& document, std::size_t frame,
                                               std::vector<ObjectAnnotation> objects,
                                               const QString& text)
    : QUndoCommand(text),
      document_(document),
      frame_(frame),
      before_(document.objects(frame)),
      after_(std::move(objects)) {}

void SetFrameObjectsCommand::redo() {
  document_.setObjects(frame_, after_);
}
void SetFrameObjectsCommand::undo() {
  document_.setObjects(frame_, before_);
}

}  // namespace lidarlabel
