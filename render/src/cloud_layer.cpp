#include "cloud_layer.h"

#include <algorithm>
#include <cmath>
#include <cstring>

#include <vtkFloatArray.h>
#include <vtkPointData.h>
#include <vtkProperty.h>

namespace lidarlabel::detail {

namespace {
constexpr std::uint8_t kGrey = 160;

void setupPointLayer(UnlitLayer& l) {
  l.points->SetDataTypeToFloat();
  l.cells->Use32BitStorage();
  l.poly->SetVerts(l.cells);
  l.poly->GetPointData()->SetScalars(l.colors);
}

float* floats(vtkPoints* p) {
  return vtkFloatArray::SafeDownCast(p->GetData())->GetPointer(0);
}

// Vertex cells 0..m-1 (one point each) into 32-bit offsets / connectivity.
void identityCells(vtkTypeInt32Array* offsets, vtkTypeInt32Array* ids, std::size_t m) {
  offsets->SetNumberOfValues(static_cast<vtkIdType>(m + 1));
  ids->SetNumberOfValues(static_cast<vtkIdType>(m));
  std::int32_t* o = offsets->GetPointer(0);
  std::int32_t* c = ids->GetPointer(0);
  for (std::size_t i = 0; i < m; ++i) o[i] = c[i] = static_cast<std::int32_t>(i);
  o[m] = static_cast<std::int32_t>(m);
}
}  // namespace

CloudLayer::CloudLayer(vtkRenderer* renderer) {
  setupPointLayer(full_);
  setupPointLayer(lod_);
  lod_.actor->SetVisibility(false);
  renderer->AddActor(full_.actor);
  renderer->AddActor(lod_.actor);
}

const float* CloudLayer::xyz() const {
  return floats(full_.points);
}

void CloudLayer::setCloud(const PointCloud& cloud, const std::vector<std::uint8_t>& rgb) {
  const std::size_t n = cloud.size();
  if (n != n_) {
    full_.points->SetNumberOfPoints(static_cast<vtkIdType>(n));
    full_.colors->SetNumberOfTuples(static_cast<vtkIdType>(n));
    n_ = n;
  }
  mask_.clear();  // a mask belongs to one cloud
  float* dst = floats(full_.points);
  const float *px = cloud.x.data(), *py = cloud.y.data(), *pz = cloud.z.data();
  std::size_t bad = 0;
  for (std::size_t i = 0; i < n; ++i) {
    dst[3 * i] = px[i];
    dst[3 * i + 1] = py[i];
    dst[3 * i + 2] = pz[i];
    bad += !(std::isfinite(px[i]) && std::isfinite(py[i]) && std::isfinite(pz[i]));
  }
  finite_.clear();
  if (bad > 0) {
    finite_.resize(n);
    float stand[3] = {0.f, 0.f, 0.f};  // any finite point stands in for the non-finite ones
    for (std::size_t i = 0; i < n; ++i)
      if (std::isfinite(px[i]) && std::isfinite(py[i]) && std::isfinite(pz[i])) {
        stand[0] = px[i], stand[1] = py[i], stand[2] = pz[i];
        break;
      }
    for (std::size_t i = 0; i < n; ++i) {
      finite_[i] = std::isfinite(px[i]) && std::isfinite(py[i]) && std::isfinite(pz[i]);
      if (!finite_[i]) std::memcpy(dst + 3 * i, stand, sizeof stand);
    }
  }
  full_.points->Modified();
  if (rgb.size() == 3 * n) {
    if (n) std::memcpy(full_.colors->GetPointer(0), rgb.data(), rgb.size());
  } else {
    std::fill_n(full_.colors->GetPointer(0), 3 * n, kGrey);
  }
  full_.colors->Modified();
  rebuildCells();  // finiteness changes with the coordinates
}

bool CloudLayer::setColors(const std::vector<std::uint8_t>& rgb) {
  if (rgb.size() != 3 * n_) return false;
  if (n_) std::memcpy(full_.colors->GetPointer(0), rgb.data(), rgb.size());
  full_.colors->Modified();
  full_.poly->Modified();
  fillLodColors();
  return true;
}

bool CloudLayer::setVisible(std::vector<std::uint8_t> mask) {
  if (!mask.empty() && mask.size() != n_) return false;
  if (!mask.empty() && std::all_of(mask.begin(), mask.end(), [](std::uint8_t v) { return v; }))
    mask.clear();
  mask_ = std::move(mask);
  rebuildCells();
  return true;
}

void CloudLayer::rebuildCells() {
  const float* p = xyz();
  drawable_.clear();
  if (!finite_.empty() && !mask_.empty()) {
    drawable_.resize(n_);
    for (std::size_t i = 0; i < n_; ++i) drawable_[i] = finite_[i] && mask_[i];
  } else if (!finite_.empty()) {
    drawable_ = finite_;
  } else if (!mask_.empty()) {
    drawable_ = mask_;
  }
  const std::uint8_t* m = mask();
  offsets_->SetNumberOfValues(static_cast<vtkIdType>(n_ + 1));
  ids_->SetNumberOfValues(static_cast<vtkIdType>(n_));
  std::int32_t* o = offsets_->GetPointer(0);
  std::int32_t* c = ids_->GetPointer(0);
  std::size_t k = 0;
  for (std::size_t i = 0; i < n_; ++i) {
    o[k] = static_cast<std::int32_t>(k);
    c[k] = static_cast<std::int32_t>(i);
    k += !m || m[i];
  }
  o[k] = static_cast<std::int32_t>(k);
  drawn_ = k;
  offsets_->SetNumberOfValues(static_cast<vtkIdType>(k + 1));  // shrinks without reallocating
  ids_->SetNumberOfValues(static_cast<vtkIdType>(k));
  full_.cells->SetData(offsets_, ids_);
  full_.cells->Modified();
  full_.poly->Modified();

  // Level of detail: every stride-th drawn point.
  lodIndex_.clear();
  if (budget_ > 0 && drawn_ > budget_) {
    const std::size_t stride = (drawn_ + budget_ - 1) / budget_;
    lodIndex_.reserve(drawn_ / stride + 1);
    for (std::size_t j = 0; j < drawn_; j += stride)
      lodIndex_.push_back(static_cast<std::uint32_t>(c[j]));
  }
  const std::size_t lm = lodIndex_.size();
  lod_.points->SetNumberOfPoints(static_cast<vtkIdType>(lm));
  lod_.colors->SetNumberOfTuples(static_cast<vtkIdType>(lm));
  float* lp = floats(lod_.points);
  for (std::size_t j = 0; j < lm; ++j)
    std::memcpy(lp + 3 * j, p + 3 * lodIndex_[j], 3 * sizeof(float));
  identityCells(lodOffsets_, lodIds_, lm);
  lod_.cells->SetData(lodOffsets_, lodIds_);
  lod_.points->Modified();
  lod_.cells->Modified();
  fillLodColors();
  showActors();
}

void CloudLayer::fillLodColors() {
  if (lodIndex_.empty()) return;
  const std::uint8_t* src = full_.colors->GetPointer(0);
  std::uint8_t* dst = lod_.colors->GetPointer(0);
  for (std::size_t j = 0; j < lodIndex_.size(); ++j)
    std::memcpy(dst + 3 * j, src + 3 * lodIndex_[j], 3);
  lod_.colors->Modified();
  lod_.poly->Modified();
}

void CloudLayer::showActors() {
  const bool lod = moving_ && hasLod();
  full_.actor->SetVisibility(!lod);
  lod_.actor->SetVisibility(lod);
}

void CloudLayer::setPointSize(float px) {
  full_.actor->GetProperty()->SetPointSize(px);
  lod_.actor->GetProperty()->SetPointSize(px);
}

void CloudLayer::setLodBudget(std::size_t points) {
  if (points == budget_) return;
  budget_ = points;
  rebuildCells();
}

void CloudLayer::setMoving(bool moving) {
  moving_ = moving;
  showActors();
}

}  // namespace lidarlabel::detail
