#include "scene_actors.h"

#include <algorithm>
#include <cstring>
#include <numeric>

#include <vtkPointData.h>
#include <vtkProperty.h>

namespace lidarlabel::detail {

UnlitLayer::UnlitLayer() {
  colors->SetNumberOfComponents(3);
  colors->SetName("rgb");
  poly->SetPoints(points);
  mapper->SetInputData(poly);
  mapper->SetColorModeToDirectScalars();  // bytes are used as colours, no lookup table
  mapper->ScalarVisibilityOn();
  actor->SetMapper(mapper);
  vtkProperty* p = actor->GetProperty();
  p->LightingOff();  // exact colours on screen, no shading
  p->SetAmbient(1.0);
  p->SetDiffuse(0.0);
  p->SetSpecular(0.0);
}

SceneActors::SceneActors() {
  cloud_.points->SetDataTypeToFloat();
  cloud_.poly->SetVerts(cloud_.cells);
  cloud_.poly->GetPointData()->SetScalars(cloud_.colors);
  renderer_->AddActor(cloud_.actor);
  setStyle(SceneStyle{});
}

void SceneActors::setCloud(const PointCloud& cloud, const std::vector<std::uint8_t>& rgb) {
  const std::size_t n = cloud.size();
  auto* xyz = vtkFloatArray::SafeDownCast(cloud_.points->GetData());
  if (n != pointCount_) {
    xyz->SetNumberOfTuples(static_cast<vtkIdType>(n));
    cloud_.colors->SetNumberOfTuples(static_cast<vtkIdType>(n));
    // One vertex cell per point: offsets 0..n, connectivity 0..n-1.
    vertexOffsets_->SetNumberOfValues(static_cast<vtkIdType>(n + 1));
    vertexIds_->SetNumberOfValues(static_cast<vtkIdType>(n));
    std::iota(vertexOffsets_->GetPointer(0), vertexOffsets_->GetPointer(0) + n + 1, vtkIdType{0});
    std::iota(vertexIds_->GetPointer(0), vertexIds_->GetPointer(0) + n, vtkIdType{0});
    cloud_.cells->SetData(vertexOffsets_, vertexIds_);
    pointCount_ = n;
  }
  float* dst = xyz->GetPointer(0);
  const float *px = cloud.x.data(), *py = cloud.y.data(), *pz = cloud.z.data();
  for (std::size_t i = 0; i < n; ++i) {
    dst[3 * i] = px[i];
    dst[3 * i + 1] = py[i];
    dst[3 * i + 2] = pz[i];
  }
  xyz->Modified();
  cloud_.points->Modified();
  cloud_.cells->Modified();
  if (!setColors(rgb)) {
    std::fill_n(cloud_.colors->GetPointer(0), 3 * n, std::uint8_t{160});
    cloud_.colors->Modified();
  }
  cloud_.poly->Modified();
}

bool SceneActors::setColors(const std::vector<std::uint8_t>& rgb) {
  if (rgb.size() != 3 * pointCount_) return false;
  if (!rgb.empty()) std::memcpy(cloud_.colors->GetPointer(0), rgb.data(), rgb.size());
  cloud_.colors->Modified();
  cloud_.poly->Modified();
  return true;
}

const float* SceneActors::xyz() const {
  return vtkFloatArray::SafeDownCast(cloud_.points->GetData())->GetPointer(0);
}

void SceneActors::clearCloud() {
  setCloud(PointCloud{}, {});
}

void SceneActors::setCuboids(const std::vector<CuboidItem>& items) {
  boxes_.clear();
  for (std::size_t i = 0; i < items.size(); ++i) boxes_.set(i, items[i]);
}

void SceneActors::setStyle(const SceneStyle& style) {
  cloud_.actor->GetProperty()->SetPointSize(style.pointSize);
  boxes_.setLineWidths(style.boxLineWidth, style.selectedLineWidth);
  renderer_->SetBackground(style.background.r / 255.0, style.background.g / 255.0,
                           style.background.b / 255.0);
  renderer_->SetBackgroundAlpha(1.0);  // opaque: Qt composes the widget with this alpha
}

void SceneActors::applyCamera(const OrbitCamera& camera) {
  applyOrbitCamera(camera, renderer_->GetActiveCamera());
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

Eigen::Matrix4d toEigen(vtkMatrix4x4* m) {
  Eigen::Matrix4d out;
  for (int r = 0; r < 4; ++r)
    for (int col = 0; col < 4; ++col) out(r, col) = m->GetElement(r, col);
  return out;
}

}  // namespace lidarlabel::detail
