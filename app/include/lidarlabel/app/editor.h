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
#include <QString>
#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "lidarlabel/app/document.h"
#include "lidarlabel/app/review_queue.h"
#include "lidarlabel/core/box_edit.h"
#include "lidarlabel/core/box_fit.h"
#include "lidarlabel/core/box_readout.h"
#include "lidarlabel/core/ground.h"
#include "lidarlabel/core/interpolation.h"
#include "lidarlabel/core/label_consistency.h"
#include "lidarlabel/core/point_selection.h"
#include "lidarlabel/core/size_prior.h"
#include "lidarlabel/core/tracking.h"
#include "lidarlabel/core/traffic_side.h"

namespace lidarlabel {

enum class DragKind { Move, Rotate, Face };
enum class ChangeKind : int;  // commands/change_objects.h

// Settings of the edit API; the defaults are what the window uses.
struct EditorConfig {
  NudgeSteps steps;
  // Ground removal for placing boxes and for the fits; nullopt = chosen by the sequence's sweep
  // format (groundConfigNuscenes() for "nuscenes-bin", else GroundConfig{}).
  std::optional<GroundConfig> ground;
  FitConfig fit;                 // one-click and rectangle fits
  std::size_t minFitPoints = 8;  // a one-click fit on fewer points falls back to the default size
  double groundRadius = 2.0;     // metres (BEV); ground height under a point = median around it
  std::size_t groundFrames = 4;  // frames whose ground result is kept (most recently used)
  double duplicateOffset = 1.0;  // metres along the box's own Left axis
  TrackerConfig tracker;         // propagate
  InterpolationConfig interpolation;
  // New boxes (one-click fit, default boxes) take a class's size from the sequence: the median
  // of the boxes people made or accepted, one per track, once there are minSamples of them
  // (core/size_prior.h); before, the ontology's default size.
  SizePriorConfig sizePrior;
  // A one-click fit cannot tell front from back: a vehicle's or cyclist's box is turned to face
  // the traffic on its side of the road (core/traffic_side.h). The side the open sequence
  // records (metadata kTrafficSideKey, e.g. a nuScenes scene in Singapore: left) wins over
  // traffic.side, which applies to sequences that record none (right-hand traffic by default).
  TrafficConfig traffic;
  // The time stamped on review decisions and comments (ISO 8601 UTC); empty = core's utcNow().
  std::function<std::string()> reviewClock;
};

// The name review decisions are recorded under when nobody set one: the login name ($USER,
// $LOGNAME or %USERNAME%, else the account's name), else "unknown".
std::string defaultReviewerName();

// Which boxes a fill from boxes uses: the given ones, every box of their tracks in every frame,
// or every box of the current frame.
enum class FillScope { Boxes, Tracks, Frame };

// Progress of a long edit (propagate): frames done of total; return false to cancel.
using EditProgress = std::function<bool(int done, int total)>;

class Editor {
 public:
  explicit Editor(Document& document, NudgeSteps steps = {});
  Editor(Document& document, EditorConfig config);
  Document& document() { return document_; }
  const NudgeSteps& steps() const { return config_.steps; }
  const EditorConfig& config() const { return config_; }

  // Ground removal of a frame's sweep with this editor's ground config, computed once and cached
  // (with the default config by the document's frame cache, which also prefetches it; with an
  // explicit config().ground here, for the last config().groundFrames frames; recomputed when
  // the document reloads the sweep).
  // Throws FileError for an unreadable sweep, like Document::cloud().
  std::shared_ptr<const GroundResult> ground(std::size_t frame);
  // The ground config used for the open sequence (config().ground or the format's default).
  GroundConfig groundConfig() const;
  // The traffic rule used for the open sequence: config().traffic with, in this order, the side
  // chosen in the window (setTrafficSide), the side the sequence records, config().traffic.side.
  TrafficConfig trafficConfig() const;
  // The side of the road chosen for this window session (Sequence > Traffic side); nullopt = the
  // one the sequence records. A setting, not an edit: no undo step, nothing saved.
  void setTrafficSide(std::optional<TrafficSide> side) { trafficChoice_ = side; }
  std::optional<TrafficSide> trafficSideChoice() const { return trafficChoice_; }
  // The side somebody told: the window's choice, else the side the sequence records; nullopt
  // when neither (pre-labelling then lets the oncoming tracks decide, core/traffic_detect.h).
  std::optional<TrafficSide> knownTrafficSide() const;
  // Live readout of an object of the current frame (points inside, and in the 0.3 m band outside
  // each face); nullopt for an unknown id or a frame without a sweep.
  std::optional<BoxReadout> readout(ObjectId id);

