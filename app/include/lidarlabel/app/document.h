#pragma once
// The open sequence and everything the views observe: the Sequence (frames + boxes), the
// Ontology, the undo stack, the current frame, the selection, and bounded caches of loaded
// sweeps and point labels.
//
// Identity: an object is named by (frame, ObjectId) where ObjectId is its trackId. A track id is
// the object's identity across frames and is unique within a frame (the mutators enforce it:
// adding or renumbering onto an id the frame already holds throws std::invalid_argument).
//
// Changes: views never change the model. Edits are QUndoCommands (app/commands/, one per file)
// created by the Editor (editor.h, the one edit API); their redo()/undo() call the mutators
// below, which emit typed change events naming the frame, the ids and the properties changed.
// Selection and the current frame are state, not undo steps.
#include <QObject>
#include <QUndoStack>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "lidarlabel/core/frame_cache.h"
#include "lidarlabel/core/ontology.h"
#include "lidarlabel/core/sequence.h"

namespace lidarlabel {

using ObjectId = std::uint32_t;  // == ObjectAnnotation::trackId

// Which properties of an object a change touched (bit set).
enum ObjectProperty : unsigned {
  kPropBox = 1u << 0,
  kPropClass = 1u << 1,
  kPropTrackId = 1u << 2,
  kPropAttributes = 1u << 3,
  kPropProvenance = 1u << 4,
  kPropReview = 1u << 5,
  kPropAll = (1u << 6) - 1,
};

// The ObjectProperty bits in which two versions of an object differ (0 = equal).
unsigned changedProperties(const ObjectAnnotation& before, const ObjectAnnotation& after);

// A typed change. ids: the objects as they are after the change (for a renumbering, ids holds
// the new ids and oldIds the previous ones, pairwise; oldIds is empty otherwise).
struct ObjectsEvent {
  std::size_t frame = 0;
  std::vector<ObjectId> ids;
  std::vector<ObjectId> oldIds;
  unsigned properties = 0;  // ObjectProperty bits; kPropAll for added / removed
  // true: someone else's change applied from a team server (applyRemoteObjects); no undo step
  // exists for it and server sync does not send it back.
  bool remote = false;
};

// A change of one frame's per-point labels: the points written (in write order), their count
// (indices.size()) and index range, so views recolour only those points.
struct PointLabelsEvent {
  std::size_t frame = 0;
  std::vector<std::uint32_t> indices;
  std::uint32_t first = 0, last = 0;  // smallest and largest index written (0, 0 when none)
  // true: someone else's labels applied from a team server (applyRemotePointLabels); no undo
  // step exists for it and server sync does not send it back.
  bool remote = false;
};

// Where a frame's point labels come from instead of the files (a team server): the labels of
// `frame` (empty = none), whose sweep has `points` points. Throws FileError.
using PointLabelLoader = std::function<PointLabels(std::size_t frame, std::size_t points)>;
// Hands out `count` consecutive new track ids and returns the first (a team server, so that two
// desks never create the same track). Throws on failure.
using TrackIdSource = std::function<ObjectId(std::size_t count)>;

struct DocumentConfig {
  std::size_t cachedFrames = 8;  // sweeps (and their point labels) kept in memory, >= 1
  // After each frame change the next and previous sweeps are read (and ground-segmented) by the
  // cache's worker thread, so stepping shows them without waiting on the disk.
  bool prefetch = true;
};

class Document : public QObject {
  Q_OBJECT
 public:
  explicit Document(DocumentConfig config = {}, QObject* parent = nullptr);
  ~Document() override;

  // Opens a sequence folder with io's openSequence() (native annotations when present, else the
  // folder's own labels: KITTI label_2/label_02, nuScenes tables, SemanticKITTI labels/).
  // Throws FileError; on failure the document keeps what it had.
  void open(const std::string& folder);
  // Replaces the whole model (open(), recovery, tests). Clears undo history and selection.
  void setSequence(Sequence sequence, std::string folder);
  void setOntology(Ontology ontology);

  bool isOpen() const { return !sequence_.frames.empty(); }
  const std::string& folder() const { return folder_; }
  const Sequence& sequence() const { return sequence_; }
  const Ontology& ontology() const { return ontology_; }
  QUndoStack* undoStack() { return &undoStack_; }
  // Modified = the undo stack is not at its clean index (see QUndoStack::setClean).
  bool isModified() const { return !undoStack_.isClean(); }

