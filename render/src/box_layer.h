#pragma once
// Private to render/: keyed cuboids drawn as lines, in fixed-size chunks. Each chunk is one
// polydata + actor holding up to kBoxesPerChunk boxes in fixed point slots, so setting or
// removing one box rewrites that box's 30 points and its chunk's line list (at most
// kBoxesPerChunk boxes) and VTK re-uploads that chunk only: the cost of one edit does not grow
// with the number of boxes, and the draw calls stay few (boxes / kBoxesPerChunk).
// Selected boxes live in chunks of their own (thicker lines).
#include <cstdint>
#include <memory>
#include <unordered_map>
#include <vector>

#include <vtkRenderer.h>

#include "lidarlabel/render/scene.h"

namespace lidarlabel::detail {

class BoxLayer {
 public:
  static constexpr int kBoxesPerChunk = 64;

  explicit BoxLayer(vtkRenderer* renderer);
  ~BoxLayer();
  BoxLayer(const BoxLayer&) = delete;
  BoxLayer& operator=(const BoxLayer&) = delete;

  // Adds or replaces the box with this key.
  void set(std::uint64_t key, const CuboidItem& item);
  // False when no box has this key.
  bool remove(std::uint64_t key);
  // Removes every box (chunks are kept, empty and hidden, for reuse).
  void clear();
  std::size_t size() const { return where_.size(); }
  // Line widths in pixels of unselected and selected boxes.
  void setLineWidths(float normal, float selected);
  // Chunks touched (re-filled) since construction; for tests of the "one box, one chunk" rule.
  std::uint64_t chunkUpdates() const { return chunkUpdates_; }

 private:
  struct Chunk;
  struct Slot {
    Chunk* chunk = nullptr;
    int index = 0;
  };
  Chunk* chunkWithRoom(bool selected);
  void rebuildLines(Chunk& chunk);

  vtkRenderer* renderer_;
  std::vector<std::unique_ptr<Chunk>> chunks_;
  std::unordered_map<std::uint64_t, Slot> where_;
  Chunk* hint_[2] = {nullptr, nullptr};  // last chunk with room, per selected-ness
  float widths_[2] = {2.0f, 4.0f};
  std::uint64_t chunkUpdates_ = 0;
};

}  // namespace lidarlabel::detail
