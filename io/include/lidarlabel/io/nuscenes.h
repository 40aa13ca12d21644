#pragma once
// nuScenes: a sequence as the 13 JSON tables the nuScenes devkit loads, the detection-results
// submission JSON, and import of sample_annotation back into LiDAR-frame boxes.
// Spec: docs/label-formats.md, FORMATS.md §4.
//
// Frames: boxes live in the LIDAR_TOP sensor frame of their sweep. lidarToEgo is the
// calibrated_sensor pose (sensor -> ego), egoToGlobal the ego_pose (ego -> global); a sequence
// frame's egoPose (LiDAR -> world) is egoToGlobal * lidarToEgo. The export takes lidarToEgo from
// NuscenesExportSettings (default: the sequence metadata "nuscenes.lidar_to_ego", 12 row-major
// numbers, set by the import; else identity) and derives egoToGlobal = egoPose * lidarToEgo^-1.
// Quaternions in the files are w, x, y, z; sizes w, l, h.
#include <Eigen/Core>
#include <Eigen/Geometry>
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "lidarlabel/core/cuboid.h"
#include "lidarlabel/core/ontology.h"
#include "lidarlabel/core/point_cloud.h"
#include "lidarlabel/core/sequence.h"

namespace lidarlabel {

// A box as a sample_annotation stores it (global frame).
struct NuscenesBox {
  Eigen::Vector3d translation = Eigen::Vector3d::Zero();  // centre, m
  Eigen::Vector3d sizeWlh = Eigen::Vector3d::Ones();      // width, length, height, m
  Eigen::Quaterniond rotation = Eigen::Quaterniond::Identity();
};

// FORMATS.md §4.3a: translation = R_ego (R_cs c + t_cs) + t_ego, rotation = q_ego q_cs q_box.
NuscenesBox nuscenesBoxFromLidar(const Cuboid& box, const Eigen::Isometry3d& lidarToEgo,
                                 const Eigen::Isometry3d& egoToGlobal);
// The inverse chain (NuScenes.get_sample_data): p_sensor = R_cs^-1 (R_ego^-1 (p - t_ego) - t_cs).
Cuboid lidarBoxFromNuscenes(const NuscenesBox& box, const Eigen::Isometry3d& lidarToEgo,
                            const Eigen::Isometry3d& egoToGlobal);

// Points of the cloud inside the box, faces inclusive (devkit points_in_box), sensor frame.
std::size_t countPointsInBoxInclusive(const PointCloud& cloud, const Cuboid& box);

// nuScenes detection class (one of the 10) of a general category name, "" when the category is
// not evaluated (FORMATS.md §4.7).
std::string nuscenesDetectionName(const std::string& category);

// One category of the official nuScenes v1.0 taxonomy: name, category.json `index` (used by
// lidarseg files), description.
struct NuscenesCategory {
  const char* name;
  int index;
  const char* description;
};
// All 32 official categories in release order (index 0..31, FORMATS.md §4.6).
const std::vector<NuscenesCategory>& nuscenesOfficialCategories();
// nullptr when the name is not an official category.
const NuscenesCategory* findNuscenesOfficialCategory(const std::string& name);

// Deterministic 32-hex token for (kind, key): same sequence -> same tokens.
std::string nuscenesToken(const std::string& kind, const std::string& key);

struct NuscenesExportSettings {
  std::string version = "v1.0-lidarlabel";      // tables go to <dataroot>/<version>/
  std::string sceneName;                        // "" = "scene-" + sequence name
  std::string location = "lidarlabel";          // log.location
  std::string vehicle = "lidarlabel";           // log.vehicle
  std::optional<Eigen::Isometry3d> lidarToEgo;  // nullopt = sequence metadata, else identity
  bool writeSweeps = true;  // write every sweep as <dataroot>/samples/LIDAR_TOP/<stem>.pcd.bin
  std::string splitName = "lidarlabel";  // splits.json: {splitName: [the exported scene]}
};

// Tokens of frame i's sample and LIDAR_TOP sample_data as exportNuscenes writes them.
std::string nuscenesSampleToken(const Sequence& sequence, std::size_t frame,
                                const NuscenesExportSettings& settings = {});
std::string nuscenesSampleDataToken(const Sequence& sequence, std::size_t frame,
                                    const NuscenesExportSettings& settings = {});

struct NuscenesExportReport {
  std::size_t samples = 0, annotations = 0, instances = 0, skippedNoCategory = 0;
  std::size_t lidarsegFrames = 0;  // frames whose point labels were written as lidarseg
};

// Writes <dataroot>/<version>/{category, attribute, visibility, instance, sensor,
// calibrated_sensor, ego_pose, log, scene, sample, sample_data, sample_annotation, map}.json and
// splits.json ({settings.splitName: [scene]}), a 0-byte map placeholder <dataroot>/maps/<token>.png
// and (writeSweeps) the sweeps. The whole export is built aside and replaces the destination in
// one step (writeFolderAtomic; <version>/, maps/, lidarseg/<version>/ and, with writeSweeps,
// samples/LIDAR_TOP/ are replaced as wholes, other files under dataroot are kept); any failure
// (a truncated sweep, a damaged point-label sidecar) leaves dataroot exactly as it was.
// category.json holds the 32 official categories with their index, then any other category used.
// An object's category: its class's nuScenes name, else the imported nuscenes.category, else its
// class name when that is an official category; objects with none are skipped (counted).
// Values an import stored (nuscenes.num_lidar_pts, nuscenes.visibility, nuscenes.attribute) are
// written back; num_lidar_pts only while the box is unedited (nuscenes.box), else it is counted in
// the frame's sweep. visibility_token: the imported/annotated level, else "4" (v80-100, no camera
// visibility known). Frames without a timestamp get i * 0.5 s. Frames with point labels are also
// written as lidarseg (label counts checked against the sweeps).
NuscenesExportReport exportNuscenes(const Sequence& sequence, const std::string& dataroot,
                                    const Ontology& ontology,
                                    const NuscenesExportSettings& settings = {},
                                    const std::function<void(std::size_t)>& progress = {});

// Detection-results submission JSON (FORMATS.md §4.7): every sample a key, boxes of classes with
// a detection name, score = confidence, velocity from the track's neighbouring frames (centred
// difference as NuScenes.box_velocity, [0, 0] when not available), attribute "" or the
// object's nuScenes attribute. Sample tokens equal those of exportNuscenes with the same settings.
std::string nuscenesDetectionResultsJson(const Sequence& sequence, const Ontology& ontology,
                                         const NuscenesExportSettings& settings = {});

// nuscenesDetectionResultsJson as <outDir>/results_nusc.json, one transaction over outDir (other
// files are kept). Returns the file's path.
std::string exportNuscenesResults(const Sequence& sequence, const std::string& outDir,
                                  const Ontology& ontology,
                                  const NuscenesExportSettings& settings = {});

struct NuscenesImportReport {
  std::size_t samples = 0, annotations = 0, instances = 0;
};
// Reads the tables in <dataroot>/<version>/ (versionDir) and puts each LIDAR_TOP key frame's
// sample_annotations, moved into that sweep's sensor frame, into the sequence frame with the same
// sweep file name without extension ("x.pcd.bin" matches "velodyne/x.bin"). An empty sequence gets
// one frame per key frame (time order), root = dataroot. Class names: ontology class of the
// category's nuScenes name, else the category name (never dropped). Each object keeps
// nuscenes.category, nuscenes.box, nuscenes.num_lidar_pts, nuscenes.visibility (level) and
// nuscenes.attribute for the export. Missing tables/fields or dangling tokens -> FileError naming
// the table file and the JSON field; `sequence` is changed only when the whole import succeeded.
NuscenesImportReport importNuscenes(const std::string& versionDir, Sequence& sequence,
                                    const Ontology& ontology);

}  // namespace lidarlabel
