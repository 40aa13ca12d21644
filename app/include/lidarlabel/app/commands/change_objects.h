#pragma once
// Undoable change of some objects of one frame: stores the touched objects before and after
// (nothing else), applies `after` on redo() and `before` on undo(). It computes nothing: the
// Editor passes values that core computed. The change event names exactly these ids and the
// properties that differ (a renumbering: before[i].trackId != after[i].trackId).
//
// Merging (one undo step per gesture, as in Tiled's ChangeValue): id() is the ChangeKind; a
// command made with continuing = true merges into the command on top of the stack when that one
// is of the same kind, on the same frame, and its objects as they are after it are exactly the
// ones this command starts from. The merged step keeps the first `before` and takes the last
// `after`; when the two are equal again the step becomes obsolete and the stack drops it.
#include <QUndoCommand>
#include <cstddef>
#include <vector>

#include "lidarlabel/core/annotation.h"

namespace lidarlabel {

class Document;

// What kind of change a command is; commands merge only with their own kind.
enum class ChangeKind : int {
  SetBox = 0x4c4c0100,  // numeric entry
  NudgePosition,
  NudgeYaw,
  NudgeSize,
  Drag,  // a handle drag (move / rotate / face): begin .. end is one step
  FlipHeading,
  Class,
  TrackId,
  Attribute,
  Accept,   // the annotator's accept: provenance Manual and a review acceptance
  Review,   // a review decision (accept / reject at a level) on some objects
  Comment,  // a review comment on one object
};

class ChangeObjectsCommand : public QUndoCommand {
 public:
  // before[i] and after[i] are one object (same order); before[i] is what the frame holds now.
  ChangeObjectsCommand(Document& document, std::size_t frame, std::vector<ObjectAnnotation> before,
                       std::vector<ObjectAnnotation> after, ChangeKind kind, const QString& text,
                       bool continuing = false, QUndoCommand* parent = nullptr);
  void redo() override;
  void undo() override;
  int id() const override { return static_cast<int>(kind_); }
  bool mergeWith(const QUndoCommand* other) override;

  std::size_t frame() const { return frame_; }
  ChangeKind kind() const { return kind_; }
  const std::vector<ObjectAnnotation>& before() const { return before_; }
  const std::vector<ObjectAnnotation>& after() const { return after_; }

 private:
  static void apply(Document& document, std::size_t frame,
                    const std::vector<ObjectAnnotation>& from,
                    const std::vector<ObjectAnnotation>& to);

  Document& document_;
  std::size_t frame_;
  std::vector<ObjectAnnotation> before_, after_;
  ChangeKind kind_;
  bool continuing_;
};

}  // namespace lidarlabel
