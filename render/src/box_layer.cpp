#include "box_layer.h"

#include <array>
#include <bitset>

#include <vtkActor.h>
#include <vtkCellArray.h>
#include <vtkNew.h>
#include <vtkPointData.h>
#include <vtkPoints.h>
#include <vtkPolyData.h>
#include <vtkPolyDataMapper.h>
#include <vtkProperty.h>
#include <vtkUnsignedCharArray.h>

namespace lidarlabel::detail {

namespace {
constexpr int kPointsPerBox = 2 * kSegmentsPerCuboid;
}

struct BoxLayer::Chunk {
  vtkNew<vtkPoints> points;
  vtkNew<vtkUnsignedCharArray> colors;  // per point (both ends of a segment share a colour)
  vtkNew<vtkCellArray> lines;
  vtkNew<vtkPolyData> poly;
  vtkNew<vtkPolyDataMapper> mapper;
  vtkNew<vtkActor> actor;
  std::bitset<kBoxesPerChunk> used;
  bool selected = false;

  Chunk() {
    points->SetDataTypeToDouble();
    points->SetNumberOfPoints(kBoxesPerChunk * kPointsPerBox);
    for (vtkIdType i = 0; i < points->GetNumberOfPoints(); ++i) points->SetPoint(i, 0, 0, 0);
    colors->SetNumberOfComponents(3);
    colors->SetNumberOfTuples(kBoxesPerChunk * kPointsPerBox);
    colors->FillValue(0);
    poly->SetPoints(points);
    poly->SetLines(lines);
    poly->GetPointData()->SetScalars(colors);
    mapper->SetInputData(poly);
    mapper->SetColorModeToDirectScalars();
    mapper->SetScalarModeToUsePointData();
    mapper->ScalarVisibilityOn();
    actor->SetMapper(mapper);
    vtkProperty* p = actor->GetProperty();
    p->LightingOff();  // exact colours on screen
    p->SetAmbient(1.0);
    p->SetDiffuse(0.0);
    p->SetSpecular(0.0);
    actor->SetVisibility(false);
  }
  bool hasRoom() const { return !used.all(); }
};

BoxLayer::BoxLayer(vtkRenderer* renderer) : renderer_(renderer) {}

BoxLayer::~BoxLayer() {
  for (const auto& c : chunks_) renderer_->RemoveActor(c->actor);
}

BoxLayer::Chunk* BoxLayer::chunkWithRoom(bool selected) {
  // A chunk takes boxes of one kind; an empty chunk can switch kind.
  auto fits = [selected](const Chunk* c) {
    return c && c->hasRoom() && (c->selected == selected || c->used.none());
  };
  Chunk*& hint = hint_[selected ? 1 : 0];
  if (fits(hint)) return hint;
  for (const auto& c : chunks_)
    if (fits(c.get())) return hint = c.get();
  chunks_.push_back(std::make_unique<Chunk>());
  renderer_->AddActor(chunks_.back()->actor);
  return hint = chunks_.back().get();
}

void BoxLayer::rebuildLines(Chunk& chunk) {
  chunk.lines->Reset();
  for (int s = 0; s < kBoxesPerChunk; ++s) {
    if (!chunk.used[s]) continue;
    for (int k = 0; k < kSegmentsPerCuboid; ++k) {
      const vtkIdType a = s * kPointsPerBox + 2 * k;
      const vtkIdType ids[2] = {a, a + 1};
      chunk.lines->InsertNextCell(2, ids);
    }
  }
  chunk.lines->Modified();
  chunk.poly->Modified();
  chunk.actor->SetVisibility(chunk.used.any());
  chunk.actor->GetProperty()->SetLineWidth(widths_[chunk.selected ? 1 : 0]);
  ++chunkUpdates_;
}

void BoxLayer::set(std::uint64_t key, const CuboidItem& item) {
  auto it = where_.find(key);
  if (it != where_.end() && it->second.chunk->selected != item.selected) {
    remove(key);
    it = where_.end();
  }
  Slot slot;
  const bool isNew = it == where_.end();
  if (isNew) {
    slot.chunk = chunkWithRoom(item.selected);
    while (slot.chunk->used[slot.index]) ++slot.index;
    slot.chunk->used.set(slot.index);
    slot.chunk->selected = item.selected;
    where_.emplace(key, slot);
  } else {
    slot = it->second;
  }
  Chunk& c = *slot.chunk;
  const vtkIdType base = slot.index * kPointsPerBox;
  const unsigned char rgb[3] = {item.color.r, item.color.g, item.color.b};
  vtkIdType p = base;
  for (const auto& [a, b] : cuboidSegments(item.box)) {
    c.points->SetPoint(p, a.data());
    c.colors->SetTypedTuple(p++, rgb);
    c.points->SetPoint(p, b.data());
    c.colors->SetTypedTuple(p++, rgb);
  }
  c.points->Modified();
  c.colors->Modified();
  if (isNew) {
    rebuildLines(c);
  } else {
    c.poly->Modified();
    ++chunkUpdates_;
  }
}

bool BoxLayer::remove(std::uint64_t key) {
  const auto it = where_.find(key);
  if (it == where_.end()) return false;
  Chunk& c = *it->second.chunk;
  c.used.reset(it->second.index);
  where_.erase(it);
  rebuildLines(c);
  return true;
}

void BoxLayer::clear() {
  for (const auto& c : chunks_) {
    if (c->used.none()) continue;
    c->used.reset();
    rebuildLines(*c);
  }
  where_.clear();
}

void BoxLayer::setLineWidths(float normal, float selected) {
  widths_[0] = normal;
  widths_[1] = selected;
  for (const auto& c : chunks_) c->actor->GetProperty()->SetLineWidth(widths_[c->selected ? 1 : 0]);
}

}  // namespace lidarlabel::detail
