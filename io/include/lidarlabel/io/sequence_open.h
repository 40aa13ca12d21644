#pragma once
// Opening a sequence folder as the user has it on disk.
#include <string>
#include <vector>

#include "lidarlabel/core/sequence.h"

namespace lidarlabel {

// What discovery found in a folder. Recognised layouts, first match wins:
//  "native"         <folder>/annotations.lidarlabel.json (sweeps as the document references them)
//  "nuscenes"       <folder>/samples/LIDAR_TOP/*.pcd.bin (+ <folder>/<version>/sample_data.json,
//                   ego_pose.json, calibrated_sensor.json when present: LiDAR -> global poses)
//  "kitti-odometry" <folder>/velodyne/*.bin + calib.txt with "Tr:" (+ poses.txt, or
//                   <folder>/../../poses/<name>.txt as in KITTI's dataset/; + times.txt)
//  "kitti-object"   <folder>/velodyne/*.bin + calib/ (+ label_2/, image_2/)
//  "kitti-velodyne" <folder>/velodyne/*.bin alone
//  "folder"         <folder>/*.bin|*.pcd.bin|*.pcd|*.ply, one format, natural order
// Label importers (KITTI label_2/label_02, nuScenes tables, ...) use the side-file paths below.
struct SequenceLayout {
  std::string kind;
  std::string root;                 // the folder given
  std::string sweepFormat;          // readSweep id; "" for native (the document says)
  std::vector<std::string> sweeps;  // absolute paths, natural order; empty for native
  // Side files and folders that exist ("" = absent).
  std::string calibFile, posesFile, timesFile;        // kitti-odometry
  std::string calibDir, labelDir, imageDir;           // kitti-object
  std::string nuscenesTableDir;                       // nuscenes: folder with sample_data.json
};

// Throws FileError naming the folder when nothing is recognised, or when a plain folder mixes
// sweep formats.
SequenceLayout detectSequenceLayout(const std::string& folder);

// Builds frames (sweep path, timestampUs, egoPose) from a detected layout:
//  kitti-odometry: egoPose_i = Tr^-1 * P_i * Tr (kitti_odometry.h), timestamp = times.txt;
//    pose/time index = the sweep's file number (000042.bin -> line 43), so a subset of a
//    sequence keeps its poses. A sweep without a pose line -> FileError naming poses.txt.
//  nuscenes: timestamp from the file name (..._<microseconds>.pcd.bin); egoPose = ego_pose *
//    calibrated_sensor when the tables are present (LiDAR -> nuScenes global).
Sequence sequenceFromLayout(const SequenceLayout& layout);

// detectSequenceLayout + sequenceFromLayout (native: loadNativeSequence).
Sequence openSequence(const std::string& folder);

// The path where the native document of a sequence opened from `folder` is saved.
std::string nativePathFor(const std::string& folder);

}  // namespace lidarlabel
