#pragma once
// Shared pieces of lidarlabel-eval: markdown tables, timing, the evaluation data sets.
#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "lidarlabel/core/annotation.h"
#include "lidarlabel/core/point_cloud.h"
#include "lidarlabel/core/sequence.h"
#include "lidarlabel/core/traffic_side.h"

namespace lidarlabel::eval {

// A markdown table printed to stdout.
struct Table {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  void print() const;
};

std::string fmt(double v, int decimals = 1);

inline double msSince(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

double median(std::vector<double> v);

// One labelled sweep with its ground truth boxes (LiDAR frame).
struct EvalFrame {
  std::string source;  // e.g. "semantickitti 00/000000", "synthetic s1/f12"
  PointCloud cloud;
  PointLabels labels;  // SemanticKITTI raw ids (may be empty)
  std::vector<ObjectAnnotation> objects;
  Eigen::Isometry3d egoPose = Eigen::Isometry3d::Identity();
  double time = 0.0;  // seconds
  // The side of the road traffic keeps to, as the reader found it (nuScenes: the log's city).
  TrafficSide traffic = TrafficSide::Right;
};

std::string sampleData(const std::string& rel);

// sample_data/semantickitti/sequences/00: 3 sweeps with per-point labels (no boxes).
std::vector<EvalFrame> semanticKittiFrames();
// sample_data/kitti_object/training: 6 sweeps with label_2 boxes converted to the LiDAR frame.
std::vector<EvalFrame> kittiObjectFrames();
// sample_data/nuscenes: the one LIDAR_TOP key frame (32 beams) with its sample_annotation boxes
// in the LiDAR frame, as `lidarlabel` opens the folder.
std::vector<EvalFrame> nuscenesFrames();

// A synthetic sequence simulated in-process (lidarlabel::sim), empty when sim is not built.
struct SyntheticSequence {
  std::string name;
  std::vector<EvalFrame> frames;
};
bool haveSimulator();
// clutter: the simulator's street clutter (SceneConfig::clutter, docs/simulator.md).
SyntheticSequence syntheticSequence(std::uint64_t seed, int frames, bool clutter = false);

// Points of each object (instance id == trackId) in a labelled frame.
std::size_t instancePoints(const EvalFrame& f, std::uint32_t trackId);

}  // namespace lidarlabel::eval
