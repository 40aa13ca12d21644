#pragma once
// Rendering a scene without a widget (VTK offscreen window; needs an X display, e.g. Xvfb).
// Used by tests and for screenshots from scripts. Same drawing code as SceneView.
#include <optional>
#include <vector>

#include "lidarlabel/core/point_cloud.h"
#include "lidarlabel/render/orbit_camera.h"
#include "lidarlabel/render/scene.h"

namespace lidarlabel {

struct OffscreenScene {
  const PointCloud* cloud = nullptr;  // may be null (no points)
  std::vector<std::uint8_t> rgb;      // 3 bytes per point, same order as cloud
  std::vector<CuboidItem> cuboids;
  OrbitCamera camera;
  SceneStyle style;
};

// Renders width x height pixels. Throws std::runtime_error if no GL context can be created.
RgbImage renderOffscreen(const OffscreenScene& scene, int width, int height);

// The camera's view-projection matrix for an image of the given aspect (width / height), the
// same matrix the renderer uses (for pickNearestPoint).
Eigen::Matrix4d viewProjectionMatrix(const OrbitCamera& camera, double aspect);

}  // namespace lidarlabel
