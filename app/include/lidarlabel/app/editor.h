#pragma once
// The widget-free edit API: the one way annotations change. The window's tools call it, the
// tests call it, and the scripted annotator that measures effort calls it; every interaction a
// person can make in the window is one call here. Each call pushes QUndoCommands
// (app/commands/) onto the document's stack; the geometry comes from core (box_edit.h,
// box_fit.h, ground.h, tracking.h, interpolation.h).
//
// All calls act on the document's current frame unless a frame is named. Ids are track ids
// (document.h). Calls that cannot apply (unknown id, no sweep, nothing fitted) change nothing
// and return false / nullopt; they never throw for user-level misses.
//
// Gestures and merging: a call with `continuing = true` merges into the previous command when
// that command is of the same kind on the same ids (a held nudge key sends its first press with
// false and its auto-repeats with true; a spin box edit sends true while the same field keeps
// focus). A handle drag is beginDrag() .. updateDrag()* .. endDrag(): one undo step.
#include <Eigen/Core>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "lidarlabel/app/document.h"
#include "lidarlabel/core/box_edit.h"

namespace lidarlabel {

enum class DragKind { Move, Rotate, Face };

class Editor {
 public:
  explicit Editor(Document& document, NudgeSteps steps = {});
  Document& document() { return document_; }
  const NudgeSteps& steps() const { return steps_; }

  // --- Create (the new object is selected; provenance Manual) -------------------------------
  // One-click fit at a LiDAR-frame point (e.g. a picked point): box fitted to the object under
  // the point with the class's prior, bottom on the ground from ground removal; the class's
  // default size centred there when too few points. nullopt when the frame has no sweep.
  std::optional<ObjectId> createAtPoint(const Eigen::Vector3d& point, const std::string& className);
  // Fit to the points inside a bird's-eye rectangle (two opposite corners, LiDAR x/y).
  std::optional<ObjectId> createFromRect(const Eigen::Vector2d& cornerA,
                                         const Eigen::Vector2d& cornerB,
                                         const std::string& className);
  // The class's default size standing on the ground at (x, y) (z from ground removal), yaw.
  std::optional<ObjectId> createDefaultAt(const Eigen::Vector3d& point, const std::string& className,
                                          double yaw = 0.0);

  // --- Selection (state, not undoable) --------------------------------------------------------
  void select(std::vector<ObjectId> ids);

  // --- Geometry ------------------------------------------------------------------------------
  bool setBox(ObjectId id, const Cuboid& box, bool continuing = false);  // numeric entry
  bool nudgePosition(ObjectId id, BoxAxis axis, int steps, StepSize size, bool continuing = false);
  bool nudgeYaw(ObjectId id, int steps, StepSize size, bool continuing = false);
  bool nudgeSize(ObjectId id, BoxDimension dimension, int steps, StepSize size,
                 bool continuing = false);
  bool flipHeading(ObjectId id);
  // Handle drags (LiDAR-frame points, see box_edit.h); face only for DragKind::Face.
  bool beginDrag(ObjectId id, DragKind kind, const Eigen::Vector3d& from,
                 BoxFace face = BoxFace::Front);
  bool updateDrag(const Eigen::Vector3d& to);
  void endDrag();
  bool isDragging() const;

  // --- Properties ----------------------------------------------------------------------------
  bool setClass(ObjectId id, const std::string& className);
  // Renumber; false when newId is taken in this frame (the document keeps ids unique).
  bool setTrackId(ObjectId id, ObjectId newId);
  // An empty value removes the attribute.
  bool setAttribute(ObjectId id, const std::string& key, const std::string& value);
  // Accepting an automatic / tracked / interpolated box makes it the annotator's (Manual).
  bool accept(ObjectId id);

  // --- Objects -------------------------------------------------------------------------------
  int remove(const std::vector<ObjectId>& ids);                    // one undo step
  std::vector<ObjectId> duplicate(const std::vector<ObjectId>& ids);  // new ids, offset 1 m left
  // Copies the boxes (same track ids) to the next frame, compensating ego motion when poses
  // exist; objects already there with that id are replaced. One undo step.
  int copyToNextFrame(const std::vector<ObjectId>& ids);
  // Tracks the boxes forward `frames` frames with the tracker's re-fit (provenance Tracked).
  // One undo macro. Returns the number of boxes written.
  int propagate(const std::vector<ObjectId>& ids, int frames);
  // Fills the frames between the track's keyframes (Manual boxes) by world-frame interpolation
  // (provenance Interpolated). One undo macro. Returns the number of boxes written.
  int interpolate(ObjectId id);

 private:
  Document& document_;
  NudgeSteps steps_;
  struct DragState;
  std::shared_ptr<DragState> drag_;
};

}  // namespace lidarlabel
