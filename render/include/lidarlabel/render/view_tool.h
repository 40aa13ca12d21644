#pragma once
// Input from a view to the active tool. SceneView turns every mouse press / move / release /
// double click into a ViewInput and hands it to its tool first; the camera (orbit / pan / zoom)
// gets only what the tool leaves (returns false for). Keys are QActions of the window, not tool
// input. Everything geometric is in the LiDAR frame of the shown sweep (metres).
#include <Eigen/Core>
#include <Qt>

#include "lidarlabel/render/view_ray.h"

namespace lidarlabel {

class SceneView;

struct ViewInput {
  enum class Type { Press, Move, Release, DoubleClick };
  Type type = Type::Move;
  double x = 0, y = 0;                    // widget pixels (logical), origin top-left, y down
  ViewRay ray;                            // through that pixel, from the eye
  Qt::MouseButton button = Qt::NoButton;  // the button that changed (Press/Release)
  Qt::MouseButtons buttons;               // buttons held
  Qt::KeyboardModifiers modifiers;
};

// A tool (select, create, handle drag, ...) lives in app/ and implements this.
class ViewTool {
 public:
  virtual ~ViewTool() = default;
  // true = consumed (the camera does not see it). The view is the one the input came from
  // (main view or a sub-view).
  virtual bool viewInput(SceneView& view, const ViewInput& input) = 0;
};

}  // namespace lidarlabel
