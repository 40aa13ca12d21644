#pragma once
// Private to render/: the point cloud's VTK arrays. Points keep their indices (the VTK point
// array is the cloud in order, for picking); what is drawn is chosen by the vertex cells: finite
// points the visibility mask does not hide. Non-finite points are stored as a copy of a finite
// one (VTK's bounds and culling must stay finite) and are never in a cell nor picked. A level of
// detail, a strided subset of at most `lodBudget` drawn points with its own small arrays, replaces
// the full cloud while the camera moves (setMoving), so orbiting a 10M-point sweep stays
// interactive.
#include <cstdint>
#include <vector>

#include <vtkNew.h>
#include <vtkRenderer.h>
#include <vtkTypeInt32Array.h>

#include "lidarlabel/core/point_cloud.h"
#include "unlit_layer.h"

namespace lidarlabel::detail {

class CloudLayer {
 public:
  explicit CloudLayer(vtkRenderer* renderer);

  // Copies xyz and colours (rgb: 3 bytes per point; other sizes draw grey) and clears the
  // visibility mask. Arrays are reused at equal counts.
  void setCloud(const PointCloud& cloud, const std::vector<std::uint8_t>& rgb);
  // False (nothing changed) when rgb does not have 3 bytes per point.
  bool setColors(const std::vector<std::uint8_t>& rgb);
  // One byte per point, non-zero = drawn; empty = all. False (ignored) on a size mismatch.
  bool setVisible(std::vector<std::uint8_t> mask);
  void setPointSize(float px);
  // Most points drawn while moving; 0 = never decimate.
  void setLodBudget(std::size_t points);
  // True: draw the level of detail instead of the full cloud (when the cloud exceeds the budget).
  void setMoving(bool moving);
  bool hasLod() const { return !lodIndex_.empty(); }
  std::size_t lodSize() const { return lodIndex_.size(); }

  std::size_t size() const { return n_; }
  std::size_t drawnCount() const { return drawn_; }
  // Interleaved xyz of the cloud as uploaded (3 floats per point, non-finite ones included).
  const float* xyz() const;
  // One byte per point, non-zero = drawn (finite and not hidden); null when all are drawn.
  const std::uint8_t* mask() const { return drawable_.empty() ? nullptr : drawable_.data(); }

 private:
  void rebuildCells();
  void fillLodColors();
  void showActors();

  UnlitLayer full_, lod_;
  vtkNew<vtkTypeInt32Array> offsets_, ids_;  // vertex cells of the full cloud (32-bit)
  vtkNew<vtkTypeInt32Array> lodOffsets_, lodIds_;
  std::vector<std::uint32_t> lodIndex_;  // cloud index of each LOD point
  std::vector<std::uint8_t> mask_;       // the caller's visibility mask (empty = all)
  std::vector<std::uint8_t> finite_;     // per point; empty when every point is finite
  std::vector<std::uint8_t> drawable_;   // mask_ and finite_ combined; empty when all drawn
  std::size_t n_ = 0, drawn_ = 0, budget_ = 1'500'000;
  bool moving_ = false;
};

}  // namespace lidarlabel::detail
