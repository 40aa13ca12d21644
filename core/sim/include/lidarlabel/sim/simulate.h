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
#include "lidarlabel/sim/random.h"
#include "lidarlabel/sim/scene.h"

namespace lidarlabel::sim {

// Margin (m) a box adds on every side for float32 point coordinates (rounding <= 1e-5 m at 120 m).
inline constexpr double kFloatSlack = 1e-4;

// One simulated sweep with its exact ground truth.
struct SimFrame {
  int index = 0;
  std::int64_t timestampUs = 0;
  Eigen::Isometry3d egoPose = Eigen::Isometry3d::Identity();  // LiDAR -> world
  PointCloud cloud;    // LiDAR frame; intensity 0..1 (KITTI-like)
  PointLabels labels;  // SemanticKITTI raw ids; instance = track id, 0 for stuff
  // Objects with at least one point in this sweep, LiDAR frame, ascending track id. Each box is
  // the object's exact hull grown on every side by boxMargin(sensor), so it contains every point
  // labelled with its instance, range noise included.
  std::vector<ObjectAnnotation> objects;
};

// The growth of every emitted box over the object's exact hull, per side (m): the range-noise
// envelope kGaussianBound * rangeNoiseStd plus kFloatSlack.
inline double boxMargin(const SensorConfig& sensor) {
  return kGaussianBound * sensor.rangeNoiseStd + kFloatSlack;
}

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
