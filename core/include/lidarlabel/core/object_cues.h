#pragma once
// Cues that tell a road user's cluster from static structure (walls, hedges, fences, poles,
// trees), computed from the sweep alone. Used by the pre-labelling (prelabel.h) to reject
// clusters and to pick the heading of a box.
//
// Frame: LiDAR frame, sensor at the origin (x forward, y left, z up, metres).
//  - see-through: a LiDAR ray stops at a solid surface (car body, wall) but passes between
//    leaves, twigs and fence bars. Over the cluster's silhouette seen from the sensor (per
//    azimuth bin, the elevation span of its points), the share of the returns that come from
//    BEHIND the cluster (farther than its far edge in that bin + behindMargin) is the cluster's
//    see-through ratio: ~0 for a car or a wall, large for vegetation.
//  - continues above: non-ground points higher than the cluster band (above `bandTop` metres
//    over the ground) in the cluster's BEV cells: the cluster is the foot of something taller
//    (pole, trunk, facade) — unless there is a gap (a car under a tree: canopy far above the roof)
//    or it ends below any structure a road user could be (a bus or tram roof).
//  - height profile: the cluster's lowest and highest point above the local ground.
#include <cstdint>
#include <vector>

#include <Eigen/Core>

#include "lidarlabel/core/cuboid.h"
#include "lidarlabel/core/ground.h"
#include "lidarlabel/core/point_cloud.h"

namespace lidarlabel {

struct CueConfig {
  double azimuthBin = 0.004;      // radians (0.23 deg) per silhouette bin
  double behindMargin = 0.5;      // metres beyond the cluster's far point in a bin = "behind"
  double elevationSlack = 0.002;  // radians; elevation span of a bin grown by this
  double belowSpan = 0.035;       // radians (2 deg) below the cluster looked at for occluders
  float aboveCell = 0.3f;         // metres; BEV cell of the "continues above" test
  float aboveGap = 0.6f;          // metres; points above must start within this of the top
  float bandTop = 3.5f;           // metres above ground; the clustered band's top
  float aboveReach = 8.0f;        // metres above ground; higher points are not looked at
  float tallerThan = 4.6f;        // metres; the structure above must reach this high (taller
                                  // than any bus or tram) to count
};

// Per-sweep index of every finite point by azimuth bin (built once, shared by all clusters).
struct RayIndex {
  double binWidth = 0.004;
  std::vector<std::uint32_t> start;  // bins + 1 offsets into elevation/range
  std::vector<float> elevation;      // radians, points grouped by bin
  std::vector<float> range;          // metres (3D), same order
  std::vector<std::uint32_t> binOf;  // per cloud point: its bin (UINT32_MAX if non-finite)
};
RayIndex buildRayIndex(const PointCloud& cloud, const CueConfig& config = {});

// Per-sweep set of BEV cells holding non-ground points above the band (for continuesAbove):
// per cell the lowest such point's height above ground.
struct AboveIndex {
  float cell = 0.3f;
  std::vector<std::int64_t> keys;  // sorted cell keys
  std::vector<float> lowest;       // metres above ground, per key
  std::vector<float> highest;      // metres above ground, per key
};
AboveIndex buildAboveIndex(const PointCloud& cloud, const GroundResult& ground,
                           const CueConfig& config = {});

struct ClusterCues {
  float seeThrough = 0.f;       // 0..1, see above
  float bottom = 0.f;           // metres above ground of the lowest point
  float top = 0.f;              // metres above ground of the highest point
  bool continuesAbove = false;  // structure above the band starts right at the cluster's top
  // Share of the silhouette's azimuth bins in which the rays just below the cluster (up to
  // belowSpan lower) return from nearer than the cluster: its foot is hidden by something in
  // front, so a high `bottom` says nothing about ground contact.
  float occludedBelow = 0.f;
  std::size_t points = 0;
};
ClusterCues clusterCues(const PointCloud& cloud, const GroundResult& ground,
                        const std::vector<std::uint32_t>& members, const RayIndex& rays,
                        const AboveIndex& above, const CueConfig& config = {});

// Heading from shape: along the box's length axis, where the cabin (points above 80 % of the
// top) sits. Cars and vans carry the engine in front, so the cabin's centre lies behind the
// body's centre: returns +1 when the box heading already points away from the cabin, -1 when
// it should be flipped, 0 when the profile does not tell (cabin centred, too few points, the
// length not seen whole).
int headingFromProfile(const PointCloud& cloud, const GroundResult& ground,
                       const std::vector<std::uint32_t>& members, const Cuboid& box);

// Height profile along the box's length axis: the lower of the two ends' heights (highest point
// in the first / last `endShare` of the length) over the highest point. A car's bonnet and boot
// sit well below its roof (~0.6-0.8); a hedge or a wall is as high at its ends as in the middle
// (~0.9-1). Returns 1 when fewer than 20 points.
float endHeightRatio(const PointCloud& cloud, const GroundResult& ground,
                     const std::vector<std::uint32_t>& members, const Cuboid& box,
                     double endShare = 0.15);

// Surface scatter: a vehicle's returns lie on a few smooth surfaces (sides, bonnet, roof); the
// returns of a hedge or a bush are scattered through its volume. Around every k-th point of the
// cluster, k = max(1, points / maxSamples) (so between maxSamples and 2 x maxSamples samples for
// larger clusters, all points for smaller ones), the neighbours within radius = max(minRadius,
// radiusPerMetre x the cluster's BEV range) — a few scan rings at any range — give a covariance
// whose surface variation l0 / (l0 + l1 + l2) (eigenvalues l0 <= l1 <= l2) is 0 on a plane and 1/3
// for points spread evenly in all directions. The cue is its median over the samples with
// minNeighbours or more neighbours (edges and wheel arches, two surfaces in one neighbourhood, are
// a minority on a vehicle).
struct ScatterConfig {
  double minRadius = 0.25;        // metres
  double radiusPerMetre = 0.012;  // metres of radius per metre of range
  std::size_t minNeighbours = 8;
  std::size_t maxSamples = 128;
};
struct SurfaceScatter {
  float variation = 0.f;    // 0..1/3 (median), see above; 0 when samples == 0
  std::size_t samples = 0;  // samples with enough neighbours (0: cue unknown)
  float radius = 0.f;       // metres
};
SurfaceScatter surfaceScatter(const PointCloud& cloud, const std::vector<std::uint32_t>& members,
                              const ScatterConfig& config = {});

// Hollowness: a vehicle's body is solid low down, so the ray to a low return meets the return as
// it enters the cluster's box. A bus shelter, an open car port or a fence seen through a gap is
// open towards the sensor: rays travel through its box before they return from its back. Over
// the members between bandBottom and bandTop above the box's bottom, the share whose ray from
// the sensor travels more than `depth` metres inside `box` before reaching them (3D slab test).
struct HollowConfig {
  double bandBottom = 0.25;  // metres above the box's bottom (the ground)
  double bandTop = 0.6;      // metres; below bonnets and boots (horizontal, under the roof line)
  double depth = 0.4;        // metres travelled inside the box
  std::size_t minPoints = 10;
  Eigen::Vector3d sensor = Eigen::Vector3d::Zero();  // where the rays come from (LiDAR frame)
};
struct Hollowness {
  float share = 0.f;       // 0..1; 0 when points < minPoints (cue unknown)
  std::size_t points = 0;  // members in the band
};
Hollowness hollowness(const PointCloud& cloud, const std::vector<std::uint32_t>& members,
                      const Cuboid& box, const HollowConfig& config = {});

}  // namespace lidarlabel
