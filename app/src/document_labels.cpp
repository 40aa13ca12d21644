// Document: per-point labels (lazy loading, the command mutators, saving bookkeeping).
#include <algorithm>
#include <stdexcept>

#include "lidarlabel/app/document.h"
#include "lidarlabel/io/frame_labels.h"

namespace lidarlabel {

std::shared_ptr<const PointLabels> Document::pointLabels(std::size_t frame) {
  if (const auto e = editedLabels_.find(frame); e != editedLabels_.end()) return e->second;
  if (const auto it = labels_.find(frame); it != labels_.end()) return it->second;
  const std::shared_ptr<const PointCloud> c = cloud(frame);
  auto labels = std::make_shared<PointLabels>(
      labelLoader_ ? labelLoader_(frame, c->size())
                   : readFramePointLabels(sequence_, frame, c->size(), ontology_));
  std::shared_ptr<const PointLabels> result = labels->empty() ? nullptr : std::move(labels);
  // Bounded like the sweep cache: drop labels of frames the sweep cache no longer holds.
  for (auto it = labels_.begin(); it != labels_.end();)
    it = cache_->contains(it->first) ? std::next(it) : labels_.erase(it);
  labels_[frame] = result;
  return result;
}

PointLabels& Document::editablePointLabels(std::size_t frame) {
  if (const auto e = editedLabels_.find(frame); e != editedLabels_.end()) return *e->second;
  if (frame >= frameCount()) throw std::out_of_range("no frame " + std::to_string(frame));
  const std::shared_ptr<const PointLabels> loaded = pointLabels(frame);
  auto labels = loaded ? std::make_shared<PointLabels>(*loaded) : std::make_shared<PointLabels>();
  if (labels->empty()) labels->resize(cloud(frame)->size());
  labels_.erase(frame);
  return *(editedLabels_[frame] = std::move(labels));
}

void Document::emitLabelsChanged(std::size_t frame, const std::vector<std::uint32_t>& indices) {
  unsavedLabels_.insert(frame);
  PointLabelsEvent e{frame, indices, 0, 0};
  if (!indices.empty()) {
    const auto [lo, hi] = std::minmax_element(indices.begin(), indices.end());
    e.first = *lo;
    e.last = *hi;
  }
  emit pointLabelsChanged(e);
}

void Document::setPointLabels(std::size_t frame, const std::vector<std::uint32_t>& indices,
                              std::uint16_t semantic, std::uint16_t instance) {
  PointLabels& l = editablePointLabels(frame);
  for (const std::uint32_t i : indices)
    if (i >= l.size())
      throw std::out_of_range("point index " + std::to_string(i) + " beyond sweep");
  for (const std::uint32_t i : indices) {
    l.semantic[i] = semantic;
    l.instance[i] = instance;
  }
  emitLabelsChanged(frame, indices);
}

void Document::setPointLabels(std::size_t frame, const std::vector<std::uint32_t>& indices,
                              const std::vector<std::uint16_t>& semantic,
                              const std::vector<std::uint16_t>& instance) {
  if (semantic.size() != indices.size() || instance.size() != indices.size())
    throw std::invalid_argument("setPointLabels: one label per index expected");
  PointLabels& l = editablePointLabels(frame);
  for (const std::uint32_t i : indices)
    if (i >= l.size())
      throw std::out_of_range("point index " + std::to_string(i) + " beyond sweep");
  for (std::size_t k = 0; k < indices.size(); ++k) {
    l.semantic[indices[k]] = semantic[k];
    l.instance[indices[k]] = instance[k];
  }
  emitLabelsChanged(frame, indices);
}

void Document::applyRemotePointLabels(std::size_t frame, PointLabels labels, bool unsaved) {
  if (frame >= frameCount()) throw std::out_of_range("no frame " + std::to_string(frame));
  std::shared_ptr<const PointLabels> before;
  if (const auto e = editedLabels_.find(frame); e != editedLabels_.end())
    before = e->second;
  else if (const auto it = labels_.find(frame); it != labels_.end())
    before = it->second;
  PointLabelsEvent e{frame, {}, 0, 0, true};
  const std::size_t n = std::max(labels.size(), before ? before->size() : 0);
  for (std::size_t i = 0; i < n; ++i) {
    const bool had = before && i < before->size(), has = i < labels.size();
    if (had && has && before->semantic[i] == labels.semantic[i] &&
        before->instance[i] == labels.instance[i])
      continue;
    e.indices.push_back(static_cast<std::uint32_t>(i));
  }
  editedLabels_.erase(frame);
  unsavedLabels_.erase(frame);
  labels_.erase(frame);
  if (unsaved && !labels.empty()) {
    editedLabels_[frame] = std::make_shared<PointLabels>(std::move(labels));
    unsavedLabels_.insert(frame);
  } else {
    labels_[frame] =
        labels.empty() ? nullptr : std::make_shared<const PointLabels>(std::move(labels));
  }
  if (e.indices.empty()) return;
  e.first = e.indices.front();
  e.last = e.indices.back();
  emit pointLabelsChanged(e);
}

void Document::markPointLabelsCommitted(const std::vector<std::size_t>& frames) {
  for (const std::size_t frame : frames) {
    unsavedLabels_.erase(frame);
    if (const auto e = editedLabels_.find(frame); e != editedLabels_.end()) {
      labels_[frame] = std::move(e->second);
      editedLabels_.erase(e);
    }
  }
}

std::vector<std::size_t> Document::unsavedPointLabelFrames() const {
  return {unsavedLabels_.begin(), unsavedLabels_.end()};
}

void Document::markPointLabelsSaved(const std::map<std::size_t, std::string>& paths) {
  for (const auto& [frame, path] : paths) {
    if (frame >= frameCount()) continue;
    sequence_.frames[frame].pointLabelPath = path;
    unsavedLabels_.erase(frame);
    // Saved: the labels may now be evicted with their sweep, like any loaded frame's.
    if (const auto e = editedLabels_.find(frame); e != editedLabels_.end()) {
      labels_[frame] = std::move(e->second);
      editedLabels_.erase(e);
    }
  }
}

void Document::adoptPointLabels(const std::vector<std::size_t>& frames) {
  for (const std::size_t f : frames) {
    if (f >= frameCount()) continue;
    if (!pointLabels(f)) continue;  // the sidecar is gone: nothing to adopt
    editablePointLabels(f);
    unsavedLabels_.insert(f);
  }
}

}  // namespace lidarlabel
