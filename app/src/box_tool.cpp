#include "lidarlabel/app/box_tool.h"

#include <QRectF>
#include <cmath>
#include <limits>

#include "lidarlabel/app/scene_presenter.h"
#include "lidarlabel/render/scene_view.h"

namespace lidarlabel {

namespace {
// Where the ray meets the plane through p with normal n; nullopt when parallel or behind.
std::optional<Eigen::Vector3d> hitPlane(const ViewRay& ray, const Eigen::Vector3d& p,
                                        const Eigen::Vector3d& n) {
  const double d = ray.direction.dot(n);
  if (std::abs(d) < 1e-9) return std::nullopt;
  const double t = (p - ray.origin).dot(n) / d;
  if (t < 0) return std::nullopt;
  return ray.at(t);
}

}  // namespace

BoxTool::BoxTool(Editor& editor, SceneView& mainView, const ScenePresenter& presenter,
                 BoxToolConfig config, QObject* parent)
    : QObject(parent), editor_(editor), main_(mainView), presenter_(presenter), config_(config) {}

void BoxTool::setMode(ToolMode mode) {
  if (mode == mode_) return;
  mode_ = mode;
  main_.setRubberBand(std::nullopt);
  rectFrom_.reset();
  emit modeChanged(mode);
}

std::optional<BoxTool::Grab> BoxTool::grabHandle(SceneView& view, const ViewInput& in) const {
  Document& doc = editor_.document();
  const auto& sel = doc.selection();
  if (sel.size() != 1) return std::nullopt;
  const ObjectAnnotation* o = doc.object(doc.currentFrame(), sel.front());
  if (!o) return std::nullopt;
  std::optional<Grab> best;
  double bestPx = config_.handleRadiusPx;
  for (const HandleItem& h : boxHandles(o->box)) {
    const auto px = view.projectToPixel(h.position);
    if (!px) continue;
    const double d = std::hypot(px->x() - in.x, px->y() - in.y);
    if (d > bestPx) continue;
    bestPx = d;
    Grab g;
    g.id = o->trackId;
    g.handle = h.position;
    g.view = &view;
    if (h.id == kMoveHandle) {
      g.kind = DragKind::Move;
      // Ground plane when looking down; else the vertical plane facing the eye.
      Eigen::Vector3d flat(in.ray.direction.x(), in.ray.direction.y(), 0.0);
      g.normal = std::abs(in.ray.direction.z()) > 0.3 || flat.norm() < 1e-6
                     ? Eigen::Vector3d::UnitZ()
                     : Eigen::Vector3d(flat.normalized());
    } else if (h.id == kRotateHandle) {
      g.kind = DragKind::Rotate;
      g.normal = Eigen::Vector3d::UnitZ();
    } else {
      g.kind = DragKind::Face;
      g.face = static_cast<BoxFace>(h.id);
      g.normal = faceNormal(o->box, g.face);
    }
    best = g;
  }
  return best;
}

std::optional<Eigen::Vector3d> BoxTool::dragPoint(const Grab& g, const ViewRay& ray) const {
  if (g.kind == DragKind::Face) {
    double s = 0;  // along the face normal; a normal pointing at the eye shows no motion
    if (!ray.closestOnLine(g.handle, g.normal, &s)) return std::nullopt;
    return Eigen::Vector3d(g.handle + s * g.normal.normalized());
  }
  return hitPlane(ray, g.handle, g.normal);
}

bool BoxTool::viewInput(SceneView& view, const ViewInput& in) {
  const bool isMain = &view == &main_;
  if (isMain && in.type == ViewInput::Type::Move) {
    Eigen::Vector3d hit;
    if (in.ray.hitHorizontalPlane(config_.groundZ, &hit)) cursor_ = hit;
  }
  switch (in.type) {
    case ViewInput::Type::Press: {
      if (in.button != Qt::LeftButton) return false;
      if (auto g = grabHandle(view, in)) {
        const auto from = dragPoint(*g, in.ray);
        if (from && editor_.beginDrag(g->id, g->kind, *from, g->face)) {
          grab_ = g;
          emit dragStarted();
          return true;
        }
      }
      if (isMain && mode_ == ToolMode::CreateClick) return createAtClick(view, in);
      if (isMain && mode_ == ToolMode::CreateRect) {
        Eigen::Vector3d hit;
        if (!in.ray.hitHorizontalPlane(config_.groundZ, &hit)) return true;
        rectFrom_ = hit;
        press_ = Eigen::Vector2d(in.x, in.y);
        return true;
      }
      press_ = Eigen::Vector2d(in.x, in.y);
      return !isMain;  // sub-views keep their box-aligned camera: no orbiting there
    }
    case ViewInput::Type::Move:
      if (grab_) {
        if (grab_->view != &view) return true;
        if (const auto to = dragPoint(*grab_, in.ray)) editor_.updateDrag(*to);
        return true;
      }
      if (rectFrom_) {
        updateRubberBand(in);
        return true;
      }
      return !isMain && (in.buttons & Qt::LeftButton);
    case ViewInput::Type::Release: {
      if (in.button != Qt::LeftButton) return false;
      if (grab_) {
        editor_.endDrag();
        grab_.reset();
        emit dragFinished();
        return true;
      }
      const std::optional<Eigen::Vector2d> press = press_;
      press_.reset();
      if (rectFrom_) {
        const Eigen::Vector3d a = *rectFrom_;
        rectFrom_.reset();
        main_.setRubberBand(std::nullopt);
        Eigen::Vector3d b;
        if (in.ray.hitHorizontalPlane(config_.groundZ, &b) &&
            std::abs(a.x() - b.x()) >= config_.minRectMetres &&
            std::abs(a.y() - b.y()) >= config_.minRectMetres)
          editor_.createFromRect(a.head<2>(), b.head<2>(), className_);
        return true;
      }
      if (press && (*press - Eigen::Vector2d(in.x, in.y)).norm() <= config_.clickSlopPx && isMain)
        clickSelect(in);
      return !isMain;
    }
    case ViewInput::Type::DoubleClick:
      return false;  // the view orbits around the double-clicked point
  }
  return false;
}

void BoxTool::clickSelect(const ViewInput& in) {
  Document& doc = editor_.document();
  if (!doc.isOpen()) return;
  std::optional<ObjectId> hit;
  double best = std::numeric_limits<double>::infinity();
  for (const ObjectAnnotation& o : doc.objects(doc.currentFrame())) {
    const double t = rayBoxDistance(o.box, in.ray.origin, in.ray.direction);
    if (t >= 0 && t < best) {
      best = t;
      hit = o.trackId;
    }
  }
  if (in.modifiers & Qt::ControlModifier) {
    std::vector<ObjectId> sel = doc.selection();
    if (hit) {
      const auto it = std::find(sel.begin(), sel.end(), *hit);
      if (it == sel.end())
        sel.push_back(*hit);
      else
        sel.erase(it);
    }
    editor_.select(sel);
    return;
  }
  editor_.select(hit ? std::vector<ObjectId>{*hit} : std::vector<ObjectId>{});
}

bool BoxTool::createAtClick(SceneView& view, const ViewInput& in) {
  const auto& cloud = presenter_.shownCloud();
  const auto index = view.pickPoint(in.x, in.y);
  if (!cloud || !index || *index >= cloud->size()) return true;
  const Eigen::Vector3d p(cloud->x[*index], cloud->y[*index], cloud->z[*index]);
  editor_.createAtPoint(p, className_);
  return true;
}

void BoxTool::updateRubberBand(const ViewInput& in) {
  if (!press_) return;
  main_.setRubberBand(QRectF(QPointF(press_->x(), press_->y()), QPointF(in.x, in.y)).normalized());
}

}  // namespace lidarlabel
