#pragma once
// The point-labelling tool: mouse input of the main view and the sub-views turned into Editor
// label calls (editor.h, "Point labels").
//
// Brush: a left drag paints the points within `radius` pixels of the pointer's path (core
// pointsNearSegment), one undo step per stroke (the first segment with continuing = false, the
// rest with true). The points are projected once when the stroke starts (the camera does not
// move while painting); only drawn points (not hidden ground, not hidden classes; in a sub-view
// the box's neighbourhood it shows) are candidates. Every point under the brush is painted
// whatever its depth: restrictions (height, inside the box, non-ground) narrow a stroke.
// Lasso: a left drag draws a polygon; on release the points inside it are labelled (one step).
// Erasing (the eraser, or Ctrl held): the same gestures write unlabelled (0, 0).
// Shift + left drag, right and middle drag, wheel: the camera, as with the box tool.
#include <QObject>
#include <QPointF>
#include <optional>
#include <string>
#include <vector>

#include "lidarlabel/app/editor.h"
#include "lidarlabel/render/view_tool.h"

namespace lidarlabel {

class ScenePresenter;
class SubViews;

enum class LabelMode { Brush, Lasso };

// Restrictions as the user sets them; insideSelectedBox is resolved to the selected box when a
// stroke starts.
struct LabelRestrictions {
  bool nonGroundOnly = false;
  bool unlabelledOnly = false;
  bool insideSelectedBox = false;
  std::optional<float> minZ, maxZ;  // metres, LiDAR z
};

struct LabelToolConfig {
  double radiusPx = 15.0;    // brush radius, logical pixels
  double minRadiusPx = 2.0;  // setRadius clamps to [min, max]
  double maxRadiusPx = 300.0;
  double lassoStepPx = 3.0;  // a lasso vertex every this many pixels of pointer travel
};

class LabelTool : public QObject, public ViewTool {
  Q_OBJECT
 public:
  LabelTool(Editor& editor, SceneView& mainView, const ScenePresenter& presenter,
            const SubViews* subViews, LabelToolConfig config = {}, QObject* parent = nullptr);

  void setMode(LabelMode mode);
  LabelMode mode() const { return mode_; }
  void setErasing(bool erasing);
  bool erasing() const { return erasing_; }
  void setRadius(double px);
  double radius() const { return config_.radiusPx; }
  // The class written by the brush and lasso (a class of the ontology) and the instance (0 =
  // none; a thing class's points usually carry the selected box's track id).
  void setClassName(const std::string& name) { className_ = name; }
  const std::string& className() const { return className_; }
  void setInstance(std::uint16_t instance) { instance_ = instance; }
  std::uint16_t instance() const { return instance_; }
  void setRestrictions(const LabelRestrictions& r) { restrictions_ = r; }
  const LabelRestrictions& restrictions() const { return restrictions_; }
  // The restrictions as a core filter for the current selection (inside box resolved).
  PointFilter filter() const;

  bool viewInput(SceneView& view, const ViewInput& input) override;
  // Hides the brush outline and drops a stroke in progress (tool switched away).
  void deactivate();

 signals:
  void radiusChanged(double px);
  void modeChanged(lidarlabel::LabelMode mode);
  void erasingChanged(bool erasing);
  // A stroke or lasso ended having changed `points` labels (0: nothing changed).
  void strokeFinished(int points);

 private:
  bool beginStroke(SceneView& view, const ViewInput& in);
  int apply(const std::vector<std::uint32_t>& indices, bool continuing);
  void showBrush(SceneView& view, double x, double y);

  Editor& editor_;
  SceneView& main_;
  const ScenePresenter& presenter_;
  const SubViews* subViews_;
  LabelToolConfig config_;
  LabelMode mode_ = LabelMode::Brush;
  bool erasing_ = false;
  std::string className_ = "road";
  std::uint16_t instance_ = 0;
  LabelRestrictions restrictions_;
  // The stroke in progress.
  SceneView* strokeView_ = nullptr;
  bool strokeErases_ = false;
  PointFilter strokeFilter_;
  ProjectedPoints projected_;
  Eigen::Vector2d last_ = Eigen::Vector2d::Zero();
  int strokePoints_ = 0;
  std::vector<Eigen::Vector2d> lasso_;
  SceneView* outlineView_ = nullptr;  // the view showing the brush outline
};

}  // namespace lidarlabel
