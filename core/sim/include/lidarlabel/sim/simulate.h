#pragma once
// Simulating sweeps (pure: no io). Writing whole sequences is io-level: lidarlabel/sim/write.h
// (target lidarlabel::sim_io).
#include <cstdint>
#include <string>
#include <vector>

#include <Eigen/Geometry>

#include "lidarlabel/core/annotation.h"
#include "lidarlabel/core/point_cloud.h"
#include "lidarlabel/sim/config.h"
#include "lidarlabel/sim/scene.h"

namespace lidarlabel::sim {

// One simulated sweep with its exact ground truth.
struct SimFrame {
  int index = 0;
  std::int64_t timestampUs = 0;
  Eigen::Isometry3d egoPose = Eigen::Isometry3d::Identity();  // LiDAR -> world
  PointCloud cloud;    // LiDAR frame; intensity 0..1 (KITTI-like)
  PointLabels labels;  // SemanticKITTI raw ids; instance = track id, 0 for stuff
  // Objects with at least one point in this sweep, LiDAR frame, ascending track id.
  std::vector<ObjectAnnotation> objects;
};

// Timestamp of frame i: 1 s + i / rate (microseconds; 0 would mean "unknown" to the tool).
std::int64_t frameTimestampUs(const SensorConfig& sensor, int frame);

// Ray-casts frame `frame` (time frame / rateHz). The scene is frozen during the sweep (no
// motion distortion); points are ordered azimuth-major (clockwise from behind), ring-minor.
SimFrame simulateFrame(const Scene& scene, const SensorConfig& sensor, int frame);

// The scene of a run: makeScene(config.scene with duration = frames / rate, config.seed).
Scene makeScene(const SimulationConfig& config);

// The canonical command that regenerates `config` (options in a fixed order, defaults omitted;
// the output folder is written as DIR because the output does not depend on it).
std::string simulateCommandLine(const SimulationConfig& config);

}  // namespace lidarlabel::sim
