#include "lidarlabel/app/document.h"

#include <algorithm>
#include <utility>

#include "lidarlabel/io/ontology_io.h"
#include "lidarlabel/io/sequence_open.h"
#include "lidarlabel/io/sweep_io.h"

namespace lidarlabel {

namespace {
FrameCache::Loader sweepLoader(const Sequence& s) {
  // Captures only what the loader needs, by value, so the cache never dangles.
  std::vector<std::string> paths;
  paths.reserve(s.frames.size());
  for (std::size_t i = 0; i < s.frames.size(); ++i) paths.push_back(s.sweepPathOf(i));
  return [paths = std::move(paths), format = s.sweepFormat](std::size_t i) {
    return readSweep(paths.at(i), format);
  };
}
}  // namespace

Document::Document(DocumentConfig config, QObject* parent)
    : QObject(parent),
      config_(config),
      ontology_(defaultOntology()),
      cache_(std::make_unique<FrameCache>(sweepLoader(sequence_), config.cachedFrames)) {}

Document::~Document() = default;

void Document::open(const std::string& folder) {
  Sequence s = openSequence(folder);  // throws before anything changes
  setSequence(std::move(s), folder);
}

void Document::setSequence(Sequence sequence, std::string folder) {
  sequence_ = std::move(sequence);
  folder_ = std::move(folder);
  current_ = 0;
  cache_ = std::make_unique<FrameCache>(sweepLoader(sequence_), config_.cachedFrames);
  undoStack_.clear();
  emit sequenceChanged();
  emit currentFrameChanged(0);
}

void Document::setOntology(Ontology ontology) {
  ontology_ = std::move(ontology);
  emit annotationsChanged(static_cast<int>(current_));
}

void Document::setCurrentFrame(std::size_t frame) {
  if (frameCount() == 0) return;
  frame = std::min(frame, frameCount() - 1);
  if (frame == current_) return;
  current_ = frame;
  emit currentFrameChanged(static_cast<int>(frame));
}

void Document::stepFrames(long delta) {
  const long last = static_cast<long>(frameCount()) - 1;
  if (last < 0) return;
  setCurrentFrame(static_cast<std::size_t>(std::clamp(static_cast<long>(current_) + delta, 0L, last)));
}

std::shared_ptr<const PointCloud> Document::cloud(std::size_t frame) { return cache_->get(frame); }

const std::vector<ObjectAnnotation>& Document::objects(std::size_t frame) const {
  return sequence_.frames.at(frame).objects;
}

void Document::setObjects(std::size_t frame, std::vector<ObjectAnnotation> objects) {
  sequence_.frames.at(frame).objects = std::move(objects);
  emit annotationsChanged(static_cast<int>(frame));
}

}  // namespace lidarlabel
