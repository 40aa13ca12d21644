#pragma once
// Shared pieces of the nuScenes export/import/results. Private to io/.
#include <cstdint>
#include <string>
#include <vector>

#include "lidarlabel/io/nuscenes.h"

namespace lidarlabel::nusc {

inline constexpr const char* kLidarToEgoKey = "nuscenes.lidar_to_ego";

struct FrameGeometry {
  Eigen::Isometry3d lidarToEgo, egoToGlobal;
  std::int64_t timestampUs = 0;
};
std::vector<FrameGeometry> frameGeometry(const Sequence& s, const NuscenesExportSettings& settings);
Eigen::Isometry3d lidarToEgoOf(const Sequence& s, const NuscenesExportSettings& settings);
std::string poseText(const Eigen::Isometry3d& p);  // 12 row-major numbers

// Official attribute name for an object ("" = none), from "nuscenes.attribute" or the ontology's
// state/rider attributes.
std::string attributeName(const ObjectAnnotation& o, const std::string& category);

std::string sceneName(const Sequence& s, const NuscenesExportSettings& settings);
std::string sampleToken(const std::string& scene, std::size_t frame);

}  // namespace lidarlabel::nusc