  // --- Create (the new object is selected; provenance Manual) -------------------------------
  // One-click fit at a LiDAR-frame point (e.g. a picked point): box fitted to the object under
  // the point with the class's prior, bottom on the ground from ground removal; the class's
  // default size centred there when too few points. nullopt when the frame has no sweep. The
  // prior and the default size are the sequence's (EditorConfig::sizePrior).
  std::optional<ObjectId> createAtPoint(const Eigen::Vector3d& point, const std::string& className);
  // Fit to the points inside a bird's-eye rectangle (two opposite corners, LiDAR x/y).
  std::optional<ObjectId> createFromRect(const Eigen::Vector2d& cornerA,
                                         const Eigen::Vector2d& cornerB,
                                         const std::string& className);
  // The class's default size (the sequence's, EditorConfig::sizePrior) standing on the ground at
  // (x, y) (z from ground removal), yaw.
  std::optional<ObjectId> createDefaultAt(const Eigen::Vector3d& point,
                                          const std::string& className, double yaw = 0.0);

  // --- Selection (state, not undoable) --------------------------------------------------------
  void select(std::vector<ObjectId> ids);

  // --- Geometry ------------------------------------------------------------------------------
  bool setBox(ObjectId id, const Cuboid& box, bool continuing = false);  // numeric entry
  bool nudgePosition(ObjectId id, BoxAxis axis, int steps, StepSize size, bool continuing = false);
  bool nudgeYaw(ObjectId id, int steps, StepSize size, bool continuing = false);
  bool nudgeSize(ObjectId id, BoxDimension dimension, int steps, StepSize size,
                 bool continuing = false);
  // The same for several boxes (e.g. the selection) as one undo step, each box in its own axes;
  // a held key's auto-repeats (continuing) merge into that step. Unknown ids are skipped; false
  // when none is known.
  bool nudgePosition(const std::vector<ObjectId>& ids, BoxAxis axis, int steps, StepSize size,
                     bool continuing = false);
  bool nudgeYaw(const std::vector<ObjectId>& ids, int steps, StepSize size,
                bool continuing = false);
  bool nudgeSize(const std::vector<ObjectId>& ids, BoxDimension dimension, int steps, StepSize size,
                 bool continuing = false);
  bool flipHeading(ObjectId id);
  // Handle drags (LiDAR-frame points, see box_edit.h); face only for DragKind::Face.
  bool beginDrag(ObjectId id, DragKind kind, const Eigen::Vector3d& from,
                 BoxFace face = BoxFace::Front);
  bool updateDrag(const Eigen::Vector3d& to);
  void endDrag();
  bool isDragging() const;

  // --- Properties ----------------------------------------------------------------------------
  // A class of the document's ontology; false for any other name.
  bool setClass(ObjectId id, const std::string& className);
  // Renumber; false when newId is taken in this frame (the document keeps ids unique).
  bool setTrackId(ObjectId id, ObjectId newId);
  // An empty value removes the attribute.
  bool setAttribute(ObjectId id, const std::string& key, const std::string& value);
  // Accepting an automatic / tracked / interpolated box makes it the annotator's (Manual); it
  // also records an acceptance at the review level (acceptObjects({id})).
  bool accept(ObjectId id);

