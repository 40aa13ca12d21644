#include "scene_actors.h"

#include <vtkProperty.h>
#include <algorithm>

namespace lidarlabel::detail {

SceneActors::SceneActors() {
  setStyle(SceneStyle{});
}

void SceneActors::setCuboids(const std::vector<CuboidItem>& items) {
  boxes_.clear();
  for (std::size_t i = 0; i < items.size(); ++i) boxes_.set(i, items[i]);
}

void SceneActors::setStyle(const SceneStyle& style) {
  cloud_.setPointSize(style.pointSize);
  cloud_.setLodBudget(style.lodPoints);
  boxes_.setLineWidths(style.boxLineWidth, style.selectedLineWidth);
  renderer_->SetBackground(style.background.r / 255.0, style.background.g / 255.0,
                           style.background.b / 255.0);
  renderer_->SetBackgroundAlpha(1.0);  // opaque: Qt composes the widget with this alpha
}

void SceneActors::applyCamera(const OrbitCamera& camera) {
  applyOrbitCamera(camera, renderer_->GetActiveCamera());
  if (camera.slabHalfDepth > 0)
    renderer_->GetActiveCamera()->SetClippingRange(slabClippingRange(camera).data());
  else
    renderer_->ResetCameraClippingRange();
}

void applyOrbitCamera(const OrbitCamera& c, vtkCamera* camera) {
  const Eigen::Vector3d eye = eyePosition(c), up = viewUp(c);
  camera->SetFocalPoint(c.target.data());
  camera->SetPosition(eye.data());
  camera->SetViewUp(up.data());
  camera->SetViewAngle(c.viewAngleDeg);
  camera->SetParallelProjection(c.parallel);
  camera->SetParallelScale(halfViewHeight(c));
}

std::array<double, 2> slabClippingRange(const OrbitCamera& c) {
  return {std::max(1e-3, c.distance - c.slabHalfDepth), c.distance + c.slabHalfDepth};
}

Eigen::Matrix4d toEigen(vtkMatrix4x4* m) {
  Eigen::Matrix4d out;
  for (int r = 0; r < 4; ++r)
    for (int col = 0; col < 4; ++col) out(r, col) = m->GetElement(r, col);
  return out;
}

}  // namespace lidarlabel::detail
