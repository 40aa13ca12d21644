// SceneView's input: mouse events go to the active ViewTool first; what it does not consume
// drives the camera (see scene_view.h).
#include <QMouseEvent>
#include <QWheelEvent>

#include "lidarlabel/render/view_ray.h"
#include "scene_view_impl.h"

namespace lidarlabel {

ViewRay SceneView::rayAt(double x, double y) const {
  return rayThroughPixel(impl_->camera, width(), height(), x, y);
}

std::optional<Eigen::Vector2d> SceneView::projectToPixel(const Eigen::Vector3d& p) const {
  return pixelOfPoint(impl_->camera, width(), height(), p);
}

void SceneView::setTool(ViewTool* tool) {
  impl_->tool = tool;
}

bool SceneView::offerToTool(QMouseEvent* e, int type) {
  if (!impl_->tool) return false;
  ViewInput in;
  in.type = static_cast<ViewInput::Type>(type);
  in.x = e->position().x();
  in.y = e->position().y();
  in.ray = rayAt(in.x, in.y);
  in.button = e->button();
  in.buttons = e->buttons();
  in.modifiers = e->modifiers();
  return impl_->tool->viewInput(*this, in);
}

void SceneView::mousePressEvent(QMouseEvent* e) {
  e->accept();
  if (offerToTool(e, static_cast<int>(ViewInput::Type::Press))) return;
  // The camera drags only with buttons whose press the tool left to it.
  impl_->lastMouse = e->position().toPoint();
  impl_->dragButtons |= e->button();
  impl_->panDrag =
      (e->buttons() & (Qt::RightButton | Qt::MiddleButton)) || (e->modifiers() & Qt::ShiftModifier);
}

void SceneView::mouseMoveEvent(QMouseEvent* e) {
  if (offerToTool(e, static_cast<int>(ViewInput::Type::Move))) return;
  if (!(e->buttons() & impl_->dragButtons)) return;
  const QPoint p = e->position().toPoint();
  const QPoint d = p - impl_->lastMouse;
  impl_->lastMouse = p;
  const OrbitCamera& c = impl_->camera;
  moveCamera(impl_->panDrag ? pan(c, d.x(), d.y(), height()) : orbit(c, d.x(), d.y(), height()));
}

void SceneView::mouseReleaseEvent(QMouseEvent* e) {
  impl_->dragButtons &= e->buttons();
  offerToTool(e, static_cast<int>(ViewInput::Type::Release));
}

void SceneView::mouseDoubleClickEvent(QMouseEvent* e) {
  if (offerToTool(e, static_cast<int>(ViewInput::Type::DoubleClick))) return;
  const QPointF p = e->position();
  if (auto i = pickPoint(p.x(), p.y())) {
    // Re-centre the orbit on the picked point.
    OrbitCamera c = impl_->camera;
    const PointCloud& cloud = impl_->actors.cloud().cloud();
    c.target = Eigen::Vector3d(cloud.x[*i], cloud.y[*i], cloud.z[*i]);
    setCamera(c);
    emit pointPicked(*i);
  }
}

void SceneView::wheelEvent(QWheelEvent* e) {
  const double steps = e->angleDelta().y() / 120.0;
  if (steps != 0) moveCamera(zoom(impl_->camera, steps));
  e->accept();
}

}  // namespace lidarlabel