  std::size_t frameCount() const { return sequence_.frames.size(); }
  std::size_t currentFrame() const { return current_; }
  // Clamped to [0, frameCount-1]; emits currentFrameChanged only when it changes. Clears the
  // selection (ids are per frame) unless keepSelection, which keeps the ids present there.
  void setCurrentFrame(std::size_t frame, bool keepSelection = true);
  void stepFrames(long delta);

  // The sweep of a frame, through the cache; throws FileError for an unreadable sweep.
  std::shared_ptr<const PointCloud> cloud(std::size_t frame);
  const FrameCache& cache() const { return *cache_; }
  // The cache itself, shared: background loads keep it alive across setSequence().
  std::shared_ptr<FrameCache> sharedCache() const { return cache_; }
  // Ground removal of a frame's sweep (cached with it; the format's default GroundConfig:
  // groundConfigNuscenes() for "nuscenes-bin", else GroundConfig{}). Throws like cloud().
  std::shared_ptr<const GroundResult> ground(std::size_t frame);
  // Queues background reads of the frames around `frame` (no-op when config.prefetch is off).
  void prefetchAround(std::size_t frame);
  // Point labels of a frame (SemanticKITTI labels/, lidarseg, native sidecar), loaded lazily
  // with the sweep; null when the frame has none. Throws FileError for a damaged label file.
  // Edited labels stay in memory until saved and are updated in place by the mutators below.
  std::shared_ptr<const PointLabels> pointLabels(std::size_t frame);

  // --- Point labels: saving bookkeeping (document_labels.cpp; the Workspace calls these) ----
  // Frames whose labels changed since they were last saved, ascending.
  std::vector<std::size_t> unsavedPointLabelFrames() const;
  // The frames were written as sidecars: `paths` gives each one's sidecar path (relative to the
  // sequence root, Frame::pointLabelPath); they are no longer unsaved.
  void markPointLabelsSaved(const std::map<std::size_t, std::string>& paths);
  // The labels the frames' sidecars hold now become unsaved edits (a restored recovery file).
  // Throws FileError for an unreadable sweep or label file.
  void adoptPointLabels(const std::vector<std::size_t>& frames);

  // --- Reading objects ------------------------------------------------------------------
  const std::vector<ObjectAnnotation>& objects(std::size_t frame) const;
  // Null when the frame holds no object with that id.
  const ObjectAnnotation* object(std::size_t frame, ObjectId id) const;
  // An id no frame of the sequence uses yet (max + 1).
  ObjectId unusedTrackId() const;
  // `count` consecutive ids for new tracks, the first returned: from the TrackIdSource when one
  // is set (a team server), else unusedTrackId(). A failing source falls back to the larger of
  // unusedTrackId() and the source's last answer + 1 (lastTrackIdFallback() then says so).
  ObjectId newTrackIds(std::size_t count = 1);
  bool lastTrackIdFallback() const { return trackIdFallback_; }

  // --- Team server hooks (ServerSync; cleared by open()) -------------------------------------
  void setPointLabelLoader(PointLabelLoader loader) { labelLoader_ = std::move(loader); }
  void setTrackIdSource(TrackIdSource source) { trackIdSource_ = std::move(source); }

  // --- Selection (current frame; not an undo step) ----------------------------------------
  const std::vector<ObjectId>& selection() const { return selection_; }
  // Ids not present in the current frame are dropped. Emits selectionChanged when it changes.
  void setSelection(std::vector<ObjectId> ids);

