#pragma once
// LiDAR-frame cuboids <-> KITTI camera-rect labels (FORMATS.md §1.3-§1.6, exact form), and the
// KITTI object benchmark layout (label_2/ + calib/ + image_2/). Spec: docs/label-formats.md.
//
// Round trip: an imported object keeps the text of its row (not re-rounded numbers) as attributes
//   "kitti.geometry"   "h w l x y z ry" as read: marks the box as imported
//   "kitti.alpha", "kitti.occluded", "kitti.bbox" ("left top right bottom"), "kitti.score",
//   "kitti.truncated"  (object benchmark: fraction) or "kitti.truncation_level" (tracking: level),
//   "kitti.type"       the KITTI type when the ontology has no class for it.
// While the box still converts to the geometry it was read with (1e-4 m / 1e-4 rad), it is
// "unedited": its row is written back exactly as read, even where our own projection would
// disagree (e.g. a 2-D box at the image edge). Once edited, every value is computed.
// DontCare rows are kept as read per frame in Frame::passthrough["kitti.dontcare"].
// Annotator override: an "occluded" attribute "0".."3" replaces the occlusion level.
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "lidarlabel/core/cuboid.h"
#include "lidarlabel/core/ontology.h"
#include "lidarlabel/core/point_cloud.h"
#include "lidarlabel/core/sequence.h"
#include "lidarlabel/io/kitti_calib.h"
#include "lidarlabel/io/kitti_label.h"
#include "lidarlabel/io/kitti_occlusion.h"

