#pragma once
// Per-point labels from dataset files (SemanticKITTI .label, nuScenes lidarseg .bin) into a
// sequence as native sidecars, as one transaction with the sequence's native document.
#include <cstddef>
#include <functional>
#include <string>

#include "lidarlabel/core/annotation.h"
#include "lidarlabel/core/ontology.h"
#include "lidarlabel/core/sequence.h"
#include "lidarlabel/io/nuscenes.h"

namespace lidarlabel {

struct PointLabelSource {
  // Source file of frame i; "" or a file that does not exist = the frame has none.
  std::function<std::string(std::size_t frame)> fileFor;
  // Reads one file into ontology ids; a label count other than pointCount must throw FileError.
  std::function<PointLabels(const std::string& file, long long pointCount)> read;
};

// <dir>/<kittiFrameStem>.label, mapped through the ontology (readSemanticKittiLabelsMapped).
PointLabelSource semanticKittiLabelSource(const std::string& dir, const Sequence& sequence,
                                          const Ontology& ontology);
// <dir>/<sample_data token>_lidarseg.bin as exportNuscenes names it (tokens from `settings`),
// else <dir>/<sweep stem>_lidarseg.bin; indices mapped through the ontology.
PointLabelSource lidarsegLabelSource(const std::string& dir, const Sequence& sequence,
                                     const Ontology& ontology,
                                     const NuscenesExportSettings& settings = {});

struct PointLabelImportReport {
  std::size_t frames = 0;  // frames whose labels were imported
};

// For every frame with a source file: reads the sweep (for its point count) and the labels,
// writes <root>/point_labels/<stem>.llpl and sets Frame::pointLabelPath; then saves the native
// document at docPath. All of it is one transaction over the sequence root (writeFolderAtomic,
// nothing replaced wholesale): a failure at any frame leaves the root -- sidecars and document --
// byte-for-byte as it was, and `sequence` unchanged. docPath must lie directly in the root.
// progress(i) after each frame (may be empty).
PointLabelImportReport importPointLabels(Sequence& sequence, const std::string& docPath,
                                         const PointLabelSource& source,
                                         const std::function<void(std::size_t)>& progress = {});

}  // namespace lidarlabel
