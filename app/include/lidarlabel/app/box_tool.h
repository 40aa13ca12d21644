#pragma once
// The box tool: mouse input of the main view and the sub-views turned into Editor calls.
//
// Every mode: a press on a handle of the selected box (within handleRadiusPx) starts a drag —
// centre square = move (ground plane in the main and top views, the view plane in the side and
// front views), round knob = rotate about the centre, face square = resize that face with the
// opposite face fixed. A drag is one undo step (Editor::beginDrag .. endDrag).
// Select mode: a click (press and release within clickSlopPx) selects the nearest box along the
// ray, Ctrl+click toggles it in the selection, a click on nothing clears it; drags elsewhere go
// to the camera. Create-click mode (main view): a click on a point creates a box fitted there
// (Editor::createAtPoint) with the current class. Create-rectangle mode (main view, meant for
// the bird's-eye camera): a left drag spans a rubber band; on release the box is fitted to the
// points inside (Editor::createFromRect).
#include <QObject>
#include <optional>
#include <string>

#include "lidarlabel/app/editor.h"
#include "lidarlabel/render/view_tool.h"

namespace lidarlabel {

class ScenePresenter;

enum class ToolMode { Select, CreateClick, CreateRect };

struct BoxToolConfig {
  double handleRadiusPx = 10.0;  // a press this close to a handle grabs it, pixels
  double clickSlopPx = 4.0;      // a press/release moving less than this is a click, pixels
  double minRectMetres = 0.3;    // smaller rubber bands create nothing, metres
  double groundZ = -1.73;        // plane under the cursor for "drop a box here", metres
};

class BoxTool : public QObject, public ViewTool {
  Q_OBJECT
 public:
  BoxTool(Editor& editor, SceneView& mainView, const ScenePresenter& presenter,
          BoxToolConfig config = {}, QObject* parent = nullptr);

  void setMode(ToolMode mode);
  ToolMode mode() const { return mode_; }
  void setClassName(const std::string& name) { className_ = name; }
  const std::string& className() const { return className_; }

  // Where the pointer last hovered over the main view, on the ground plane (nullopt when the
  // pointer has not been over the view or the ray misses the plane).
  std::optional<Eigen::Vector3d> cursorOnGround() const { return cursor_; }

  bool viewInput(SceneView& view, const ViewInput& input) override;

 signals:
  void modeChanged(lidarlabel::ToolMode mode);
  void dragStarted();
  void dragFinished();

 private:
  struct Grab {
    ObjectId id = 0;
    DragKind kind = DragKind::Move;
    BoxFace face = BoxFace::Front;
    Eigen::Vector3d handle = Eigen::Vector3d::Zero();
    Eigen::Vector3d normal = Eigen::Vector3d::UnitZ();  // face normal (Face) / plane normal
    SceneView* view = nullptr;
  };
  std::optional<Grab> grabHandle(SceneView& view, const ViewInput& in) const;
  std::optional<Eigen::Vector3d> dragPoint(const Grab& g, const ViewRay& ray) const;
  void clickSelect(const ViewInput& in);
  bool createAtClick(SceneView& view, const ViewInput& in);
  void updateRubberBand(const ViewInput& in);

  Editor& editor_;
  SceneView& main_;
  const ScenePresenter& presenter_;
  BoxToolConfig config_;
  ToolMode mode_ = ToolMode::Select;
  std::string className_ = "car";
  std::optional<Grab> grab_;
  std::optional<Eigen::Vector2d> press_;     // pixel of a left press that may become a click
  std::optional<Eigen::Vector3d> rectFrom_;  // ground point where a rubber band started
  std::optional<Eigen::Vector3d> cursor_;
};

}  // namespace lidarlabel
