#pragma once
// Input from a view to the active tool. SceneView turns every mouse press / move / release /
// double click into a ViewInput and hands it to its tool first; the camera (orbit / pan / zoom)
// gets only what the tool leaves (returns false for). Keys are QActions of the window, not tool
// input. Everything geometric is in the LiDAR frame of the shown sweep (metres).
#include <Qt>
#include <Eigen/Core>

namespace lidarlabel {

class SceneView;

struct ViewRay {
  Eigen::Vector3d origin = Eigen::Vector3d::Zero();
  Eigen::Vector3d direction = Eigen::Vector3d::UnitX();  // unit length

  Eigen::Vector3d at(double t) const { return origin + t * direction; }
  // Where the ray meets the horizontal plane z = height (nullopt-like: false when parallel or
  // behind the origin).
  bool hitHorizontalPlane(double height, Eigen::Vector3d* hit) const;
};

struct ViewInput {
  enum class Type { Press, Move, Release, DoubleClick };
  Type type = Type::Move;
  double x = 0, y = 0;  // widget pixels (logical), origin top-left, y down
  ViewRay ray;          // through that pixel, from the eye
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
