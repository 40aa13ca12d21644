#include "lidarlabel/app/commands/paint_points.h"

#include <stdexcept>

#include "lidarlabel/app/document.h"

namespace lidarlabel {

PaintPointsCommand::PaintPointsCommand(Document& document, std::size_t frame,
                                       std::vector<PaintSegment> segments, const QString& text,
                                       bool continuing, QUndoCommand* parent)
    : QUndoCommand(text, parent),
      document_(document),
      frame_(frame),
      segments_(std::move(segments)),
      continuing_(continuing) {
  for (const PaintSegment& s : segments_)
    if (s.oldSemantic.size() != s.indices.size() || s.oldInstance.size() != s.indices.size())
      throw std::invalid_argument("PaintPointsCommand: one old label per index expected");
}

void PaintPointsCommand::redo() {
  for (const PaintSegment& s : segments_)
    document_.setPointLabels(frame_, s.indices, s.semantic, s.instance);
}

void PaintPointsCommand::undo() {
  for (auto it = segments_.rbegin(); it != segments_.rend(); ++it)
    document_.setPointLabels(frame_, it->indices, it->oldSemantic, it->oldInstance);
}

bool PaintPointsCommand::mergeWith(const QUndoCommand* other) {
  const auto* next = dynamic_cast<const PaintPointsCommand*>(other);
  if (!next || !next->continuing_ || next->frame_ != frame_ || &next->document_ != &document_)
    return false;
  segments_.insert(segments_.end(), next->segments_.begin(), next->segments_.end());
  return true;
}

std::size_t PaintPointsCommand::pointCount() const {
  std::size_t n = 0;
  for (const PaintSegment& s : segments_) n += s.indices.size();
  return n;
}

std::size_t PaintPointsCommand::memoryBytes() const {
  std::size_t n = segments_.capacity() * sizeof(PaintSegment);
  for (const PaintSegment& s : segments_)
    n += s.indices.capacity() * sizeof(std::uint32_t) +
         (s.oldSemantic.capacity() + s.oldInstance.capacity()) * sizeof(std::uint16_t);
  return n;
}

}  // namespace lidarlabel
