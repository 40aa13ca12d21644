#pragma once
// Opening a sequence folder as the user has it on disk.
#include <string>
#include <vector>

#include "lidarlabel/core/ontology.h"
#include "lidarlabel/core/sequence.h"

namespace lidarlabel {

// What discovery found in a folder. Recognised layouts, first match wins:
//  "native"         <folder>/annotations.lidarlabel.json (sweeps as the document references them)
//  "nuscenes"       <folder>/samples/LIDAR_TOP/*.pcd.bin (+ <folder>/<version>/sample_data.json,
//                   ego_pose.json, calibrated_sensor.json when present: LiDAR -> global poses)
//  "kitti-odometry" <folder>/velodyne/*.bin + calib.txt with "Tr:" (+ poses.txt, or
//                   <folder>/../../poses/<name>.txt as in KITTI's dataset/; + times.txt)
//  "kitti-object"   <folder>/velodyne/*.bin + calib/ (+ label_2/, image_2/)
//  "kitti-tracking" <folder>/velodyne/*.bin + label_02/<seq>.txt + calib/<seq>.txt, or KITTI's
//                   own training/velodyne/<seq>/ (label_02 and calib two levels up)
//  "kitti-velodyne" <folder>/velodyne/*.bin alone
//  "folder"         <folder>/*.bin|*.pcd.bin|*.pcd|*.ply, one format, natural order
// Labels found beside the sweeps (the side-file paths below) are read as `lidarlabel-cli import`
// reads them: label_2 (+ calib/), label_02 (+ its calib), nuScenes sample_annotation, and
// SemanticKITTI labels/ (per-point, read per frame by readFramePointLabels, frame_labels.h).
// The native document, when present, wins: its boxes are the annotator's work.
struct SequenceLayout {
  std::string kind;
  std::string root;                 // the folder given
  std::string sweepFormat;          // readSweep id; "" for native (the document says)
  std::vector<std::string> sweeps;  // absolute paths, natural order; empty for native
  // Side files and folders that exist ("" = absent).
  std::string calibFile, posesFile, timesFile;       // kitti-odometry
  std::string calibDir, labelDir, imageDir;          // kitti-object
  std::string nuscenesTableDir;                      // nuscenes: folder with sample_data.json
  std::string trackingLabelFile, trackingCalibFile;  // label_02/<seq>.txt and its calib
  std::string pointLabelDir;                         // SemanticKITTI labels/ beside velodyne/
};

// Throws FileError naming the folder when nothing is recognised, or when a plain folder mixes
// sweep formats.
SequenceLayout detectSequenceLayout(const std::string& folder);

// Builds frames (sweep path, timestampUs, egoPose) from a detected layout, then adds the layout's
// boxes (addLayoutLabels):
//  kitti-odometry: egoPose_i = Tr^-1 * P_i * Tr (kitti_odometry.h), timestamp = times.txt;
//    pose/time index = the sweep's file number (000042.bin -> line 43), so a subset of a
//    sequence keeps its poses. A sweep without a pose line -> FileError naming poses.txt.
//  nuscenes: timestamp from the file name (..._<microseconds>.pcd.bin); egoPose = ego_pose *
//    calibrated_sensor when the tables are present (LiDAR -> nuScenes global); with sample,
//    scene and log.json, metadata "nuscenes.location" (the scenes' log locations) and, when
//    they all lie in one city, kTrafficSideKey (core/traffic_side.h): Singapore "left",
//    Boston "right".
Sequence sequenceFromLayout(const SequenceLayout& layout, const Ontology& ontology);
Sequence sequenceFromLayout(const SequenceLayout& layout);  // with the default ontology
// The frames only, without the layout's label files (native: the document, boxes included).
// For importers that replace the boxes with another source's (`lidarlabel-cli import`).
Sequence sweepsFromLayout(const SequenceLayout& layout);

// The boxes of a non-native layout's label files, with the importers `lidarlabel-cli import`
// uses (class names through `ontology`): kitti-object label_2 (importKittiObjectLabels),
// kitti-tracking label_02 (rows matched to sweeps by file number: 000042.bin <- frame 42),
// nuscenes sample_annotation (importNuscenes, when the tables have it). Errors name the label
// file and line / JSON field. Returns the number of boxes added.
std::size_t addLayoutLabels(const SequenceLayout& layout, Sequence& sequence,
                            const Ontology& ontology);

// detectSequenceLayout + sequenceFromLayout (native: loadNativeSequence, which wins over any
// dataset label files in the folder).
Sequence openSequence(const std::string& folder, const Ontology& ontology);
Sequence openSequence(const std::string& folder);  // with the default ontology

// The path where the native document of a sequence opened from `folder` is saved.
std::string nativePathFor(const std::string& folder);

}  // namespace lidarlabel
