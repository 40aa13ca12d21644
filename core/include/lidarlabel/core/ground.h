#pragma once
// Ground removal on one sweep: a concentric-zone polar grid, one plane per bin fitted by PCA on
// the bin's lowest points, accepted as ground only if upright, low enough (elevation) and flat
// enough, with the result smoothed across neighbouring bins (in the spirit of Patchwork++).
//
// Frame: the LiDAR sensor frame (x forward, y left, z up, metres), sensor at the origin.
// Output: per-point ground mask and per-point local ground height (z of the ground surface under
//   the point), so "height above ground" = z - groundHeight[i]. For bins without a fitted plane
//   the height comes from the nearest fitted bins, else from -sensorHeight.
// Non-finite points: isGround = 0, groundHeight = NaN.
#include <cstdint>
#include <vector>

#include "lidarlabel/core/point_cloud.h"

namespace lidarlabel {

struct GroundConfig {
  // Sensor height above the road, metres (KITTI HDL-64E: 1.73; nuScenes LIDAR_TOP: ~1.84).
  float sensorHeight = 1.73f;
  // Points closer than this to the sensor (BEV, metres) are ego-vehicle returns, never ground.
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
  // Vertical-structure check: a ground candidate is reverted to non-ground when a non-ground
  // point of the same verticalCell x verticalCell BEV cell lies between verticalMinRise and
  // verticalMaxRise above the local ground (wall feet, wheels, poles). verticalCell 0 = off.
  float verticalCell = 0.2f;     // metres
  float verticalMinRise = 0.3f;  // metres above the candidate point
  float verticalGap = 0.2f;      // metres; the structure must start this close above the point
  float verticalMaxRise = 2.5f;  // metres above ground; higher points (canopies) are ignored
  // Bins whose plane was rejected (or too sparse to fit): points within rescueBand of the ground
  // height inherited from the inner neighbour bin are ground. 0 = off.
  float rescueBand = 0.15f;  // metres
  int threads = 1;           // worker threads for the bin fits (results identical for any count)
};

struct GroundResult {
  std::vector<std::uint8_t> isGround;  // per point: 1 = ground, 0 = not (or not classified)
  std::vector<float> groundHeight;     // per point: ground z under the point, metres; NaN if none
  std::size_t groundCount = 0;
};

GroundResult removeGround(const PointCloud& cloud, const GroundConfig& config = {});

// A config tuned for nuScenes-like 32-beam sweeps (sensor ~1.84 m, sparser rings).
GroundConfig groundConfigNuscenes();

}  // namespace lidarlabel
