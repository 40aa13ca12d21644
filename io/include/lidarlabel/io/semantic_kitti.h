#pragma once
// SemanticKITTI per-point labels (*.label): one little-endian uint32 per point, in sweep order,
// label = (instance << 16) | semantic. Semantic ids are SemanticKITTI raw ids (never learning ids).
#include <string>

#include "lidarlabel/core/annotation.h"

namespace lidarlabel {

// expectedCount >= 0: the label count must equal it (the sweep's point count), else FileError.
PointLabels readSemanticKittiLabels(const std::string& path, long long expectedCount = -1);
void writeSemanticKittiLabels(const std::string& path, const PointLabels& labels);  // atomic

}  // namespace lidarlabel