namespace lidarlabel {

struct KittiImageSize {
  int width = 1242;  // px; the KITTI object benchmark's most common image_2 size
  int height = 375;  // px
};

// Width/height from a PNG file's IHDR chunk; nullopt if the file is missing or not a PNG.
std::optional<KittiImageSize> readPngSize(const std::string& path);

// LiDAR box -> the label's 3-D columns: dimensions (h w l), location (bottom centre, rect),
// rotation_y and alpha. bbox/truncated/occluded keep their defaults.
KittiLabel kittiGeometryFromCuboid(const Cuboid& box, const KittiCalib& calib);

// The observation angle of a label's geometry, as KITTI computes it: alpha = wrap(ry -
// atan2(-y, x)) with (x, y) the bottom centre in the LiDAR frame (T^-1 location), i.e. the
// heading relative to the ray from the LiDAR. Valid in every direction (beside or behind the
// camera too); reproduces the released tracking ground truth to its 6 decimals (FORMATS.md §1.4
// writes the camera-origin form, which differs by the 0.27 m camera-LiDAR offset).
double kittiAlpha(const KittiLabel& geometry, const KittiCalib& calib);

struct KittiImageBox {
  std::array<double, 4> bbox{0, 0, 0, 0};  // left, top, right, bottom, px
  double truncated = 0;                    // fraction of the projected box outside the image
};
// The 8 corners near-plane clipped (camera z >= 0.1 m), projected with P2 and clipped to
// [0, W-1] x [0, H-1]. nullopt when no part lies in the image: wholly behind the near plane, or
// projecting wholly outside the image, or to a zero-width/height strip on its border.
std::optional<KittiImageBox> kittiImageBox(const KittiLabel& geometry, const KittiCalib& calib,
                                           const KittiImageSize& image);

// kittiGeometryFromCuboid + kittiImageBox (occluded -1, left to the caller); nullopt when the box
// is not in the image.
std::optional<KittiLabel> kittiLabelFromCuboid(const Cuboid& box, const KittiCalib& calib,
                                               const KittiImageSize& image = {});

// Label -> LiDAR box (inverse chain of §1.6: geometric centre, yaw about LiDAR +z).
Cuboid cuboidFromKittiLabel(const KittiLabel& label, const KittiCalib& calib);

// One frame's label_2 rows -> objects with the round-trip attributes above (DontCare rows go to
// frame.passthrough). Class names come from the ontology's kitti names (unknown types keep the
// KITTI type as class name). Track ids firstTrackId, firstTrackId + 1, ... (label_2 has none).
void addKittiLabelsToFrame(const std::vector<KittiLabel>& labels, const KittiCalib& calib,
                           const Ontology& ontology, std::uint32_t firstTrackId, Frame& frame);

enum class KittiBenchmark {
  Object,    // label_2: truncation is the fraction 0..1 outside the image
  Tracking,  // label_02: truncation is a level (kitti_tracking.h)
};

struct KittiLabelOptions {
  KittiImageSize image;                               // image_2 size (2-D box, truncation)
  KittiBenchmark benchmark = KittiBenchmark::Object;  // meaning of the truncation column
  bool withScore = false;  // results file: score = the imported score (unedited), else confidence
  KittiOcclusionRule occlusion;  // computed occlusion levels (kitti_occlusion.h)
};

enum class KittiSkip { None, NoKittiClass, OutsideImage };

struct KittiObjectRow {
  KittiLabel label;             // trackId = object trackId - 1 (KITTI tracking numbering)
  bool imported = false;        // unedited imported box: written back as read
  bool occlusionKnown = false;  // imported level or the annotator's; else computed per frame
};
// One object -> its row. nullopt with *why set when it cannot be written: its class has no
// KITTI name (KittiSkip::NoKittiClass), or it is new/edited and not visible in image_2
// (KittiSkip::OutsideImage, see kittiImageBox). Unedited imported boxes are never OutsideImage.
std::optional<KittiObjectRow> kittiRowFromObject(const ObjectAnnotation& object,
                                                 const KittiCalib& calib, const Ontology& ontology,
                                                 const KittiLabelOptions& options,
                                                 KittiSkip* why = nullptr);

// The DontCare rows kept in frame.passthrough["kitti.dontcare"], with their text as read.
std::vector<KittiLabel> kittiDontCareRows(const Frame& frame);

struct KittiFrameLabels {
  std::vector<KittiLabel> labels;     // objects in frame order, then DontCare passthrough rows
  std::size_t skippedNoClass = 0;     // class without a KITTI name
  std::size_t skippedOutside = 0;     // new/edited box not visible in image_2
  std::size_t computedOcclusion = 0;  // rows whose occlusion level was estimated
};
// The frame's LiDAR points for the occlusion estimate; called at most once, and only when a row
// needs a computed occlusion. nullopt (or an empty function) = estimate from the boxes only.
using KittiSweepLoader = std::function<std::optional<PointCloud>()>;
// Objects of one frame -> rows (DontCare rows are left out of results files, withScore).
KittiFrameLabels kittiLabelsFromFrame(const Frame& frame, const KittiCalib& calib,
                                      const Ontology& ontology,
                                      const KittiLabelOptions& options = {},
                                      const KittiSweepLoader& sweep = {});

// The frame's sweep for the occlusion estimate: read with non-finite points dropped; nullopt
// when the frame names no sweep or the file does not exist (a damaged file -> FileError).
std::optional<PointCloud> kittiSweepForOcclusion(const Sequence& sequence, std::size_t frame);

// KITTI file stem of frame i: the sweep's stem when it is all digits (e.g. "000123"),
// else the 6-digit frame index.
std::string kittiFrameStem(const Sequence& sequence, std::size_t frame, int digits = 6);

struct KittiImportReport {
  std::size_t frames = 0, objects = 0, dontCare = 0;
};
// Reads <kittiDir>/label_2/<stem>.txt with <kittiDir>/calib/<stem>.txt for every frame of the
// sequence (stem = kittiFrameStem) and replaces those frames' objects. A frame without a label
// file is left untouched; a label file without its calib -> FileError.
KittiImportReport importKittiObjectLabels(const std::string& kittiDir, Sequence& sequence,
                                          const Ontology& ontology);

struct KittiExportSettings {
  std::string calibFile;                // "" = <sequence root>/calib/<stem>.txt per frame
  std::optional<KittiImageSize> image;  // nullopt = image_2/<stem>.png header, else default
  bool withScore = false;               // results file (16 columns)
};
struct KittiExportReport {
  std::size_t frames = 0, objects = 0, skippedNoClass = 0, skippedOutside = 0;
  std::size_t computedOcclusion = 0;
};
// Writes <outDir>/label_2/<stem>.txt (a 0-byte file for an empty frame) and <outDir>/calib/
// <stem>.txt (7-line object layout). Each folder is replaced atomically: a failure leaves the
// previous folders as they were. progress(i) is called after each frame (may be empty).
KittiExportReport exportKittiObject(const Sequence& sequence, const std::string& outDir,
                                    const Ontology& ontology, const KittiExportSettings& settings,
                                    const std::function<void(std::size_t)>& progress = {});

}  // namespace lidarlabel
