#pragma once
// The invariants the official readers rely on, checked on an export without Python
// (FORMATS.md §1-§5): nuScenes tables (nuscenes-devkit NuScenes(), DetectionEval, lidarseg),
// SemanticKITTI labels (semantic-kitti-api), KITTI object/tracking labels (the KITTI devkit) and
// OpenLABEL 1.0.0 (the ASAM schema). Each check adds GoogleTest failures naming the file, record
// and field.
#include <string>

namespace lidarlabel::conformance {

// <dataroot>/<version>: the 13 tables, unique tokens, every foreign key resolves, prev/next chains
// agree (sample, sample_data, sample_annotation, instance first/last/nbr), map files and sweeps
// exist, category indices unique and official where the name is, num_lidar_pts equals the
// devkit's count in the sensor-frame sweep (unless `importedCounts`), unit quaternions, positive
// sizes, splits.json names existing scenes; with lidarseg.json: token == sample_data_token, one
// byte per sweep point, every value an index of category.json, one .bin per record.
void checkNuscenes(const std::string& dataroot, const std::string& version,
                   bool importedCounts = false);

// <outDir>/labels/*.label against the sweeps in sweepDir (<stem>.bin, KITTI float32 x 4): 4 bytes
// per point, semantic ids of the SemanticKITTI label config.
void checkSemanticKitti(const std::string& labelDir, const std::string& sweepDir);

// label_2/*.txt (15 columns, 16 with score) and calib/*.txt (P0-P3, R0_rect, Tr_velo_to_cam,
// Tr_imu_to_velo) in <outDir>: KITTI types, value ranges, 2-D box inside the image.
void checkKittiObject(const std::string& outDir, int imageWidth = 1242, int imageHeight = 375);

// label_02/<seq>.txt: 17 columns, frames non-decreasing, track ids >= 0 (DontCare -1), one row
// per (frame, track).
void checkKittiTracking(const std::string& labelFile);

// OpenLABEL 1.0.0: root key, schema_version, object UIDs and name/type, frame keys, cuboid val of
// 10 numbers with a unit quaternion in x, y, z, w order, coordinate systems with type and parent.
void checkOpenLabel(const std::string& file);

}  // namespace lidarlabel::conformance
