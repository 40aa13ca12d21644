#pragma once
// Undoable change of one frame's review record (core/review.h): a decision or a comment on the
// frame. Stores the record before and after; redo() applies `after`, undo() `before` (so undo
// removes the decision). Never merges: each decision is its own undo step.
#include <QUndoCommand>
#include <cstddef>

#include "lidarlabel/core/review.h"

namespace lidarlabel {

class Document;

class SetFrameReviewCommand : public QUndoCommand {
 public:
  // `after` replaces what frame `frame` holds now (read as `before`).
  SetFrameReviewCommand(Document& document, std::size_t frame, ReviewRecord after,
                        const QString& text);
  void redo() override;
  void undo() override;

  std::size_t frame() const { return frame_; }

 private:
  Document& document_;
  std::size_t frame_;
  ReviewRecord before_, after_;
};

}  // namespace lidarlabel
