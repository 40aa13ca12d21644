#pragma once
// Private to render/: SceneView's state, shared by scene_view.cpp (scene, camera, drawing) and
// scene_view_input.cpp (mouse input to the tool and the camera).
#include <QPoint>
#include <QPointF>
#include <QRectF>
#include <QTimer>
#include <optional>
#include <vector>

#include <vtkCallbackCommand.h>
#include <vtkGenericOpenGLRenderWindow.h>

#include "lidarlabel/render/scene_view.h"
#include "scene_actors.h"

namespace lidarlabel {

struct SceneView::Impl {
  detail::SceneActors actors;
  vtkNew<vtkGenericOpenGLRenderWindow> window;
  vtkNew<vtkCallbackCommand> glCallback;
  SceneStyle style;
  OrbitCamera camera = chaseCamera(Bounds{});
  Bounds cloudBounds;
  QPoint lastMouse;
  Qt::MouseButtons dragButtons;
  bool panDrag = false;
  ViewTool* tool = nullptr;
  std::vector<HandleItem> handles;
  std::optional<QRectF> rubberBand;
  std::vector<std::vector<QPointF>> paths;  // tool outlines (brush circle, lasso), logical px
  std::vector<bool> pathsClosed;
  QTimer* settle = nullptr;       // the camera stopped: full cloud again
  bool settleAfterPaint = false;  // a new big cloud: start `settle` once its LOD frame is drawn
  int renders = 0;
};

}  // namespace lidarlabel
