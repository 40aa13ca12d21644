#pragma once
// The three orthographic sub-views (top, side, front) that follow the selected box: each shows
// the box, its handles and the points of its neighbourhood (the box grown by
// SubViewConfig::margin), enlarged, with a camera aligned to the box's own axes. They observe the
// document (selection, the selected object's changes, frame changes) and update only then.
// Top: looking down, heading up on screen. Side: from the box's right, heading to the right.
// Front: looking at the front face (the +length side).
#include <QWidget>
#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

#include "lidarlabel/app/document.h"
#include "lidarlabel/render/orbit_camera.h"

namespace lidarlabel {

class SceneView;
class ViewTool;

// The three views are render's box views (boxViewCamera in orbit_camera.h).
using SubViewKind = BoxView;

struct SubViewConfig {
  // Metres of neighbourhood around the box on every side: its points are shown and the camera
  // frames the box plus this margin (boxViewCamera), drawing only the box's slab.
  double margin = 1.5;
  float pointSize = 4.0f;  // pixels (the main view's default is 2)
};

class SubViews : public QWidget {
  Q_OBJECT
 public:
  SubViews(Document& document, SubViewConfig config = {}, QWidget* parent = nullptr);

  SceneView* view(SubViewKind kind) const { return views_[static_cast<int>(kind)]; }
  // The tool that gets mouse input in the three views (not owned).
  void setTool(ViewTool* tool);
  // The box the views follow now (nullopt when no single object is selected).
  std::optional<ObjectId> followed() const { return followed_; }
  const SubViewConfig& config() const { return config_; }
  // While a drag is in progress the cameras hold still (the pointer's ray must not move with the
  // box); when it ends they reframe on the box.
  void setDragging(bool dragging);
  // Colours of the shown points, given their indices in the frame's sweep (e.g. the main view's
  // label colours while labelling); unset = inside the box white, around it grey. Setting it, and
  // any point-label change while it is set, redraws the points (label changes coalesced, 50 ms).
  using PointColorFn = std::function<std::vector<std::uint8_t>(const std::vector<std::uint32_t>&)>;
  void setPointColors(PointColorFn colors);

 public slots:
  // Reframes the cameras on the followed box (also done whenever the selection changes).
  void reframe();

 private:
  void follow();
  void showBox(bool reframeCameras);
  void onChanged(const ObjectsEvent& e);

  Document& doc_;
  SubViewConfig config_;
  std::array<SceneView*, 3> views_{};
  std::optional<ObjectId> followed_;
  bool dragging_ = false;
  PointColorFn colorFn_;
  bool recolorPending_ = false;
};

}  // namespace lidarlabel
