#pragma once
// The main view's presenter: turns Document events into SceneView updates and touches only what
// changed. objectsAdded/Removed/Changed on the current frame set or remove those boxes (keyed by
// track id); selectionChanged restyles the previously and newly selected boxes and moves the
// handles; currentFrameChanged / sequenceChanged reload the sweep and rebuild the boxes.
// Also owns what the view shows of the cloud: the point colouring and "hide ground".
#include <QObject>
#include <cstdint>
#include <memory>
#include <set>
#include <vector>

#include "lidarlabel/app/document.h"
#include "lidarlabel/core/label_colors.h"
#include "lidarlabel/render/scene.h"

namespace lidarlabel {

class SceneView;

// Label: semantic class colours; Instance: a colour per instance id; Disagreement: points whose
// instance label and box disagree (core label_consistency.h), magenta / orange, the rest grey.
enum class PointColoring { Height, Intensity, BoxMembership, Label, Instance, Disagreement };

// Handle ids on the selected box (HandleItem::id): a BoxFace index 0..5 resizes that face,
// kRotateHandle turns the box, kMoveHandle (the centre) moves it.
inline constexpr int kRotateHandle = -1;
inline constexpr int kMoveHandle = -2;

// The handles drawn on a selected box (LiDAR frame): the six face centres, the centre and a
// rotation knob 1 m beyond the front face.
std::vector<HandleItem> boxHandles(const Cuboid& box);

class ScenePresenter : public QObject {
  Q_OBJECT
 public:
  ScenePresenter(Document& document, SceneView& view, QObject* parent = nullptr);

  void setColoring(PointColoring coloring);
  PointColoring coloring() const { return coloring_; }
  // Hides the points that ground removal classifies as ground (cached per frame).
  void setHideGround(bool hide);
  bool hideGround() const { return hideGround_; }
  // Points whose semantic label is in `hidden` are neither drawn nor picked (hide / solo classes
  // in the legend); empty = all shown.
  void setHiddenClasses(std::set<std::uint16_t> hidden);
  const std::set<std::uint16_t>& hiddenClasses() const { return hiddenClasses_; }
  // One byte per point of frameCloud(): 1 = drawn (not hidden ground, not a hidden class).
  std::vector<std::uint8_t> drawnMask() const;
  // The colours of every point of frameCloud() as last computed (3 bytes per point).
  const std::vector<std::uint8_t>& pointColors() const { return fullRgb_; }
  // Label-colour recolours since the last full recolour that touched only the changed points.
  std::size_t partialRecolors() const { return partialRecolors_; }

  // The cloud the view shows now (after hiding ground), null when none; picking indexes it.
  const std::shared_ptr<const PointCloud>& shownCloud() const { return shown_; }
  // The current frame's full sweep, null when none could be read.
  const std::shared_ptr<const PointCloud>& frameCloud() const { return full_; }
  // Boxes set on the view since the last rebuild (the cost of an edit; tests and benchmarks).
  std::size_t boxUpdates() const { return boxUpdates_; }

 signals:
  // A sweep could not be read (message names the file).
  void loadFailed(const QString& message);
  void cloudShown();

 public slots:
  void reloadFrame();

 private:
  void rebuildBoxes();
  void showObject(ObjectId id);
  void onAdded(const ObjectsEvent& e);
  void onRemoved(const ObjectsEvent& e);
  void onChanged(const ObjectsEvent& e);
  void onSelection();
  void updateHandles();
  void showCloud();
  void recolor();
  std::vector<std::uint8_t> colors();
  std::vector<std::uint8_t> fullColors() const;
  std::vector<std::uint8_t> shownColors() const;
  void onLabelsChanged(const PointLabelsEvent& e);
  void applyClassMask();

  Document& doc_;
  SceneView& view_;
  PointColoring coloring_ = PointColoring::Height;
  bool hideGround_ = false;
  std::shared_ptr<const PointCloud> full_, shown_;
  std::vector<std::uint32_t> shownIndex_;  // shown point -> full point (empty = identity)
  std::vector<ObjectId> selected_;         // selection as last drawn
  std::size_t boxUpdates_ = 0;
  std::size_t shownFrame_ = SIZE_MAX;  // frame whose sweep and boxes are shown
  std::vector<std::uint8_t> fullRgb_;  // colours of every point of full_ (patched in place)
  std::set<std::uint16_t> hiddenClasses_;
  SemanticLut lut_;  // of the ontology at the last full recolour
  std::size_t partialRecolors_ = 0;
};

}  // namespace lidarlabel
