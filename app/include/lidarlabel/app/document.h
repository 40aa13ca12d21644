#pragma once
// The open sequence and everything the views observe: the Sequence (frames + boxes), the
// Ontology, the undo stack, the current frame, and a bounded cache of loaded sweeps.
// Views never change the model directly: edits go through QUndoCommands (app/commands/) that call
// the mutators below, which emit the change signals.
#include <QObject>
#include <QUndoStack>
#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "lidarlabel/core/frame_cache.h"
#include "lidarlabel/core/ontology.h"
#include "lidarlabel/core/sequence.h"

namespace lidarlabel {

struct DocumentConfig {
  std::size_t cachedFrames = 8;  // sweeps kept in memory (LRU window), >= 1
};

class Document : public QObject {
  Q_OBJECT
 public:
  explicit Document(DocumentConfig config = {}, QObject* parent = nullptr);
  ~Document() override;

  // Opens a sequence folder with io's openSequence() (native annotations when present).
  // Throws FileError; on failure the document keeps what it had.
  void open(const std::string& folder);
  // Replaces the whole model (used by open(); also for tests and importers). Clears undo history.
  void setSequence(Sequence sequence, std::string folder);
  void setOntology(Ontology ontology);

  bool isOpen() const { return !sequence_.frames.empty(); }
  const std::string& folder() const { return folder_; }
  const Sequence& sequence() const { return sequence_; }
  const Ontology& ontology() const { return ontology_; }
  QUndoStack* undoStack() { return &undoStack_; }

  std::size_t frameCount() const { return sequence_.frames.size(); }
  std::size_t currentFrame() const { return current_; }
  // Clamped to [0, frameCount-1]; emits currentFrameChanged only when it changes.
  void setCurrentFrame(std::size_t frame);
  void stepFrames(long delta);

  // The sweep of a frame, through the cache; throws FileError for an unreadable sweep.
  std::shared_ptr<const PointCloud> cloud(std::size_t frame);
  const FrameCache& cache() const { return *cache_; }

  const std::vector<ObjectAnnotation>& objects(std::size_t frame) const;
  // Mutator for commands: replaces a frame's objects and emits annotationsChanged(frame).
  void setObjects(std::size_t frame, std::vector<ObjectAnnotation> objects);

 signals:
  void sequenceChanged();
  void currentFrameChanged(int frame);
  void annotationsChanged(int frame);

 private:
  DocumentConfig config_;
  Sequence sequence_;
  Ontology ontology_;
  std::string folder_;
  std::size_t current_ = 0;
  QUndoStack undoStack_;
  std::unique_ptr<FrameCache> cache_;
};

}  // namespace lidarlabel
