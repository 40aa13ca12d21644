#include "lidarlabel/app/commands/set_frame_review.h"

#include "lidarlabel/app/document.h"

namespace lidarlabel {

SetFrameReviewCommand::SetFrameReviewCommand(Document& document, std::size_t frame,
                                             ReviewRecord after, const QString& text)
    : QUndoCommand(text),
      document_(document),
      frame_(frame),
      before_(document.sequence().frames.at(frame).review),
      after_(std::move(after)) {}

void SetFrameReviewCommand::redo() {
  document_.setFrameReview(frame_, after_);
}
void SetFrameReviewCommand::undo() {
  document_.setFrameReview(frame_, before_);
}

}  // namespace lidarlabel
