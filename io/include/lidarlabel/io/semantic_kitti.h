#pragma once
// SemanticKITTI per-point labels (*.label): one little-endian uint32 per point, in sweep order,
// label = (instance << 16) | semantic. Semantic ids are SemanticKITTI raw ids (never learning ids).
#include <cstddef>
#include <functional>
#include <string>

#include "lidarlabel/core/annotation.h"
#include "lidarlabel/core/sequence.h"

namespace lidarlabel {

// expectedCount >= 0: the label count must equal it (the sweep's point count), else FileError.
PointLabels readSemanticKittiLabels(const std::string& path, long long expectedCount = -1);
void writeSemanticKittiLabels(const std::string& path, const PointLabels& labels);  // atomic

struct SemanticKittiExportReport {
  std::size_t frames = 0;  // frames with point labels written
};
// <outDir>/labels/<kittiFrameStem>.label for every frame with point labels (the stored raw ids),
// as one transaction over outDir (writeFolderAtomic; labels/ replaced as a whole, other files
// kept). Each frame's label count must equal its sweep's point count, else FileError naming the
// sidecar and both counts, and outDir is left exactly as it was. progress(i) after each frame.
SemanticKittiExportReport exportSemanticKitti(
    const Sequence& sequence, const std::string& outDir,
    const std::function<void(std::size_t)>& progress = {});

}  // namespace lidarlabel

#include "lidarlabel/core/ontology.h"

namespace lidarlabel {

// Class mapping of per-point labels through the ontology. PointLabels::semantic holds the
// SemanticKITTI raw id of an ontology class (ClassDef::semanticKittiId).
struct LabelMappingReport {
  std::size_t movingMapped = 0;  // SemanticKITTI moving-* points mapped to their static class
  std::size_t unknown = 0;       // points whose id/index no ontology class has -> 0 (unlabeled)
};

// SemanticKITTI moving classes 252..259 -> their static class id (moving-car 252 -> car 10, ...);
// other ids unchanged.
std::uint16_t semanticKittiStaticId(std::uint16_t rawId);

// Raw .label ids -> ontology ids: moving-* to static, ids without an ontology class to 0.
// Instances are kept.
PointLabels semanticKittiToOntology(const PointLabels& raw, const Ontology& ontology,
                                    LabelMappingReport* report = nullptr);

// readSemanticKittiLabels + semanticKittiToOntology. Export writes the stored raw ids as they
// are (writeSemanticKittiLabels).
PointLabels readSemanticKittiLabelsMapped(const std::string& path, const Ontology& ontology,
                                          long long expectedCount = -1,
                                          LabelMappingReport* report = nullptr);

}  // namespace lidarlabel
