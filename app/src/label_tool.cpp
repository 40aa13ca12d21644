#include "lidarlabel/app/label_tool.h"

#include <algorithm>
#include <cmath>
#include <numbers>

#include "lidarlabel/app/scene_presenter.h"
#include "lidarlabel/app/sub_views.h"
#include "lidarlabel/core/points_in_box.h"
#include "lidarlabel/render/scene_view.h"

namespace lidarlabel {

namespace {
std::vector<QPointF> circle(double x, double y, double r) {
  std::vector<QPointF> v;
  constexpr int kVertices = 40;
  for (int i = 0; i < kVertices; ++i) {
    const double a = 2.0 * std::numbers::pi * i / kVertices;
    v.emplace_back(x + r * std::cos(a), y + r * std::sin(a));
  }
  return v;
}
}  // namespace

LabelTool::LabelTool(Editor& editor, SceneView& mainView, const ScenePresenter& presenter,
                     const SubViews* subViews, LabelToolConfig config, QObject* parent)
    : QObject(parent),
      editor_(editor),
      main_(mainView),
      presenter_(presenter),
      subViews_(subViews),
      config_(config) {}

void LabelTool::setMode(LabelMode mode) {
  if (mode == mode_) return;
  deactivate();
  mode_ = mode;
  emit modeChanged(mode);
}

void LabelTool::setErasing(bool erasing) {
  if (erasing == erasing_) return;
  erasing_ = erasing;
  emit erasingChanged(erasing);
}

void LabelTool::setRadius(double px) {
  px = std::clamp(px, config_.minRadiusPx, config_.maxRadiusPx);
  if (px == config_.radiusPx) return;
  config_.radiusPx = px;
  emit radiusChanged(px);
}

PointFilter LabelTool::filter() const {
  PointFilter f;
  f.nonGroundOnly = restrictions_.nonGroundOnly;
  f.unlabelledOnly = restrictions_.unlabelledOnly;
  f.minZ = restrictions_.minZ;
  f.maxZ = restrictions_.maxZ;
  if (restrictions_.insideSelectedBox) {
    Document& doc = editor_.document();
    const auto& sel = doc.selection();
    const ObjectAnnotation* o =
        sel.empty() || !doc.isOpen() ? nullptr : doc.object(doc.currentFrame(), sel.front());
    // No selected box: nothing is inside it (an empty box contains nothing).
    f.insideBox = o ? o->box : Cuboid{Eigen::Vector3d::Zero(), Eigen::Vector3d::Constant(-1)};
  }
  return f;
}

void LabelTool::deactivate() {
  if (outlineView_) outlineView_->setOverlayPaths({});
  outlineView_ = nullptr;
  strokeView_ = nullptr;
  lasso_.clear();
  projected_ = {};
}

int LabelTool::apply(const std::vector<std::uint32_t>& indices, bool continuing) {
  if (strokeErases_) return editor_.erasePoints(indices, strokeFilter_, continuing);
  return editor_.paintClass(indices, className_, instance_, strokeFilter_, continuing);
}

bool LabelTool::beginStroke(SceneView& view, const ViewInput& in) {
  const auto& cloud = presenter_.frameCloud();
  if (!cloud) return false;
  strokeView_ = &view;
  strokeErases_ = erasing_ || (in.modifiers & Qt::ControlModifier);
  strokeFilter_ = filter();
  strokePoints_ = 0;
  last_ = Eigen::Vector2d(in.x, in.y);
  const ScreenProjection projection = screenProjection(view.camera(), view.width(), view.height());
  if (&view == &main_) {
    const std::vector<std::uint8_t> drawn = presenter_.drawnMask();
    projected_ = projectPoints(*cloud, projection, &drawn);
  } else {
    // A sub-view shows the followed box's neighbourhood only: those are the candidates.
    const Document& doc = editor_.document();
    const auto id = subViews_ ? subViews_->followed() : std::nullopt;
    const ObjectAnnotation* o = id ? doc.object(doc.currentFrame(), *id) : nullptr;
    if (!o) return false;
    const std::vector<std::uint32_t> near =
        indicesInBox(*cloud, o->box, static_cast<float>(subViews_->config().margin));
    projected_ = projectPoints(*cloud, projection, nullptr, &near);
  }
  if (mode_ == LabelMode::Lasso) {
    lasso_ = {last_};
    return true;
  }
  strokePoints_ += apply(pointsInCircle(projected_, last_, config_.radiusPx), false);
  return true;
}

void LabelTool::showBrush(SceneView& view, double x, double y) {
  if (outlineView_ && outlineView_ != &view) outlineView_->setOverlayPaths({});
  outlineView_ = &view;
  if (mode_ == LabelMode::Brush) {
    view.setOverlayPaths({circle(x, y, config_.radiusPx)});
  } else if (!lasso_.empty() && strokeView_ == &view) {
    std::vector<QPointF> path;
    for (const Eigen::Vector2d& p : lasso_) path.emplace_back(p.x(), p.y());
    view.setOverlayPaths({path}, {false});
  } else {
    view.setOverlayPaths({});
  }
}

bool LabelTool::viewInput(SceneView& view, const ViewInput& in) {
  const Eigen::Vector2d p(in.x, in.y);
  switch (in.type) {
    case ViewInput::Type::Press:
      if (in.button != Qt::LeftButton || (in.modifiers & Qt::ShiftModifier)) return false;
      if (!strokeView_ && !beginStroke(view, in)) return true;
      showBrush(view, in.x, in.y);
      return true;
    case ViewInput::Type::Move:
      if (strokeView_ == &view && (in.buttons & Qt::LeftButton)) {
        if (mode_ == LabelMode::Brush) {
          strokePoints_ += apply(pointsNearSegment(projected_, last_, p, config_.radiusPx), true);
          last_ = p;
        } else if ((p - lasso_.back()).norm() >= config_.lassoStepPx) {
          lasso_.push_back(p);
        }
        showBrush(view, in.x, in.y);
        return true;
      }
      showBrush(view, in.x, in.y);
      return false;
    case ViewInput::Type::Release: {
      if (in.button != Qt::LeftButton || strokeView_ != &view) return false;
      if (mode_ == LabelMode::Lasso) {
        lasso_.push_back(p);
        strokePoints_ += apply(pointsInPolygon(projected_, lasso_), false);
        lasso_.clear();
      }
      const int n = strokePoints_;
      strokeView_ = nullptr;
      projected_ = {};
      showBrush(view, in.x, in.y);
      emit strokeFinished(n);
      return true;
    }
    case ViewInput::Type::DoubleClick:
      return true;  // a double click paints, it does not re-centre the orbit
  }
  return false;
}

}  // namespace lidarlabel
