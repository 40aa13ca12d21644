#pragma once
// Undoable write of per-point labels of one frame (brush, lasso, eraser, fill from box, ground,
// consistency fills). It stores only the points that change and their old labels: per segment
// one new (semantic, instance) pair, the indices (4 bytes each) and the old semantic and instance
// (2 + 2 bytes each), so a stroke's record costs 8 bytes per changed point, never a copy of
// the frame. redo() writes the segments in order, undo() restores the old values in reverse
// order (a point written by two segments gets back its value from before the first).
//
// Merging (one undo step per stroke): a command made with continuing = true merges into the
// paint command on top of the stack when that one is on the same document and frame; its
// segments are appended.
#include <QUndoCommand>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace lidarlabel {

class Document;

inline constexpr int kPaintPointsCommandId = 0x4c4c0200;

struct PaintSegment {
  std::uint16_t semantic = 0;  // the new labels of every point of the segment
  std::uint16_t instance = 0;
  std::vector<std::uint32_t> indices;
  std::vector<std::uint16_t> oldSemantic, oldInstance;  // one per index
};

class PaintPointsCommand : public QUndoCommand {
 public:
  PaintPointsCommand(Document& document, std::size_t frame, std::vector<PaintSegment> segments,
                     const QString& text, bool continuing = false, QUndoCommand* parent = nullptr);
  void redo() override;
  void undo() override;
  int id() const override { return kPaintPointsCommandId; }
  bool mergeWith(const QUndoCommand* other) override;

  std::size_t frame() const { return frame_; }
  const std::vector<PaintSegment>& segments() const { return segments_; }
  // Points written (a point in two segments counts twice).
  std::size_t pointCount() const;
  // Heap bytes held by the record (the vectors' capacities).
  std::size_t memoryBytes() const;

 private:
  Document& document_;
  std::size_t frame_;
  std::vector<PaintSegment> segments_;
  bool continuing_;
};

}  // namespace lidarlabel
