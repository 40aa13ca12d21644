#include "lidarlabel/app/commands/change_objects.h"

#include <stdexcept>

#include "lidarlabel/app/document.h"

namespace lidarlabel {

ChangeObjectsCommand::ChangeObjectsCommand(Document& document, std::size_t frame,
                                           std::vector<ObjectAnnotation> before,
                                           std::vector<ObjectAnnotation> after, ChangeKind kind,
                                           const QString& text, bool continuing,
                                           QUndoCommand* parent)
    : QUndoCommand(text, parent),
      document_(document),
      frame_(frame),
      before_(std::move(before)),
      after_(std::move(after)),
      kind_(kind),
      continuing_(continuing) {
  if (before_.size() != after_.size())
    throw std::invalid_argument("ChangeObjectsCommand: before and after differ in length");
}

void ChangeObjectsCommand::apply(Document& document, std::size_t frame,
                                 const std::vector<ObjectAnnotation>& from,
                                 const std::vector<ObjectAnnotation>& to) {
  for (std::size_t i = 0; i < from.size(); ++i)
    if (const unsigned p = changedProperties(from[i], to[i]))
      document.replaceObject(frame, from[i].trackId, to[i], p);
}

void ChangeObjectsCommand::redo() {
  apply(document_, frame_, before_, after_);
}
void ChangeObjectsCommand::undo() {
  apply(document_, frame_, after_, before_);
}

bool ChangeObjectsCommand::mergeWith(const QUndoCommand* other) {
  const auto* next = dynamic_cast<const ChangeObjectsCommand*>(other);
  if (!next || !next->continuing_ || next->kind_ != kind_ || next->frame_ != frame_ ||
      &next->document_ != &document_ || after_ != next->before_)
    return false;
  after_ = next->after_;
  setObsolete(before_ == after_);
  return true;
}

}  // namespace lidarlabel
