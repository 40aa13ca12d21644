#pragma once
// Per-point labels of one frame, read from whatever the opened folder holds: the native
// sidecar (Frame::pointLabelPath) first, else SemanticKITTI `labels/<stem>.label` beside the
// sweeps' `velodyne/` folder, else nuScenes lidarseg (`lidarseg/<version>/<token>_lidarseg.bin`).
// Raw dataset ids are mapped to ontology semantic ids the same way `lidarlabel-cli import` maps
// them. Used lazily by the window (one frame at a time, with its sweep).
#include <cstddef>

#include "lidarlabel/core/annotation.h"
#include "lidarlabel/core/ontology.h"
#include "lidarlabel/core/sequence.h"

namespace lidarlabel {

// Returns empty labels when the frame has none. pointCount: the frame's sweep point count; a
// label file with another count throws FileError naming the file and both counts.
PointLabels readFramePointLabels(const Sequence& sequence, std::size_t frame,
                                 std::size_t pointCount, const Ontology& ontology);

}  // namespace lidarlabel