  // --- Review (editor_review.cpp; docs/review.md) ---------------------------------------------
  // Each decision and comment records the reviewer's name, the review level and the time
  // (config().reviewClock). Decisions on objects are ChangeObjectsCommands (kPropReview), on the
  // frame SetFrameReviewCommands; undo removes the decision or comment.
  void setReviewer(std::string name);  // empty = defaultReviewerName()
  const std::string& reviewer() const { return reviewer_; }
  // The level decisions are recorded at: an index into the ontology's reviewLevels, or nullopt
  // (the default) = each record's next level needing a decision (the last level once done).
  void setReviewLevel(ReviewLevel level) { reviewLevel_ = level; }
  ReviewLevel reviewLevel() const { return reviewLevel_; }
  // The level a decision on a record with this progress is recorded at now; "" when the
  // ontology has no review levels or the chosen level is not one of them.
  std::string decisionLevel(const ReviewProgress& progress) const;
  // Accept / reject objects of the current frame at the review level with an optional note:
  // one undo step for all (unknown ids skipped; false when none is known or there is no level).
  // Accepting also makes a tool's box the annotator's (provenance Manual, confidence 1).
  bool acceptObjects(const std::vector<ObjectId>& ids, const std::string& note = {});
  bool rejectObjects(const std::vector<ObjectId>& ids, const std::string& note = {});
  // A comment on an object of the current frame (false for an unknown id or empty text).
  bool commentObject(ObjectId id, const std::string& text);
  // The same for the current frame's own review record: the frame is done when the last
  // level accepts it (core/review.h).
  bool acceptFrame(const std::string& note = {});
  bool rejectFrame(const std::string& note = {});
  bool commentFrame(const std::string& text);

  // --- Objects -------------------------------------------------------------------------------
  int remove(const std::vector<ObjectId>& ids);                       // one undo step
  std::vector<ObjectId> duplicate(const std::vector<ObjectId>& ids);  // new ids, offset 1 m left
  // Copies the boxes (same track ids) to the next frame, compensating ego motion when poses
  // exist; objects already there with that id are replaced. One undo step.
  int copyToNextFrame(const std::vector<ObjectId>& ids);
  // Tracks the boxes forward `frames` frames (clamped to the sequence) with the tracker's re-fit
  // (provenance Tracked), the re-fit's bias on each object measured first against the given box
  // on the current frame's sweep (core calibrateTracks); boxes of the same ids in those frames are
  // replaced, a frame where a track is not found keeps what it had. One undo macro. Returns the
  // number of boxes written; 0 and nothing changed when `progress` cancels.
  int propagate(const std::vector<ObjectId>& ids, int frames, const EditProgress& progress = {});
  // Fills the frames between the track's keyframes (Manual boxes) by world-frame interpolation
  // (provenance Interpolated). One undo macro. Returns the number of boxes written.
  int interpolate(ObjectId id);

  // --- Point labels (editor_labels.cpp) -------------------------------------------------------
  // Each call writes labels of the current frame (unless a frame is named) as one undo step and
  // returns the number of points whose labels changed (0 and no step when none). Only points
  // passing `filter` are written (restrictions: non-ground, unlabelled, inside a box, height).
  // Strokes: the first segment of a brush stroke is sent with continuing = false, the later
  // segments with true; they merge into one undo step.
  int paintPoints(const std::vector<std::uint32_t>& indices, std::uint16_t semantic,
                  std::uint16_t instance, const PointFilter& filter = {}, bool continuing = false);
  // paintPoints with a class of the ontology (its semanticKittiId) and instance; false-y 0 for
  // an unknown class.
  int paintClass(const std::vector<std::uint32_t>& indices, const std::string& className,
                 std::uint16_t instance = 0, const PointFilter& filter = {},
                 bool continuing = false);
  // Back to unlabelled (semantic 0, instance 0).
  int erasePoints(const std::vector<std::uint32_t>& indices, const PointFilter& filter = {},
                  bool continuing = false);
  // Labels the points inside boxes with their box's class and instance (core labelsFromBoxes:
  // the point-in-box owner rule). Tracks: one undo macro over every frame holding the ids.
  int fillFromBoxes(const std::vector<ObjectId>& ids, FillScope scope = FillScope::Boxes,
                    const PointFilter& filter = {});
  // The ground-removal result (ground(frame)) labelled as the class `className` (instance 0).
  int labelGround(const std::string& className, const PointFilter& filter = {});
  // Consistency: the labels of core instancesFromBoxes (no disagreement left in the frame).
  int fillInstancesFromBoxes();
  // After a box moved or was resized: points it now owns get its labels (as fillFromBoxes), its
  // instance's points it no longer owns become unlabelled. One undo step.
  int updateBoxPoints(ObjectId id);
  // Where boxes and point labels of a frame disagree (empty result without labels or sweep).
  DisagreementResult disagreements(std::size_t frame);
  // The semantic id of a class (ClassDef::semanticKittiId); nullopt for an unknown class.
  std::optional<std::uint16_t> semanticIdOf(const std::string& className) const;

