#pragma once
// The main view's presenter: turns Document events into SceneView updates and touches only what
// changed. objectsAdded/Removed/Changed on the current frame set or remove those boxes (keyed by
// track id); selectionChanged restyles the previously and newly selected boxes and moves the
// handles; currentFrameChanged / sequenceChanged reload the sweep and rebuild the boxes.
// Also owns what the view shows of the cloud: the point colouring and "hide ground" (a visibility
// mask on the view: point indices stay the frame's). The view shares the document's cloud (no
// copy); handing a big one over shows a progress dialog with Cancel (PresenterConfig).
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

struct PresenterConfig {
  // Clouds of at least this many points are handed to the view with a progress dialog (Cancel
  // leaves the view empty), shown when the hand-over lasts longer than progressDelayMs.
  std::size_t progressPoints = 2'000'000;
  int progressDelayMs = 500;
};

class ScenePresenter : public QObject {
  Q_OBJECT
 public:
  ScenePresenter(Document& document, SceneView& view, QObject* parent = nullptr,
                 PresenterConfig config = {});

  void setColoring(PointColoring coloring);
  PointColoring coloring() const { return coloring_; }
  // Hides the points that ground removal classifies as ground (Document::ground, cached per
  // frame); combined with the hidden classes in one mask over the full sweep.
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

  // The cloud the view shows now (hidden ground is masked, not removed: this is the frame's
  // sweep), null when none; picking indexes it.
  const std::shared_ptr<const PointCloud>& shownCloud() const { return full_; }
  // The current frame's full sweep, null when none could be read.
  const std::shared_ptr<const PointCloud>& frameCloud() const { return full_; }
  // Boxes set on the view since the last rebuild (the cost of an edit; tests and benchmarks).
  std::size_t boxUpdates() const { return boxUpdates_; }

 signals:
  // A sweep could not be read (message names the file).
  void loadFailed(const QString& message);
  void cloudShown();
  // The user cancelled handing a big sweep to the view; it shows no points.
  void drawCancelled();

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
  // Recomputes fullRgb_ for the current colouring and returns it.
  const std::vector<std::uint8_t>& colors();
  std::vector<std::uint8_t> fullColors() const;
  void onLabelsChanged(const PointLabelsEvent& e);
  // Sets the view's mask to drawnMask() (hidden ground AND hidden classes), or clears it.
  void applyMask();

  Document& doc_;
  SceneView& view_;
  PresenterConfig config_;
  PointColoring coloring_ = PointColoring::Height;
  bool hideGround_ = false;
  std::shared_ptr<const PointCloud> full_;
  std::vector<ObjectId> selected_;  // selection as last drawn
  std::size_t boxUpdates_ = 0;
  std::size_t shownFrame_ = SIZE_MAX;  // frame whose sweep and boxes are shown
  std::vector<std::uint8_t> fullRgb_;  // colours of every point of full_ (patched in place)
  std::set<std::uint16_t> hiddenClasses_;
  SemanticLut lut_;  // of the ontology at the last full recolour
  std::size_t partialRecolors_ = 0;
};

}  // namespace lidarlabel
