#include "scene_actors.h"

#include <algorithm>
#include <cstring>
#include <limits>
#include <numeric>

#include <vtkCellData.h>
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
  for (UnlitLayer* l : {&boxes_, &selected_}) {
    l->points->SetDataTypeToDouble();
    l->poly->SetLines(l->cells);
    l->poly->GetCellData()->SetScalars(l->colors);
    l->mapper->SetScalarModeToUseCellData();
  }
  renderer_->AddActor(cloud_.actor);
  renderer_->AddActor(boxes_.actor);
  renderer_->AddActor(selected_.actor);
  setStyle(SceneStyle{});
}

void SceneActors::setCloud(const PointCloud& cloud, const std::vector<std::uint8_t>& rgb) {
  const std::size_t n = cloud.size();
  auto* xyz = vtkFloatArray::SafeDownCast(cloud_.points->GetData());
  if (n != pointCount_) {
    xyz->SetNumberOfTuples(static_cast<vtkIdType>(n));
    cloud_.colors->SetNumberOfTuples(static_cast<vtkIdType>(n));
    pointCount_ = n;
  }
  // One vertex cell per point with a return. No-return points (NaN / Inf) keep their slot in the
  // point array, so indices stay those of the cloud (picking, colours), but get no cell: they are
  // never drawn and stay out of the cell bounds VTK renders with. The cells are rebuilt only when
  // they are not already 0..n-1 or the cloud has no-returns.
  const std::size_t returns = n - countNonFinite(cloud);
  const vtkIdType oldCells = vertexIds_->GetNumberOfValues();
  const bool identity = static_cast<std::size_t>(oldCells) == n &&
                        (n == 0 || vertexIds_->GetValue(oldCells - 1) == oldCells - 1);
  if (returns != n || !identity) {
    vertexOffsets_->SetNumberOfValues(static_cast<vtkIdType>(returns + 1));
    vertexIds_->SetNumberOfValues(static_cast<vtkIdType>(returns));
    std::iota(vertexOffsets_->GetPointer(0), vertexOffsets_->GetPointer(0) + returns + 1,
              vtkIdType{0});
    vtkIdType* ids = vertexIds_->GetPointer(0);
    for (std::size_t i = 0; i < n; ++i)
      if (isFinitePoint(cloud, i)) *ids++ = static_cast<vtkIdType>(i);
    cloud_.cells->SetData(vertexOffsets_, vertexIds_);
  }
  float* dst = xyz->GetPointer(0);
  const float *px = cloud.x.data(), *py = cloud.y.data(), *pz = cloud.z.data();
  for (std::size_t i = 0; i < n; ++i) {
    dst[3 * i] = px[i];
    dst[3 * i + 1] = py[i];
    dst[3 * i + 2] = pz[i];
  }
  // An infinite coordinate, even of a point no cell draws, spoils VTK's point bounds (camera
  // clipping range, coordinate shift): nothing is drawn. Uploaded as NaN, which VTK skips.
  if (returns != n) {
    constexpr float kNaN = std::numeric_limits<float>::quiet_NaN();
    for (std::size_t i = 0; i < n; ++i)
      if (!isFinitePoint(cloud, i)) dst[3 * i] = dst[3 * i + 1] = dst[3 * i + 2] = kNaN;
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

namespace {
void fillLines(UnlitLayer& layer, const std::vector<const CuboidItem*>& items) {
  const vtkIdType nSeg = static_cast<vtkIdType>(items.size()) * kSegmentsPerCuboid;
  layer.points->SetNumberOfPoints(2 * nSeg);
  layer.colors->SetNumberOfTuples(nSeg);
  layer.cells->Reset();
  vtkIdType s = 0;
  for (const CuboidItem* item : items) {
    for (const auto& [a, b] : cuboidSegments(item->box)) {
      layer.points->SetPoint(2 * s, a.data());
      layer.points->SetPoint(2 * s + 1, b.data());
      const vtkIdType ids[2] = {2 * s, 2 * s + 1};
      layer.cells->InsertNextCell(2, ids);
      const unsigned char c[3] = {item->color.r, item->color.g, item->color.b};
      layer.colors->SetTypedTuple(s, c);
      ++s;
    }
  }
  layer.points->Modified();
  layer.colors->Modified();
  layer.cells->Modified();
  layer.poly->Modified();
  layer.actor->SetVisibility(nSeg > 0);
}
}  // namespace

void SceneActors::setCuboids(const std::vector<CuboidItem>& items) {
  std::vector<const CuboidItem*> normal, selected;
  for (const CuboidItem& it : items) (it.selected ? selected : normal).push_back(&it);
  fillLines(boxes_, normal);
  fillLines(selected_, selected);
}

void SceneActors::setStyle(const SceneStyle& style) {
  cloud_.actor->GetProperty()->SetPointSize(style.pointSize);
  boxes_.actor->GetProperty()->SetLineWidth(style.boxLineWidth);
  selected_.actor->GetProperty()->SetLineWidth(style.selectedLineWidth);
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
