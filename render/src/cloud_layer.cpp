#include "cloud_layer.h"

#include <algorithm>
#include <cmath>
#include <cstring>

#include <vtkFloatArray.h>
#include <vtkPointData.h>
#include <vtkProperty.h>
#include <vtkSOADataArrayTemplate.h>

namespace lidarlabel::detail {

namespace {
constexpr std::uint8_t kGrey = 160;
constexpr std::size_t kChunk = std::size_t{1} << 20;  // points between progress reports

bool finiteXyz(float x, float y, float z) {
  return (x - x) + (y - y) + (z - z) == 0.f;  // 0 for finite, NaN otherwise
}

// Copies rgb (3 bytes per point) into RGBA for points [begin, end).
void rgbToRgba(const std::uint8_t* rgb, std::uint8_t* rgba, std::size_t begin, std::size_t end) {
  for (std::size_t i = begin; i < end; ++i) {
    rgba[4 * i] = rgb[3 * i];
    rgba[4 * i + 1] = rgb[3 * i + 1];
    rgba[4 * i + 2] = rgb[3 * i + 2];
    rgba[4 * i + 3] = 255;
  }
}
}  // namespace

PointLayer::PointLayer() {
  colors->SetNumberOfComponents(4);
  colors->SetName("rgba");
  points->SetDataTypeToFloat();
  poly->SetPoints(points);
  poly->SetVerts(cells);
  poly->GetPointData()->SetScalars(colors);
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

CloudLayer::CloudLayer(vtkRenderer* renderer) : cloud_(std::make_shared<const PointCloud>()) {
  lod_.actor->SetVisibility(false);
  renderer->AddActor(full_.actor);
  renderer->AddActor(lod_.actor);
}

bool CloudLayer::setCloud(std::shared_ptr<const PointCloud> cloud,
                          const std::vector<std::uint8_t>& rgb, const RenderProgress& progress) {
  std::shared_ptr<const PointCloud> previous = std::move(cloud_);  // alive until VTK lets go
  cloud_ = cloud ? std::move(cloud) : std::make_shared<const PointCloud>();
  n_ = cloud_->size();
  mask_.clear();  // a mask belongs to one cloud
  const bool ok = shareCoordinates(progress) && fillColors(rgb, progress, n_, 3 * n_);
  if (!ok) {
    setCloud(nullptr, {});  // cancelled: show nothing rather than half a cloud
    return false;
  }
  rebuildCells();
  if (progress) progress(3 * n_, 3 * n_);
  return true;
}

bool CloudLayer::shareCoordinates(const RenderProgress& progress) {
  const PointCloud& c = *cloud_;
  finite_.clear();
  ownX_.clear(), ownY_.clear(), ownZ_.clear();
  ownX_.shrink_to_fit(), ownY_.shrink_to_fit(), ownZ_.shrink_to_fit();
  std::size_t bad = 0, stand = n_;  // stand: the first finite point
  for (std::size_t b = 0; b < n_; b += kChunk) {
    const std::size_t e = std::min(n_, b + kChunk);
    for (std::size_t i = b; i < e; ++i) {
      const bool f = finiteXyz(c.x[i], c.y[i], c.z[i]);
      bad += !f;
      if (f && stand == n_) stand = i;
    }
    if (progress && !progress(e, 3 * n_)) return false;
  }
  const float *px = c.x.data(), *py = c.y.data(), *pz = c.z.data();
  if (bad > 0) {
    // Non-finite points stand on the first finite one (or the origin when there is none).
    const float sx = stand < n_ ? c.x[stand] : 0.f, sy = stand < n_ ? c.y[stand] : 0.f,
                sz = stand < n_ ? c.z[stand] : 0.f;
    finite_.resize(n_);
    ownX_.resize(n_), ownY_.resize(n_), ownZ_.resize(n_);
    for (std::size_t i = 0; i < n_; ++i) {
      const bool f = finiteXyz(c.x[i], c.y[i], c.z[i]);
      finite_[i] = f;
      ownX_[i] = f ? c.x[i] : sx, ownY_[i] = f ? c.y[i] : sy, ownZ_[i] = f ? c.z[i] : sz;
    }
    px = ownX_.data(), py = ownY_.data(), pz = ownZ_.data();
  }
  // VTK reads the three vectors in place (save = true: it never frees or writes them).
  auto soa = vtkSmartPointer<vtkSOADataArrayTemplate<float>>::New();
  soa->SetNumberOfComponents(3);
  if (n_ > 0) {
    const auto m = static_cast<vtkIdType>(n_);
    soa->SetArray(0, const_cast<float*>(px), m, true, true);
    soa->SetArray(1, const_cast<float*>(py), m, true, true);
    soa->SetArray(2, const_cast<float*>(pz), m, true, true);
  }
  full_.points->SetData(soa);
  full_.points->Modified();
  return true;
}

bool CloudLayer::fillColors(const std::vector<std::uint8_t>& rgb, const RenderProgress& progress,
                            std::size_t done, std::size_t total) {
  full_.colors->SetNumberOfTuples(static_cast<vtkIdType>(n_));
  std::uint8_t* dst = full_.colors->GetPointer(0);
  const bool given = rgb.size() == 3 * n_;
  for (std::size_t b = 0; b < n_; b += kChunk) {
    const std::size_t e = std::min(n_, b + kChunk);
    if (given) {
      rgbToRgba(rgb.data(), dst, b, e);
    } else {
      std::fill(dst + 4 * b, dst + 4 * e, kGrey);
      for (std::size_t i = b; i < e; ++i) dst[4 * i + 3] = 255;
    }
    if (progress && !progress(done + e, total)) return false;
  }
  full_.colors->Modified();
  full_.poly->Modified();
  return true;
}

bool CloudLayer::setColors(const std::vector<std::uint8_t>& rgb) {
  if (rgb.size() != 3 * n_) return false;
  fillColors(rgb, {}, 0, n_);
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
  if (!m) {
    // Everything drawn: no cells at all (PointsMapper draws points 0..n-1).
    full_.offsets->Initialize();
    full_.ids->Initialize();
    drawn_ = n_;
  } else {
    drawn_ = static_cast<std::size_t>(std::count_if(m, m + n_, [](std::uint8_t v) { return v; }));
    full_.offsets->SetNumberOfValues(static_cast<vtkIdType>(drawn_ + 1));
    full_.ids->SetNumberOfValues(static_cast<vtkIdType>(drawn_));
    std::int32_t* o = full_.offsets->GetPointer(0);
    std::int32_t* c = full_.ids->GetPointer(0);
    std::size_t k = 0;
    for (std::size_t i = 0; i < n_; ++i)
      if (m[i]) o[k] = static_cast<std::int32_t>(k), c[k++] = static_cast<std::int32_t>(i);
    o[k] = static_cast<std::int32_t>(k);
  }
  if (full_.offsets->GetNumberOfValues() == 0)
    full_.cells->Initialize();
  else
    full_.cells->SetData(full_.offsets, full_.ids);
  full_.cells->Modified();
  full_.poly->Modified();
  rebuildLod();
}

void CloudLayer::rebuildLod() {
  // Every stride-th drawn point.
  lodIndex_.clear();
  lodIndex_.shrink_to_fit();
  const std::uint8_t* m = mask();
  if (budget_ > 0 && drawn_ > budget_) {
    const std::size_t stride = (drawn_ + budget_ - 1) / budget_;
    lodIndex_.reserve(drawn_ / stride + 1);
    for (std::size_t i = 0, k = 0; i < n_; ++i) {
      if (m && !m[i]) continue;
      if (k++ % stride == 0) lodIndex_.push_back(static_cast<std::uint32_t>(i));
    }
  }
  const std::size_t lm = lodIndex_.size();
  lod_.points->SetNumberOfPoints(static_cast<vtkIdType>(lm));
  lod_.colors->SetNumberOfTuples(static_cast<vtkIdType>(lm));
  float* lp = vtkFloatArray::SafeDownCast(lod_.points->GetData())->GetPointer(0);
  const PointCloud& c = *cloud_;
  for (std::size_t j = 0; j < lm; ++j) {
    const std::uint32_t i = lodIndex_[j];
    lp[3 * j] = c.x[i], lp[3 * j + 1] = c.y[i], lp[3 * j + 2] = c.z[i];
  }
  lod_.points->Modified();
  lod_.poly->Modified();
  fillLodColors();
  showActors();
}

void CloudLayer::fillLodColors() {
  if (lodIndex_.empty()) return;
  const std::uint8_t* src = full_.colors->GetPointer(0);
  std::uint8_t* dst = lod_.colors->GetPointer(0);
  for (std::size_t j = 0; j < lodIndex_.size(); ++j)
    std::memcpy(dst + 4 * j, src + 4 * std::size_t{lodIndex_[j]}, 4);
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
  rebuildLod();
}

void CloudLayer::setMoving(bool moving) {
  moving_ = moving;
  showActors();
}

}  // namespace lidarlabel::detail
