#pragma once
// The embedded 3D view: a QOpenGLWidget hosting VTK (project-own Qt 6 bridge, see
// docs/rendering.md). Shows one point cloud and a set of cuboids. Mouse input goes first to the
// active ViewTool (view_tool.h); what it does not consume drives the camera: left drag = orbit,
// right or middle drag (or Shift+left) = pan, wheel = zoom, double click = orbit the picked point.
// VTK stays behind the pimpl: nothing VTK leaks from this header.
#include <QOpenGLWidget>
#include <QPointF>
#include <QRectF>
#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include "lidarlabel/core/point_cloud.h"
#include "lidarlabel/render/orbit_camera.h"
#include "lidarlabel/render/scene.h"
#include "lidarlabel/render/view_tool.h"

namespace lidarlabel {

enum class CameraPreset { BirdsEye, Chase };

class SceneView : public QOpenGLWidget {
  Q_OBJECT
 public:
  explicit SceneView(QWidget* parent = nullptr);
  ~SceneView() override;

  // Replaces the cloud, sharing it: the view keeps the pointer (no copy of x/y/z; picking reads
  // it) until the next setCloud. rgb: 3 bytes per point (e.g. from colorize()), copied; a size
  // mismatch draws the cloud grey. A null cloud clears the view. `progress` is called while
  // the cloud is handed over (done/total work units); when it returns false the view is left
  // empty and setCloud returns false. Big sweeps: docs/rendering.md.
  bool setCloud(std::shared_ptr<const PointCloud> cloud, const std::vector<std::uint8_t>& rgb,
                const RenderProgress& progress = {});
  // The same for a cloud the view copies (small clouds, e.g. a box's neighbourhood).
  void setCloud(const PointCloud& cloud, const std::vector<std::uint8_t>& rgb);
  // Replaces only the colours (same point count as the last setCloud; otherwise ignored).
  void setColors(const std::vector<std::uint8_t>& rgb);
  void clearCloud();
  // Which points are drawn and pickable: one byte per point of the current cloud, non-zero =
  // shown (e.g. all but the ground); empty = all. Point indices are kept (pickPoint and
  // pointPicked still speak cloud indices). Ignored on a size mismatch; setCloud clears it (a
  // mask belongs to one cloud). Non-finite points are never drawn nor picked, whatever the mask.
  void setVisiblePoints(std::vector<std::uint8_t> mask);
  // True while a cloud larger than SceneStyle::lodPoints is drawn decimated: while the camera
  // is moved by the mouse, and for the first frame after setCloud of such a cloud (the full
  // cloud is drawn 250 ms after the last of these).
  bool drawingLevelOfDetail() const;
  // Replaces every box (a rebuild, keyed 0..n-1; prefer the keyed calls below for edits).
  void setCuboids(const std::vector<CuboidItem>& items);
  // Keyed boxes: one call touches only that box's geometry, so an edit among 200 boxes costs
  // one box. Keys are the caller's (the window uses track ids).
  void setCuboid(std::uint64_t key, const CuboidItem& item);
  void removeCuboid(std::uint64_t key);
  void clearCuboids();
  std::size_t cuboidCount() const;

  // Overlays drawn on top of the scene: the selected box's handles (small squares at face
  // centres and a rotation knob, LiDAR-frame positions; drawn at their projected pixel, the same
  // size at any zoom, hidden when behind the eye) and a rubber-band rectangle outline (logical
  // widget pixels, colour SceneStyle::rubberBand; nullopt hides it).
  void setHandles(const std::vector<HandleItem>& handles);
  void setRubberBand(std::optional<QRectF> rect);
  // Tool outlines over the scene (the brush circle, a lasso being drawn): polylines in logical
  // widget pixels, drawn 1 px wide in SceneStyle::rubberBand; closed[k] (default true) joins
  // the last point to the first. Empty hides them.
  void setOverlayPaths(std::vector<std::vector<QPointF>> paths, std::vector<bool> closed = {});
  std::size_t overlayPathCount() const;

  // The tool that gets mouse input first (not owned; null = camera only).
  void setTool(ViewTool* tool);
  // The ray through widget pixel (x, y) (logical pixels), and the pixel of a LiDAR-frame point
  // (nullopt when behind the eye).
  ViewRay rayAt(double x, double y) const;
  std::optional<Eigen::Vector2d> projectToPixel(const Eigen::Vector3d& p) const;

  void setStyle(const SceneStyle& style);
  const SceneStyle& style() const;

  const OrbitCamera& camera() const;
  void setCamera(const OrbitCamera& camera);
  // Frames the current cloud with the preset (default: chase).
  void resetCamera(CameraPreset preset = CameraPreset::Chase);

  // Point under widget pixel (x, y) (logical pixels, origin top-left), nullopt if none.
  std::optional<std::size_t> pickPoint(double x, double y, double radiusPx = 6.0) const;

  // Number of completed paintGL renders (for tests waiting on a first frame).
  int renderCount() const;

 signals:
  void cameraChanged();
  void pointPicked(std::size_t index);  // double click on a point

 protected:
  void initializeGL() override;
  void resizeGL(int w, int h) override;
  void paintGL() override;
  void mousePressEvent(QMouseEvent* e) override;
  void mouseMoveEvent(QMouseEvent* e) override;
  void mouseReleaseEvent(QMouseEvent* e) override;
  void mouseDoubleClickEvent(QMouseEvent* e) override;
  void wheelEvent(QWheelEvent* e) override;

 private:
  // Hands a mouse event to the tool as a ViewInput of the given type; true when consumed.
  bool offerToTool(QMouseEvent* e, int type);
  // A camera change from a mouse gesture: draws the level of detail until the camera settles.
  void moveCamera(const OrbitCamera& camera);
  // Places the handles and rubber band for the current camera and size (in paintGL).
  void updateOverlay();
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace lidarlabel
