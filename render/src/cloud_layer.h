#pragma once
// Private to render/: the point cloud as VTK sees it. Points keep their indices (the VTK point
// array is the cloud in order, for picking). Memory per point of a big sweep (docs/rendering.md):
// - x, y, z are not copied: the layer shares the caller's cloud (shared_ptr) and hands its three
//   vectors to VTK as one structure-of-arrays array (packed only transiently for the upload,
//   points_mapper.h). Only a cloud with non-finite points gets
//   copies of x/y/z, in which those points stand on a finite one (VTK's bounds and culling must
//   stay finite); they are never drawn nor picked.
// - colours: 4 bytes (RGBA, which VTK's mapper uses as they are; RGB would be re-expanded).
// - vertex cells only when something is hidden (visibility mask or non-finite points); with
//   none, PointsMapper draws points 0..n-1 without cells or index buffer.
// A level of detail, a strided subset of at most `lodBudget` drawn points with its own small
// arrays, replaces the full cloud while the camera moves (setMoving), so orbiting a 10M-point
// sweep stays interactive.
#include <cstdint>
#include <memory>
#include <vector>

#include <vtkActor.h>
#include <vtkCellArray.h>
#include <vtkNew.h>
#include <vtkPoints.h>
#include <vtkPolyData.h>
#include <vtkRenderer.h>
#include <vtkSmartPointer.h>
#include <vtkTypeInt32Array.h>
#include <vtkUnsignedCharArray.h>

#include "lidarlabel/core/point_cloud.h"
#include "lidarlabel/render/scene.h"
#include "points_mapper.h"

namespace lidarlabel::detail {

// One drawn point set: points, RGBA colours, optional vertex cells, mapper, unlit actor.
struct PointLayer {
  vtkNew<vtkPoints> points;
  vtkNew<vtkUnsignedCharArray> colors;  // RGBA
  vtkNew<vtkCellArray> cells;           // empty = every point drawn
  vtkNew<vtkTypeInt32Array> offsets, ids;
  vtkNew<vtkPolyData> poly;
  vtkNew<PointsMapper> mapper;
  vtkNew<vtkActor> actor;
  PointLayer();
};

class CloudLayer {
 public:
  explicit CloudLayer(vtkRenderer* renderer);

  // Shares the cloud (kept alive until the next setCloud) and copies the colours (rgb: 3 bytes
  // per point; other sizes draw grey); clears the visibility mask. `progress` is called with
  // (done, total) work units as the cloud is handed over; when it returns false the layer is
  // left empty and setCloud returns false.
  bool setCloud(std::shared_ptr<const PointCloud> cloud, const std::vector<std::uint8_t>& rgb,
                const RenderProgress& progress = {});
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
  // The cloud shown (never null; empty when none).
  const PointCloud& cloud() const { return *cloud_; }
  // One byte per point, non-zero = drawn (finite and not hidden); null when all are drawn.
  const std::uint8_t* mask() const { return drawable_.empty() ? nullptr : drawable_.data(); }

 private:
  bool shareCoordinates(const RenderProgress& progress);
  bool fillColors(const std::vector<std::uint8_t>& rgb, const RenderProgress& progress,
                  std::size_t done, std::size_t total);
  void rebuildCells();
  void rebuildLod();
  void fillLodColors();
  void showActors();

  PointLayer full_, lod_;
  std::shared_ptr<const PointCloud> cloud_;
  std::vector<float> ownX_, ownY_, ownZ_;  // only for clouds with non-finite points
  std::vector<std::uint32_t> lodIndex_;    // cloud index of each LOD point
  std::vector<std::uint8_t> mask_;         // the caller's visibility mask (empty = all)
  std::vector<std::uint8_t> finite_;       // per point; empty when every point is finite
  std::vector<std::uint8_t> drawable_;     // mask_ and finite_ combined; empty when all drawn
  std::size_t n_ = 0, drawn_ = 0, budget_ = 1'500'000;
  bool moving_ = false;
};

}  // namespace lidarlabel::detail
