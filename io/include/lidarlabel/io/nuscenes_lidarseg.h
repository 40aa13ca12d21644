#pragma once
// nuScenes lidarseg per-point labels: "<sample_data_token>_lidarseg.bin", one uint8 per point in
// sweep order, value = the category `index` (FORMATS.md §4.5, §4.6). Mapped through the
// ontology's nuscenes_lidarseg_index: index -> the first ontology class with that index (its
// SemanticKITTI id is stored); on export a class without an index is written as 0 (noise).
// Instances are not part of lidarseg (read gives instance 0).
#include <string>

#include "lidarlabel/core/annotation.h"
#include "lidarlabel/core/ontology.h"
#include "lidarlabel/core/sequence.h"
#include "lidarlabel/io/nuscenes.h"
#include "lidarlabel/io/semantic_kitti.h"

namespace lidarlabel {

// expectedCount >= 0 (the sweep's point count) must equal the file size, else FileError.
PointLabels readNuscenesLidarseg(const std::string& path, const Ontology& ontology,
                                 long long expectedCount = -1,
                                 LabelMappingReport* report = nullptr);
// Atomic. Semantic ids without an ontology class or index are written as 0 (counted in report).
void writeNuscenesLidarseg(const std::string& path, const PointLabels& labels,
                           const Ontology& ontology, LabelMappingReport* report = nullptr);

struct LidarsegExportReport {
  std::size_t frames = 0;   // frames with point labels written
  std::size_t unknown = 0;  // points written as 0 because their class has no lidarseg index
};
// Every frame with point labels (Frame::pointLabelPath) -> <dataroot>/lidarseg/<version>/
// <sample_data token>_lidarseg.bin and <dataroot>/<version>/lidarseg.json with {token =
// sample_data_token (FORMATS.md §4.5 pitfall), sample_data_token, filename}, as one transaction
// over dataroot (writeFolderAtomic; lidarseg/<version>/ replaced as a whole). A label count that
// differs from the sweep's point count fails the export. Tokens match exportNuscenes with the
// same settings.
LidarsegExportReport exportNuscenesLidarseg(const Sequence& sequence, const std::string& dataroot,
                                            const Ontology& ontology,
                                            const NuscenesExportSettings& settings = {});

}  // namespace lidarlabel
