#pragma once
// LiDAR-frame cuboids <-> KITTI camera-rect labels (FORMATS.md §1.3-§1.6, exact form), and the
// KITTI object benchmark layout (label_2/ + calib/ + image_2/). Spec: docs/label-formats.md.
//
// Round trip of KITTI-only fields: an imported object keeps them as attributes
//   "kitti.truncated", "kitti.occluded", "kitti.bbox" ("left top right bottom"), and
//   "kitti.geometry" ("h w l x y z ry" as read), "kitti.type" when the ontology has no class;
// on export they are reused only while the box still converts to the same geometry (within
// label rounding), i.e. until someone edits the box; otherwise they are computed.
// DontCare rows are kept per frame in Frame::passthrough["kitti.dontcare"].
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "lidarlabel/core/cuboid.h"
#include "lidarlabel/core/ontology.h"
#include "lidarlabel/core/sequence.h"
#include "lidarlabel/io/kitti_calib.h"
#include "lidarlabel/io/kitti_label.h"

namespace lidarlabel {

struct KittiImageSize {
  int width = 1242;  // px; the KITTI object benchmark's most common image_2 size
  int height = 375;  // px
};

// Width/height from a PNG file's IHDR chunk; nullopt if the file is missing or not a PNG.
std::optional<KittiImageSize> readPngSize(const std::string& path);

// LiDAR box -> label geometry: dimensions, location (bottom centre), rotation_y, alpha, 2-D bbox
// (8 corners projected with P2, near-plane clipped, clipped to the image) and truncation
// (fraction of the projected box outside the image). type/occluded/score are left to the
// caller (occluded = -1). nullopt when no part of the box projects into the image (KITTI cannot
// represent it).
std::optional<KittiLabel> kittiLabelFromCuboid(const Cuboid& box, const KittiCalib& calib,
                                               const KittiImageSize& image = {});

// Label -> LiDAR box (inverse chain of §1.6: geometric centre, yaw about LiDAR +z).
Cuboid cuboidFromKittiLabel(const KittiLabel& label, const KittiCalib& calib);

// One frame's labels -> objects (DontCare rows go to frame.passthrough, not to objects). Class
// names come from the ontology's kitti names (unknown types keep the KITTI type as class name).
// Track ids are assigned firstTrackId, firstTrackId + 1, ... (label_2 has no track ids).
void addKittiLabelsToFrame(const std::vector<KittiLabel>& labels, const KittiCalib& calib,
                           const Ontology& ontology, std::uint32_t firstTrackId, Frame& frame);

enum class KittiSkip { None, NoKittiClass, OutsideImage };
// One object -> one label row (type, geometry, alpha, bbox, truncation; the imported
// truncation/occlusion/bbox when the box is unedited). nullopt with *why set when it cannot be
// written: its class has no KITTI name, or it is not visible in image_2.
std::optional<KittiLabel> kittiLabelFromObject(const ObjectAnnotation& object,
                                               const KittiCalib& calib, const Ontology& ontology,
                                               const KittiImageSize& image,
                                               KittiSkip* why = nullptr);

// The DontCare rows kept in frame.passthrough["kitti.dontcare"].
std::vector<KittiLabel> kittiDontCareRows(const Frame& frame);

struct KittiFrameLabels {
  std::vector<KittiLabel> labels;  // objects first, then DontCare passthrough rows
  std::size_t skippedNoClass = 0;  // class without a KITTI name
  std::size_t skippedOutside = 0;  // box not visible in image_2
};
// Objects of one frame -> label_2 rows. withScore adds the score column (= confidence).
KittiFrameLabels kittiLabelsFromFrame(const Frame& frame, const KittiCalib& calib,
                                      const Ontology& ontology, const KittiImageSize& image,
                                      bool withScore = false);

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
};
// Writes <outDir>/label_2/<stem>.txt (a 0-byte file for an empty frame) and <outDir>/calib/
// <stem>.txt (7-line object layout). Each folder is replaced atomically: a failure leaves the
// previous folders as they were. progress(i) is called after each frame (may be empty).
KittiExportReport exportKittiObject(const Sequence& sequence, const std::string& outDir,
                                    const Ontology& ontology, const KittiExportSettings& settings,
                                    const std::function<void(std::size_t)>& progress = {});

}  // namespace lidarlabel