  // --- Mutators: for commands only (app/commands/) ------------------------------------------
  // Inserts at `index` (clamped; default end). Throws std::invalid_argument on a duplicate id.
  void addObject(std::size_t frame, ObjectAnnotation object, std::size_t index = SIZE_MAX);
  // Removes and returns the object (and its index through *index when given); throws
  // std::out_of_range when absent. Removes it from the selection.
  ObjectAnnotation removeObject(std::size_t frame, ObjectId id, std::size_t* index = nullptr);
  // Replaces the object with that id by `object` (whose trackId may differ: a renumbering;
  // throws std::invalid_argument when the new id is taken). `properties` says what differs.
  void replaceObject(std::size_t frame, ObjectId id, ObjectAnnotation object, unsigned properties);
  // Replaces a frame's objects wholesale (imports, propagation); emits removed / added / changed
  // events computed by id. Throws std::invalid_argument when the list repeats an id.
  void setObjects(std::size_t frame, std::vector<ObjectAnnotation> objects);
  // Other people's changes from a team server (ServerSync): like setObjects, but the events
  // carry remote = true. Not an undo step and not a modification: the undo stack is untouched.
  void applyRemoteObjects(std::size_t frame, std::vector<ObjectAnnotation> objects);
  // Writes labels at the given points of a frame: one (semantic, instance) pair for all, or one
  // pair per point (semantic / instance as long as indices). A frame without labels first gets
  // all-zero labels of its sweep's size. Emits pointLabelsChanged; the frame becomes unsaved.
  // Throws FileError (unreadable sweep), std::out_of_range (an index beyond the sweep) and
  // std::invalid_argument (per-point arrays of another length).
  void setPointLabels(std::size_t frame, const std::vector<std::uint32_t>& indices,
                      std::uint16_t semantic, std::uint16_t instance);
  void setPointLabels(std::size_t frame, const std::vector<std::uint32_t>& indices,
                      const std::vector<std::uint16_t>& semantic,
                      const std::vector<std::uint16_t>& instance);
  // Replaces a frame's review record (decisions and comments, core/review.h); emits
  // frameReviewChanged. For commands only (SetFrameReviewCommand). Throws std::out_of_range.
  void setFrameReview(std::size_t frame, ReviewRecord review);
  // Other people's changes from a team server (ServerSync), not undo steps and not
  // modifications: a frame's whole labels (the points that differ are announced, remote = true;
  // empty = none; unsaved: they still hold local edits not yet committed, so they are kept in
  // memory) and a frame's review (frameReviewChanged).
  void applyRemotePointLabels(std::size_t frame, PointLabels labels, bool unsaved = false);
  void applyRemoteFrameReview(std::size_t frame, ReviewRecord review);
  // The frames' labels are on the team server now: no longer unsaved (may be evicted again).
  void markPointLabelsCommitted(const std::vector<std::size_t>& frames);

  // --- Active annotation time (not an undo step) --------------------------------------------
  // Adds seconds (> 0) to Frame::annotationSeconds. The window's ActiveTimeRecorder calls it.
  // It does not mark the document modified: the time is written with the next save (and with
  // each recovery file), never by itself. Emits annotationTimeChanged.
  void addAnnotationSeconds(std::size_t frame, double seconds);

 signals:
  void sequenceChanged();  // a whole new sequence: views rebuild everything
  void currentFrameChanged(int frame);
  void objectsAdded(const lidarlabel::ObjectsEvent& event);
  void objectsRemoved(const lidarlabel::ObjectsEvent& event);
  void objectsChanged(const lidarlabel::ObjectsEvent& event);
  void selectionChanged();
  void modifiedChanged(bool modified);
  void pointLabelsChanged(const lidarlabel::PointLabelsEvent& event);
  void frameReviewChanged(int frame);
  void annotationTimeChanged(int frame);

 private:
  PointLabels& editablePointLabels(std::size_t frame);
  void replaceFrameObjects(std::size_t frame, std::vector<ObjectAnnotation> objects, bool remote);
  void emitLabelsChanged(std::size_t frame, const std::vector<std::uint32_t>& indices);

  DocumentConfig config_;
  Sequence sequence_;
  Ontology ontology_;
  std::string folder_;
  std::size_t current_ = 0;
  std::vector<ObjectId> selection_;
  QUndoStack undoStack_;
  std::shared_ptr<FrameCache> cache_;
  std::map<std::size_t, std::shared_ptr<const PointLabels>> labels_;  // null = frame has none
  // Labels written by commands: kept (never evicted) while unsaved, updated in place.
  std::map<std::size_t, std::shared_ptr<PointLabels>> editedLabels_;
  std::set<std::size_t> unsavedLabels_;
  PointLabelLoader labelLoader_;
  TrackIdSource trackIdSource_;
  ObjectId lastSourcedId_ = 0;
  bool trackIdFallback_ = false;
};

}  // namespace lidarlabel

Q_DECLARE_METATYPE(lidarlabel::ObjectsEvent)
Q_DECLARE_METATYPE(lidarlabel::PointLabelsEvent)
