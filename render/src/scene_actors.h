#pragma once
// Private to render/: the VTK pipeline shared by SceneView and renderOffscreen. One renderer with
// the point cloud (cloud_layer.h), keyed box chunks (box_layer.h) and a 2D overlay (overlay.h).
#include <array>
#include <cstdint>
#include <vector>

#include <vtkCamera.h>
#include <vtkMatrix4x4.h>
#include <vtkNew.h>
#include <vtkRenderer.h>

#include "box_layer.h"
#include "cloud_layer.h"
#include "lidarlabel/core/point_cloud.h"
#include "lidarlabel/render/orbit_camera.h"
#include "lidarlabel/render/scene.h"
#include "overlay.h"

namespace lidarlabel::detail {

class SceneActors {
 public:
  SceneActors();
  vtkRenderer* renderer() { return renderer_; }

  CloudLayer& cloud() { return cloud_; }
  const CloudLayer& cloud() const { return cloud_; }
  BoxLayer& boxes() { return boxes_; }
  const BoxLayer& boxes() const { return boxes_; }
  OverlayLayer& overlay() { return overlay_; }

  // Replaces every box (keys 0..n-1).
  void setCuboids(const std::vector<CuboidItem>& items);
  void setStyle(const SceneStyle& style);
  void applyCamera(const OrbitCamera& camera);

 private:
  vtkNew<vtkRenderer> renderer_;
  CloudLayer cloud_{renderer_};
  BoxLayer boxes_{renderer_};
  OverlayLayer overlay_{renderer_};
};

// Applies an OrbitCamera to a vtkCamera (position, focal point, up, angle, projection).
void applyOrbitCamera(const OrbitCamera& c, vtkCamera* camera);
// Near and far clipping distances from the eye for a camera with a slab (slabHalfDepth > 0).
std::array<double, 2> slabClippingRange(const OrbitCamera& c);
// vtkMatrix4x4 -> Eigen (row-major copy).
Eigen::Matrix4d toEigen(vtkMatrix4x4* m);

}  // namespace lidarlabel::detail
