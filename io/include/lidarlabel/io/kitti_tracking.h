#pragma once
// KITTI tracking benchmark labels: one label_02/<seq>.txt per sequence (17 columns: frame,
// track id, then the label_2 columns; 18 with score) and calib/<seq>.txt. Box convention as in
// kitti_object.h. Spec: docs/label-formats.md, FORMATS.md §2.1.
//
// Track ids: KITTI id k <-> lidarlabel trackId k + 1 (trackId 0 means "no instance" in per-point
// labels). DontCare rows (track id -1) go to Frame::passthrough["kitti.dontcare"].
// Unedited imported rows are written back as read (kitti_object.h). Truncation is written as a
// level: the imported level ("kitti.truncation_level") of an unedited box, else 0 when less than
// 15% of the box lies outside the image (projected, or the imported label_2 fraction of an
// unedited box) and 1 otherwise. Rows: frame by frame, DontCare first, then objects by track id
// (the order of the released ground truth).
#include <cstddef>
#include <functional>
#include <string>

#include "lidarlabel/core/ontology.h"
#include "lidarlabel/core/sequence.h"
#include "lidarlabel/io/kitti_object.h"

namespace lidarlabel {

struct KittiTrackingImportReport {
  std::size_t frames = 0, objects = 0, dontCare = 0, tracks = 0;
};
// Adds the rows to sequence frame `row.frame` (frames are appended, with no sweep, when the file
// names frames beyond the sequence). Objects of frames named in the file are replaced.
KittiTrackingImportReport addKittiTrackingLabels(const std::vector<KittiLabel>& rows,
                                                 const KittiCalib& calib, const Ontology& ontology,
                                                 Sequence& sequence);
// Reads labelFile + calibFile and calls addKittiTrackingLabels.
KittiTrackingImportReport importKittiTrackingLabels(const std::string& labelFile,
                                                    const std::string& calibFile,
                                                    Sequence& sequence, const Ontology& ontology);

struct KittiTrackingRows {
  std::vector<KittiLabel> rows;  // frame order; DontCare, then objects by track id in a frame
  std::size_t skippedNoClass = 0, skippedOutside = 0;
  std::size_t computedOcclusion = 0;  // rows whose occlusion level was estimated
};
// Frame i's LiDAR points for the occlusion estimate (see KittiSweepLoader); called at most once
// per frame, only for frames that need it.
using KittiFrameSweepLoader = std::function<std::optional<PointCloud>(std::size_t frame)>;
// options.benchmark is ignored (always Tracking).
KittiTrackingRows kittiTrackingRowsFromSequence(const Sequence& sequence, const KittiCalib& calib,
                                                const Ontology& ontology,
                                                const KittiLabelOptions& options = {},
                                                const KittiFrameSweepLoader& sweep = {});

struct KittiTrackingExportSettings {
  std::string sequenceName;  // "" = the sequence's name when 4 digits, else "0000"
  std::string calibFile;     // "" = <root>/calib/<name>.txt, else <root>/../../calib/<name>.txt
  // nullopt = the PNG header of <root>/../../image_02/<name>/000000.png, else the KITTI default
  std::optional<KittiImageSize> image;
  bool withScore = false;
};
// Writes <outDir>/label_02/<name>.txt and <outDir>/calib/<name>.txt (tracking key names), each
// atomically, after every row has been converted. Occlusion of new/edited boxes is estimated
// with the frames' sweeps where they exist (kittiSweepForOcclusion).
KittiTrackingRows exportKittiTracking(const Sequence& sequence, const std::string& outDir,
                                      const Ontology& ontology,
                                      const KittiTrackingExportSettings& settings);

}  // namespace lidarlabel
