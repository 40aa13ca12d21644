#pragma once
// Ground removal on one sweep: a concentric-zone polar grid, one plane per bin fitted by PCA on
// the bin's lowest points, accepted as ground only if upright, low enough (elevation) and flat
// enough, with the result smoothed across neighbouring bins (in the spirit of Patchwork++).
//
// Frame: the LiDAR sensor frame (x forward, y left, z up, metres), sensor at the origin.
// Output: per-point ground mask and per-point local ground height (z of the ground surface under
//   the point), so "height above ground" = z - groundHeight[i]. For bins without a fitted plane
//   the height comes from the nearest fitted bins, else from -sensorHeight.
// Sensor height: estimated from the sweep itself (estimateSensorHeight) unless estimateHeight is
//   off; GroundConfig::sensorHeight is only the fallback when the sweep shows too little road.
// Non-finite points: isGround = 0, groundHeight = NaN.
#include <cstdint>
#include <vector>

#include "lidarlabel/core/point_cloud.h"

namespace lidarlabel {

struct GroundConfig {
  // Sensor height above the road, metres (KITTI HDL-64E: 1.73; nuScenes LIDAR_TOP: ~1.84): the
  // assumption when estimateHeight is off, else the fallback when the estimate fails.
  float sensorHeight = 1.73f;
  // Estimate the sensor height from the sweep (estimateSensorHeight) and use it for the
  // elevation gate, the seed floor and the fallback heights.
  bool estimateHeight = true;
  float heightRange = 12.f;      // metres; the estimate looks at BEV ranges [minRange, heightRange]
  int heightSectors = 32;        // sectors of the estimate's 2 m rings
  float heightQuantile = 0.1f;   // a bin's road level: this quantile of its points' z
  float minSensorHeight = 0.3f;  // metres; estimates outside [min, max] are rejected (fallback)
  float maxSensorHeight = 5.f;
  // Points closer than this to the sensor (BEV, metres) are not fitted: the ego vehicle's own
  // returns are there. Of them, only points within distanceThreshold of the road height (a low
  // mount sees the road inside this radius; the ego body is never at road height) are ground.
  float minRange = 2.7f;
  float maxRange = 80.f;  // metres; farther points are not classified (isGround = 0)
  // Concentric zones: outer radii (metres) and, per zone, ring and sector counts of its bins.
  std::vector<float> zoneOuterRadius = {9.64f, 22.f, 48.f, 80.f};
  std::vector<int> zoneRings = {2, 4, 4, 4};
  std::vector<int> zoneSectors = {16, 32, 54, 32};
  // Seeds: points within seedBand (m) above the mean of the lowest seedCount points of a bin.
  int seedCount = 30;
  float seedBand = 0.4f;  // metres
  int fitIterations = 3;  // plane refits; each keeps points within distanceThreshold of the plane
  float distanceThreshold = 0.125f;  // metres; point-to-plane distance counted as ground
  int minBinPoints = 10;             // bins with fewer points get no plane (ground from neighbours)
  // Uprightness: the plane normal's z component must be at least this (cos of the max tilt,
  // 14 deg = 25 % grade; steeper bins are rejected and get the neighbours' ground, see rescueBand).
  float minNormalZ = 0.97f;
  // Elevation: plane height at the bin centre must be below -sensorHeight + this slope times
  // the bin's range plus elevationMargin (metres); rejects car roofs and walls' tops.
  float maxSlope = 0.1f;         // metres of rise per metre of range allowed (10 %)
  float elevationMargin = 0.5f;  // metres
  // Flatness: the smallest PCA eigenvalue (m^2) must be below this for a plane to be accepted.
  float maxFlatness = 0.005f;
  // Vertical-structure check: a ground candidate is reverted to non-ground when non-ground
  // points of the same verticalCell x verticalCell BEV cell reach from verticalMinRise above it
  // up to at most verticalMaxRise above the local ground (wall feet, wheels, poles), and either
  // start within verticalGap above it, or start within verticalBeamSteps of their own vertical
  // spacing above it while standing no nearer to the sensor than it (minus
  // verticalRangeTolerance): the foot of a structure however far apart the beams hit it.
  // verticalCell 0 = off.
  float verticalCell = 0.2f;            // metres
  float verticalMinRise = 0.3f;         // metres above the candidate point
  float verticalGap = 0.2f;             // metres; the structure starts this close above the point
  float verticalBeamSteps = 1.5f;       // ... or this many of its own point spacings above it
  float verticalRangeTolerance = 0.1f;  // metres of BEV range (range noise, cell size)
  float verticalMaxRise = 2.5f;         // metres above ground; higher points (canopies) are ignored
  // Bins whose plane was rejected (or too sparse to fit): points within rescueBand of the ground
  // height inherited from the inner neighbour bin are ground. 0 = off.
  float rescueBand = 0.15f;  // metres
  int threads = 1;           // worker threads for the bin fits (results identical for any count)
};

struct GroundResult {
  std::vector<std::uint8_t> isGround;  // per point: 1 = ground, 0 = not (or not classified)
  std::vector<float> groundHeight;     // per point: ground z under the point, metres; NaN if none
  std::size_t groundCount = 0;
  float sensorHeight = 0.f;      // sensor height above the road used for this sweep, metres
  bool heightEstimated = false;  // sensorHeight came from the sweep (else from the config)
};

GroundResult removeGround(const PointCloud& cloud, const GroundConfig& config = {});

// Sensor height above the road from one sweep (metres, positive). The near annulus [minRange,
// heightRange] is split into 2 m rings x heightSectors sectors; a bin's road level is the
// heightQuantile of its points' z (objects only raise it, a few stray low returns do not lower
// it); the road under the sensor is the median over the bins holding minBinPoints points, so
// occluded bins (a car alongside, a wall) and a slope's uphill / downhill halves cancel out.
// NaN when fewer than 8 bins qualify or the result is outside [minSensorHeight, maxSensorHeight].
float estimateSensorHeight(const PointCloud& cloud, const GroundConfig& config = {});

// A config tuned for nuScenes-like 32-beam sweeps (sensor ~1.84 m, sparser rings).
GroundConfig groundConfigNuscenes();

}  // namespace lidarlabel
