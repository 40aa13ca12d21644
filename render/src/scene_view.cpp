// The Qt 6 <-> VTK bridge: a vtkGenericOpenGLRenderWindow drawing into the QOpenGLWidget's
// context (VTK renders into its own framebuffer, paintGL blits it into Qt's). See
// docs/rendering.md for the pitfalls this avoids.
#include "lidarlabel/render/scene_view.h"

#include <QOpenGLContext>
#include <QSurfaceFormat>
#include <QTimer>

#include "gl_bridge.h"
#include "lidarlabel/render/pick.h"
#include "scene_view_impl.h"

namespace lidarlabel {

namespace {
constexpr int kSettleMs = 250;  // camera still this long: draw the full cloud again

// Observer for the render window's context queries; clientData = the SceneView.
void onWindowEvent(vtkObject*, unsigned long event, void* clientData, void* callData) {
  auto* view = static_cast<QOpenGLWidget*>(clientData);
  switch (event) {
    case vtkCommand::WindowMakeCurrentEvent:
      // Only when another context is current: re-making Qt's context current re-binds its FBO
      // behind VTK's state cache and VTK then draws nothing.
      if (QOpenGLContext::currentContext() != view->context()) view->makeCurrent();
      break;
    case vtkCommand::WindowIsCurrentEvent:
      *static_cast<bool*>(callData) = QOpenGLContext::currentContext() == view->context();
      break;
    case vtkCommand::WindowSupportsOpenGLEvent:
      *static_cast<int*>(callData) = 1;
      break;
    case vtkCommand::WindowIsDirectEvent:
      *static_cast<int*>(callData) = 1;
      break;
    default:
      break;
  }
}

// VTK's OpenGL2 backend needs a 3.2+ core profile.
QSurfaceFormat vtkCompatibleFormat() {
  QSurfaceFormat f;
  f.setRenderableType(QSurfaceFormat::OpenGL);
  f.setVersion(3, 2);
  f.setProfile(QSurfaceFormat::CoreProfile);
  f.setDepthBufferSize(24);
  f.setStencilBufferSize(8);
  f.setRedBufferSize(8);
  f.setGreenBufferSize(8);
  f.setBlueBufferSize(8);
  f.setAlphaBufferSize(8);
  f.setSamples(0);
  f.setSwapBehavior(QSurfaceFormat::DoubleBuffer);
  // Without this Qt asks for a forward-compatible context, where glLineWidth > 1 fails while the
  // reported line-width range says it works: VTK then draws every line 1 px wide.
  f.setOption(QSurfaceFormat::DeprecatedFunctions);
  return f;
}
}  // namespace

SceneView::SceneView(QWidget* parent) : QOpenGLWidget(parent), impl_(std::make_unique<Impl>()) {
  setFormat(vtkCompatibleFormat());
  setFocusPolicy(Qt::ClickFocus);
  setMinimumSize(320, 240);
  auto& w = *impl_->window;
  w.SetOwnContext(false);
  w.SetFrameBlitModeToNoBlit();
  w.SetMultiSamples(0);
  w.SetReadyForRendering(false);
  w.AddRenderer(impl_->actors.renderer());
  impl_->glCallback->SetCallback(onWindowEvent);
  impl_->glCallback->SetClientData(this);
  for (auto ev : {vtkCommand::WindowMakeCurrentEvent, vtkCommand::WindowIsCurrentEvent,
                  vtkCommand::WindowSupportsOpenGLEvent, vtkCommand::WindowIsDirectEvent})
    w.AddObserver(ev, impl_->glCallback);
  impl_->actors.applyCamera(impl_->camera);
  impl_->settle = new QTimer(this);
  impl_->settle->setSingleShot(true);
  impl_->settle->setInterval(kSettleMs);
  connect(impl_->settle, &QTimer::timeout, this, [this] {
    impl_->actors.cloud().setMoving(false);
    update();
  });
}

SceneView::~SceneView() {
  // Release GL objects while our context still exists.
  if (context()) {
    makeCurrent();
    impl_->window->ReleaseGraphicsResources(impl_->window);
    doneCurrent();
  }
  impl_->window->RemoveObserver(impl_->glCallback);
}

void SceneView::initializeGL() {
  auto& w = *impl_->window;
  w.SetReadyForRendering(true);
  w.OpenGLInitContext();
  const qreal dpr = devicePixelRatioF();
  w.SetSize(static_cast<int>(width() * dpr), static_cast<int>(height() * dpr));
}

void SceneView::resizeGL(int w, int h) {
  const qreal dpr = devicePixelRatioF();
  impl_->window->SetSize(static_cast<int>(w * dpr), static_cast<int>(h * dpr));
}

void SceneView::updateOverlay() {
  const double dpr = devicePixelRatioF(), h = height();
  auto toDisplay = [&](double x, double y) { return Eigen::Vector2d(x * dpr, (h - y) * dpr); };
  std::vector<detail::PlacedHandle> placed;
  for (const HandleItem& item : impl_->handles)
    if (const auto px = projectToPixel(item.position))
      placed.push_back({toDisplay(px->x(), px->y()), &item});
  std::optional<detail::DisplayRect> band;
  if (const auto& r = impl_->rubberBand)
    band = detail::DisplayRect{toDisplay(r->left(), r->top()), toDisplay(r->right(), r->bottom())};
  std::vector<detail::OverlayLayer::Path> paths;
  for (std::size_t k = 0; k < impl_->paths.size(); ++k) {
    detail::OverlayLayer::Path p{{}, impl_->pathsClosed[k]};
    for (const QPointF& q : impl_->paths[k]) p.points.push_back(toDisplay(q.x(), q.y()));
    paths.push_back(std::move(p));
  }
  impl_->actors.overlay().setPaths(std::move(paths));
  impl_->actors.overlay().update(placed, band, impl_->style.rubberBand, dpr);
}

void SceneView::paintGL() {
  impl_->actors.applyCamera(impl_->camera);
  updateOverlay();
  const qreal dpr = devicePixelRatioF();
  detail::renderInto(*impl_->window, defaultFramebufferObject(), static_cast<int>(width() * dpr),
                     static_cast<int>(height() * dpr));
  ++impl_->renders;
  if (impl_->settleAfterPaint) {  // a new big cloud's level of detail is on screen
    impl_->settleAfterPaint = false;
    impl_->settle->start();
  }
}

void SceneView::setCloud(const PointCloud& cloud, const std::vector<std::uint8_t>& rgb) {
  setCloud(std::make_shared<const PointCloud>(cloud), rgb);
}

bool SceneView::setCloud(std::shared_ptr<const PointCloud> cloud,
                         const std::vector<std::uint8_t>& rgb, const RenderProgress& progress) {
  detail::CloudLayer& layer = impl_->actors.cloud();
  const bool ok = layer.setCloud(std::move(cloud), rgb, progress);
  impl_->cloudBounds = computeBounds(layer.cloud());
  if (layer.hasLod()) {
    // A big cloud shows its level of detail first (drawn in a fraction of the time); the full
    // cloud follows when the settle timer, started once that frame is drawn, fires.
    layer.setMoving(true);
    impl_->settle->stop();
    impl_->settleAfterPaint = true;
  }
  update();
  return ok;
}

void SceneView::setColors(const std::vector<std::uint8_t>& rgb) {
  if (impl_->actors.cloud().setColors(rgb)) update();
}

void SceneView::setVisiblePoints(std::vector<std::uint8_t> mask) {
  if (impl_->actors.cloud().setVisible(std::move(mask))) update();
}

bool SceneView::drawingLevelOfDetail() const {
  return (impl_->settle->isActive() || impl_->settleAfterPaint) && impl_->actors.cloud().hasLod();
}

void SceneView::moveCamera(const OrbitCamera& camera) {
  impl_->actors.cloud().setMoving(true);
  impl_->settle->start();
  setCamera(camera);
}

void SceneView::clearCloud() {
  setCloud(std::shared_ptr<const PointCloud>(), {});
}

void SceneView::setCuboids(const std::vector<CuboidItem>& items) {
  impl_->actors.setCuboids(items);
  update();
}

void SceneView::setCuboid(std::uint64_t key, const CuboidItem& item) {
  impl_->actors.boxes().set(key, item);
  update();
}

void SceneView::removeCuboid(std::uint64_t key) {
  if (impl_->actors.boxes().remove(key)) update();
}

void SceneView::clearCuboids() {
  impl_->actors.boxes().clear();
  update();
}

std::size_t SceneView::cuboidCount() const {
  return impl_->actors.boxes().size();
}

void SceneView::setHandles(const std::vector<HandleItem>& handles) {
  impl_->handles = handles;
  update();
}

void SceneView::setRubberBand(std::optional<QRectF> rect) {
  impl_->rubberBand = rect;
  update();
}

void SceneView::setOverlayPaths(std::vector<std::vector<QPointF>> paths, std::vector<bool> closed) {
  closed.resize(paths.size(), true);
  impl_->paths = std::move(paths);
  impl_->pathsClosed = std::move(closed);
  update();
}

std::size_t SceneView::overlayPathCount() const {
  return impl_->paths.size();
}

void SceneView::setStyle(const SceneStyle& style) {
  impl_->style = style;
  impl_->actors.setStyle(style);
  update();
}

const SceneStyle& SceneView::style() const {
  return impl_->style;
}

const OrbitCamera& SceneView::camera() const {
  return impl_->camera;
}

void SceneView::setCamera(const OrbitCamera& camera) {
  impl_->camera = camera;
  update();
  emit cameraChanged();
}

void SceneView::resetCamera(CameraPreset preset) {
  setCamera(preset == CameraPreset::BirdsEye ? birdsEyeCamera(impl_->cloudBounds)
                                             : chaseCamera(impl_->cloudBounds));
}

std::optional<std::size_t> SceneView::pickPoint(double x, double y, double radiusPx) const {
  if (impl_->actors.cloud().drawnCount() == 0 || width() <= 0 || height() <= 0) return std::nullopt;
  impl_->actors.applyCamera(impl_->camera);  // also sets the clipping range used for depth
  vtkCamera* cam = impl_->actors.renderer()->GetActiveCamera();
  const double aspect = static_cast<double>(width()) / height();
  const Eigen::Matrix4d m =
      detail::toEigen(cam->GetCompositeProjectionTransformMatrix(aspect, -1, 1));
  const detail::CloudLayer& cloud = impl_->actors.cloud();
  return pickNearestPoint(cloud.cloud(), m, width(), height(), x, y, radiusPx, cloud.mask());
}

int SceneView::renderCount() const {
  return impl_->renders;
}

}  // namespace lidarlabel
