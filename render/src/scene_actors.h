#pragma once
// Private to render/: the VTK pipeline shared by SceneView and renderOffscreen. One renderer with
// a point actor (reused arrays), keyed box chunks (box_layer.h) and a 2D overlay (overlay.h).
#include <cstdint>
#include <vector>

#include <vtkActor.h>
#include <vtkCamera.h>
#include <vtkCellArray.h>
#include <vtkFloatArray.h>
#include <vtkIdTypeArray.h>
#include <vtkMatrix4x4.h>
#include <vtkNew.h>
#include <vtkPoints.h>
#include <vtkPolyData.h>
#include <vtkPolyDataMapper.h>
#include <vtkRenderer.h>
#include <vtkUnsignedCharArray.h>

#include "box_layer.h"
#include "lidarlabel/core/point_cloud.h"
#include "lidarlabel/render/orbit_camera.h"
#include "lidarlabel/render/scene.h"
#include "overlay.h"

namespace lidarlabel::detail {

// A polydata + mapper + actor drawn unlit with per-point/per-cell RGB colours.
struct UnlitLayer {
  vtkNew<vtkPoints> points;
  vtkNew<vtkUnsignedCharArray> colors;
  vtkNew<vtkCellArray> cells;
  vtkNew<vtkPolyData> poly;
  vtkNew<vtkPolyDataMapper> mapper;
  vtkNew<vtkActor> actor;
  UnlitLayer();
};

class SceneActors {
 public:
  SceneActors();
  vtkRenderer* renderer() { return renderer_; }

  // Copies the cloud into the VTK arrays; reallocates only when the point count changes.
  void setCloud(const PointCloud& cloud, const std::vector<std::uint8_t>& rgb);
  // Colours only; false when rgb does not match the current point count.
  bool setColors(const std::vector<std::uint8_t>& rgb);
  void clearCloud();
  std::size_t pointCount() const { return pointCount_; }
  // Interleaved xyz of the current cloud (3 floats per point), as uploaded.
  const float* xyz() const;
  // Replaces every box (keys 0..n-1).
  void setCuboids(const std::vector<CuboidItem>& items);
  BoxLayer& boxes() { return boxes_; }
  const BoxLayer& boxes() const { return boxes_; }
  OverlayLayer& overlay() { return overlay_; }
  void setStyle(const SceneStyle& style);
  void applyCamera(const OrbitCamera& camera);

 private:
  vtkNew<vtkRenderer> renderer_;
  UnlitLayer cloud_;
  BoxLayer boxes_{renderer_};
  OverlayLayer overlay_{renderer_};
  vtkNew<vtkIdTypeArray> vertexOffsets_, vertexIds_;
  std::size_t pointCount_ = 0;
};

// Applies an OrbitCamera to a vtkCamera (position, focal point, up, angle, projection).
void applyOrbitCamera(const OrbitCamera& c, vtkCamera* camera);
// vtkMatrix4x4 -> Eigen (row-major copy).
Eigen::Matrix4d toEigen(vtkMatrix4x4* m);

}  // namespace lidarlabel::detail
