#pragma once
// A sequence: ordered frames (sweep reference, timestamp, ego pose) and their annotations.
// Point clouds are NOT held here; they are loaded on demand through a FrameCache, so a
// 10,000-frame sequence costs only its metadata and boxes.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <Eigen/Geometry>

#include "lidarlabel/core/annotation.h"

namespace lidarlabel {

struct FrameInfo {
  std::string sweepPath;         // relative to Sequence::root (or absolute)
  std::int64_t timestampUs = 0;  // microseconds; 0 when unknown
  // Pose of this sweep's LiDAR frame in the sequence's world frame (LiDAR -> world).
  std::optional<Eigen::Isometry3d> egoPose;
};

struct Frame {
  FrameInfo info;
  std::vector<ObjectAnnotation> objects;
  // Relative path of the native per-point label sidecar, "" = no point labels for this frame.
  std::string pointLabelPath;
  // Records of an imported format that the model does not represent, kept verbatim and written
  // back on export to that format. Key "kitti.dontcare": KITTI DontCare rows (15 label_2 columns).
  std::map<std::string, std::vector<std::string>> passthrough;
  // Frame-level review (core/review.h): the frame is done when reviewProgress(review,
  // levels).done, i.e. the last review level accepted it.
  ReviewRecord review;
  // Active annotation time spent on this frame, seconds (idle time excluded); 0 = not recorded.
  double annotationSeconds = 0.0;
};

struct Sequence {
  std::string name;
  std::string root;         // folder the relative paths are resolved against
  std::string sweepFormat;  // reader id, e.g. "kitti-bin", "nuscenes-bin", "pcd", "ply"
  std::vector<Frame> frames;
  std::map<std::string, std::string> metadata;  // free-form (source, simulator command, ...)

  std::size_t size() const { return frames.size(); }
  // Absolute path of frame i's sweep.
  std::string sweepPathOf(std::size_t i) const;
  // Largest trackId used in any frame, 0 if none.
  std::uint32_t maxTrackId() const;
};

// Resolves p against root unless p is absolute or root is empty.
std::string resolvePath(const std::string& root, const std::string& p);

}  // namespace lidarlabel
