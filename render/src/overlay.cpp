#include "overlay.h"

#include <cmath>
#include <numbers>

#include <vtkPointData.h>
#include <vtkProperty2D.h>

namespace lidarlabel::detail {

namespace {
constexpr int kCircleVertices = 24;
constexpr unsigned char kOutline[3] = {16, 16, 16};

// Outline of a handle: square corners or a circle polygon, centred, counter-clockwise.
std::vector<Eigen::Vector2d> handleOutline(const Eigen::Vector2d& c, double sizePx, bool round) {
  const double r = 0.5 * sizePx;
  std::vector<Eigen::Vector2d> v;
  if (round) {
    for (int i = 0; i < kCircleVertices; ++i) {
      const double a = 2.0 * std::numbers::pi * i / kCircleVertices;
      v.emplace_back(c.x() + r * std::cos(a), c.y() + r * std::sin(a));
    }
  } else {
    v = {{c.x() - r, c.y() - r},
         {c.x() + r, c.y() - r},
         {c.x() + r, c.y() + r},
         {c.x() - r, c.y() + r}};
  }
  return v;
}

// Appends a closed loop (polygon cell when `filled`, else a closed polyline; an open polyline
// when `open`) in one colour.
void addLoop(vtkPoints* points, vtkUnsignedCharArray* colors, vtkCellArray* cells,
             const std::vector<Eigen::Vector2d>& loop, const unsigned char rgb[3], bool filled,
             bool open = false) {
  const vtkIdType first = points->GetNumberOfPoints();
  for (const Eigen::Vector2d& p : loop) {
    points->InsertNextPoint(p.x(), p.y(), 0.0);
    colors->InsertNextTypedTuple(rgb);
  }
  const vtkIdType n = static_cast<vtkIdType>(loop.size());
  cells->InsertNextCell(filled || open ? n : n + 1);
  for (vtkIdType i = 0; i < n; ++i) cells->InsertCellPoint(first + i);
  if (!filled && !open) cells->InsertCellPoint(first);
}
}  // namespace

OverlayLayer::Shapes::Shapes() {
  colors->SetNumberOfComponents(3);
  poly->SetPoints(points);
  poly->GetPointData()->SetScalars(colors);
  mapper->SetInputData(poly);
  mapper->SetColorModeToDirectScalars();
  mapper->ScalarVisibilityOn();
  actor->SetMapper(mapper);
  actor->SetVisibility(false);
}

void OverlayLayer::Shapes::reset() {
  points->Reset();
  colors->Reset();
  cells->Reset();
}

void OverlayLayer::Shapes::commit() {
  points->Modified();
  colors->Modified();
  cells->Modified();
  poly->Modified();
  actor->SetVisibility(cells->GetNumberOfCells() > 0);
}

OverlayLayer::OverlayLayer(vtkRenderer* renderer) {
  fills_.poly->SetPolys(fills_.cells);
  lines_.poly->SetLines(lines_.cells);
  fills_.actor->SetLayerNumber(0);
  lines_.actor->SetLayerNumber(1);  // outlines over fills
  renderer->AddActor2D(fills_.actor);
  renderer->AddActor2D(lines_.actor);
}

void OverlayLayer::update(const std::vector<PlacedHandle>& handles,
                          const std::optional<DisplayRect>& band, Rgb bandColor, double scale) {
  fills_.reset();
  lines_.reset();
  for (const PlacedHandle& h : handles) {
    const auto loop = handleOutline(h.centre, h.item->sizePx * scale, h.item->round);
    const unsigned char rgb[3] = {h.item->color.r, h.item->color.g, h.item->color.b};
    addLoop(fills_.points, fills_.colors, fills_.cells, loop, rgb, true);
    addLoop(lines_.points, lines_.colors, lines_.cells, loop, kOutline, false);
  }
  if (band) {
    const Eigen::Vector2d lo = band->a.cwiseMin(band->b), hi = band->a.cwiseMax(band->b);
    const unsigned char rgb[3] = {bandColor.r, bandColor.g, bandColor.b};
    addLoop(lines_.points, lines_.colors, lines_.cells,
            {lo, {hi.x(), lo.y()}, hi, {lo.x(), hi.y()}}, rgb, false);
  }
  for (const Path& p : paths_) {
    if (p.points.size() < 2) continue;
    const unsigned char rgb[3] = {bandColor.r, bandColor.g, bandColor.b};
    addLoop(lines_.points, lines_.colors, lines_.cells, p.points, rgb, false, !p.closed);
  }
  lines_.actor->GetProperty()->SetLineWidth(static_cast<float>(std::max(1.0, scale)));
  fills_.commit();
  lines_.commit();
}

}  // namespace lidarlabel::detail
