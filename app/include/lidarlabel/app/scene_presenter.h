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
#include <vector>

#include "lidarlabel/app/document.h"
#include "lidarlabel/render/scene.h"

namespace lidarlabel {

class SceneView;

enum class PointColoring { Height, Intensity, BoxMembership, Label };

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
  // Hides the points that ground removal classifies as ground (cached per frame).
  void setHideGround(bool hide);
  bool hideGround() const { return hideGround_; }

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
  void applyGroundMask();
  void recolor();
  std::vector<std::uint8_t> colors() const;

  Document& doc_;
  SceneView& view_;
  PresenterConfig config_;
  PointColoring coloring_ = PointColoring::Height;
  bool hideGround_ = false;
  std::shared_ptr<const PointCloud> full_;
  std::vector<ObjectId> selected_;  // selection as last drawn
  std::size_t boxUpdates_ = 0;
  std::size_t shownFrame_ = SIZE_MAX;  // frame whose sweep and boxes are shown
};

}  // namespace lidarlabel
