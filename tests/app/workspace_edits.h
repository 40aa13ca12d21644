#pragma once
// The edits the Workspace tests (in-process and the child process) make, so both sides know the
// expected result: frame 0's car moves +1 m in x per step; frame 1's pedestrian is deleted at
// step 2. Every step is one undo command.
#include <QString>
#include <vector>

#include "lidarlabel/app/commands/set_frame_objects.h"
#include "lidarlabel/app/document.h"

namespace lidarlabel::test {

inline void applyWorkspaceEdit(Document& doc, int step) {
  if (step == 2) {
    std::vector<ObjectAnnotation> objects = doc.objects(1);
    objects.pop_back();
    doc.undoStack()->push(new SetFrameObjectsCommand(doc, 1, objects, QStringLiteral("delete")));
    return;
  }
  std::vector<ObjectAnnotation> objects = doc.objects(0);
  objects[0].box.center.x() += 1.0;
  doc.undoStack()->push(new SetFrameObjectsCommand(doc, 0, objects, QStringLiteral("move")));
}

}  // namespace lidarlabel::test
