#pragma once
// nuScenes lidarseg per-point labels: "<sample_data_token>_lidarseg.bin", one uint8 per point in
// sweep order, value = the category `index` (FORMATS.md §4.5, §4.6). Mapped through the
// ontology's nuscenes_lidarseg_index: index -> the first ontology class with that index (its
// SemanticKITTI id is stored); on export a class without an index is written as 0 (noise).
// Instances are not part of lidarseg (read gives instance 0).
#include <string>

#include "lidarlabel/core/annotation.h"
#include "lidarlabel/core/ontology.h"
#include "lidarlabel/io/semantic_kitti.h"

namespace lidarlabel {

// expectedCount >= 0 (the sweep's point count) must equal the file size, else FileError.
PointLabels readNuscenesLidarseg(const std::string& path, const Ontology& ontology,
                                 long long expectedCount = -1,
                                 LabelMappingReport* report = nullptr);
// Atomic. Semantic ids without an ontology class or index are written as 0 (counted in report).
void writeNuscenesLidarseg(const std::string& path, const PointLabels& labels,
                           const Ontology& ontology, LabelMappingReport* report = nullptr);

}  // namespace lidarlabel
