#pragma once
// Shared pieces of the nuScenes export/import/results. Private to io/.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "lidarlabel/core/traffic_side.h"

#include "lidarlabel/io/nuscenes.h"
#include "lidarlabel/io/nuscenes_lidarseg.h"

namespace lidarlabel::nusc {

inline constexpr const char* kLidarToEgoKey = "nuscenes.lidar_to_ego";
// Sequence metadata: the locations of the sequence's scenes' logs, e.g. "singapore-onenorth".
inline constexpr const char* kLocationKey = "nuscenes.location";
// Object attributes an import sets so that an export writes the same values back.
inline constexpr const char* kCategoryKey = "nuscenes.category";          // category name
inline constexpr const char* kVisibilityKey = "nuscenes.visibility";      // level, e.g. "v60-80"
inline constexpr const char* kNumLidarPtsKey = "nuscenes.num_lidar_pts";  // as imported
inline constexpr const char* kBoxKey = "nuscenes.box";  // the imported sensor-frame box (boxText)
// Visibility of a box without an imported or annotated level: "4" (v80-100). LiDAR annotation has
// no camera visibility; a box someone placed is taken as visible unless nuscenes.visibility says.
inline constexpr const char* kDefaultVisibilityToken = "4";

// The object's nuScenes category: its class's nuScenes name, else the imported category
// (nuscenes.category), else its class name when that is an official category; "" = none.
std::string categoryOf(const ObjectAnnotation& o, const Ontology& ontology);
// "x y z l w h yaw pitch roll"; unedited(o): the box still equals the imported nuscenes.box.
std::string boxText(const Cuboid& box);
bool unedited(const ObjectAnnotation& o);
// Token "1".."4" of the object's visibility level (kDefaultVisibilityToken when none).
std::string visibilityToken(const ObjectAnnotation& o);

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

// Writes <root>/lidarseg/<version>/<sd token>_lidarseg.bin for every frame with point labels and
// <root>/<version>/lidarseg.json (no transaction: root is a staging folder). pointCounts[i] is
// frame i's sweep point count (the sweep is read when the vector is shorter); a label count that
// differs is a FileError naming the sidecar.
LidarsegExportReport writeLidarseg(const Sequence& s, const std::string& root,
                                   const Ontology& ontology, const NuscenesExportSettings& settings,
                                   const std::vector<long long>& pointCounts);

// nuScenes was driven in Boston (right-hand traffic) and Singapore (left-hand traffic); its
// log locations start with the city ("boston-seaport", "singapore-onenorth"). Other -> nullopt.
std::optional<TrafficSide> trafficSideOfLocation(const std::string& location);
// Follows sample -> scene -> log for each of `sampleTokens` and records in s.metadata the logs'
// locations (kLocationKey, sorted, ", "-joined) and, when they all lie in one city, its traffic
// side (kTrafficSideKey). Does nothing without sample.json, scene.json and log.json in tableDir;
// a dangling token is a FileError naming the table that refers to it.
void addLocation(const std::string& tableDir, const std::vector<std::string>& sampleTokens,
                 Sequence& s);

}  // namespace lidarlabel::nusc