 private:
  struct DragState;
  struct GroundCache;
  // Pushes a one-object change of the current frame (provenance becomes Manual for geometry).
  bool change(ObjectId id, const ObjectAnnotation& after, ChangeKind kind, const QString& text,
              bool continuing);
  bool changeBox(ObjectId id, const Cuboid& box, ChangeKind kind, const QString& text,
                 bool continuing);
  int pushLabels(std::size_t frame, std::vector<LabelGroup> groups, const PointFilter& filter,
                 const QString& text, bool continuing);
  // One command for the known ones of `ids`, each box replaced by edit(box) (provenance Manual).
  bool changeBoxes(const std::vector<ObjectId>& ids,
                   const std::function<Cuboid(const Cuboid&)>& edit, ChangeKind kind,
                   const QString& text, bool continuing);
  bool decideObjects(const std::vector<ObjectId>& ids, ReviewVerdict verdict,
                     const std::string& note);
  bool decideFrame(ReviewVerdict verdict, const std::string& note);
  std::string reviewTime() const;
  std::optional<ObjectId> addCreated(ObjectAnnotation object, const QString& text);
  std::optional<ObjectId> createDefault(const std::shared_ptr<const PointCloud>& cloud,
                                        const Eigen::Vector3d& point, const ClassDef& cls,
                                        double yaw);

  Document& document_;
  EditorConfig config_;
  std::shared_ptr<DragState> drag_;
  std::shared_ptr<GroundCache> groundCache_;
  const QUndoCommand* labelStroke_ = nullptr;  // the paint command of the stroke in progress
  std::string reviewer_;
  ReviewLevel reviewLevel_;
  std::optional<TrafficSide> trafficChoice_;

 public:
  // --- Whole tracks (editor_tracks.cpp): every box with the id, in every frame; one undo step
  // each; return the number of boxes changed (0: nothing changed, no step) -------------------
  int removeTracks(const std::vector<ObjectId>& ids);  // delete false tracks
  // Deletes the tracks' boxes in the current frame and every later one (the object left, or the
  // track slid off it here).
  int endTracks(const std::vector<ObjectId>& ids);
  // Accept every automatic / tracked / interpolated box of the tracks (provenance Manual).
  int acceptTracks(const std::vector<ObjectId>& ids);
  // A class of the ontology for every box of the track; 0 for any other name.
  int setTrackClass(ObjectId id, const std::string& className);
  // Flips the track's box in the current frame and, from there outwards frame by frame, turns by
  // pi every box of the track that points against the track's previous box (world frame, more
  // than 90 deg off; a box within 30 deg of square to it is left as it is): one consistent
  // heading for the track that still follows its turns.
  int flipTrackHeading(ObjectId id);
  // The size of the track's box in the current frame for all its boxes (a rigid object has one
  // size); each keeps its centre in x/y, its yaw and its bottom height; provenance unchanged.
  int applySizeToTrack(ObjectId id);
};

}  // namespace lidarlabel
