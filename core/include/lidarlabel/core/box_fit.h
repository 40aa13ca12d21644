#pragma once
// One-click box fitting: neighbourhood -> cluster -> oriented box.
//
// Frame: LiDAR frame (x forward, y left, z up, metres), sensor at the origin.
// Yaw: search-based rectangle fitting with the closeness criterion (Zhang et al. 2017, "Efficient
//   L-Shape Fitting for Vehicle Detection Using Laser Scanners"): the BEV rectangle orientation
//   in [0, pi/2) maximising the closeness score of the points to the rectangle's nearest edges
//   (coarse step, then refined), run on the cluster's visible outline (nearest point per azimuth
//   bin, as the 2D scan line the criterion was designed for). NOT PCA, NOT min-area rectangle.
// Heading: a rectangle fixes yaw only modulo pi/2. The length axis is the longer observed side
//   (with a class prior, when both sides are short enough to be its width, the assignment that
//   matches the prior best; seen end-on, the side along the ray counts only as a lower bound, see
//   FitConfig::endOnAngle); the sign is the one
//   closest to hint.yaw when given, else yaw is returned in [-pi/2, pi/2).
// Height: from the local ground (GroundResult::groundHeight, median under the cluster) to the
//   cluster's top point; without ground, from the cluster's lowest point.
// Class prior (ClassDef::defaultSize): sides observed shorter than FitConfig::completeBelow x the
//   prior are extended to the prior AWAY from the sensor (the unseen far side), keeping the
//   observed near edges in place; sides seen (nearly) whole keep their observed length. When
//   exactly one side is seen whole, the hidden side's prior is scaled by seen / prior of it.
// Confidence in [0, 1]: grows with point count and closeness score, lower when the prior had to
//   fill in much of the box or the observed size disagrees with the prior.
// Cost: < 5 ms per object on a 120k-point sweep (see docs/geometry.md).
#include <cstdint>
#include <optional>
#include <vector>

#include <Eigen/Core>

#include "lidarlabel/core/clustering.h"
#include "lidarlabel/core/cuboid.h"
#include "lidarlabel/core/ground.h"
#include "lidarlabel/core/ontology.h"
#include "lidarlabel/core/point_cloud.h"

namespace lidarlabel {

struct FitConfig {
  NeighbourhoodConfig neighbourhood;   // where to look around the click
  ClusterConfig cluster;               // how to split the neighbourhood into objects
  double coarseYawStep = 0.0349;       // radians (2 deg); first pass of the yaw search
  double fineYawStep = 0.0035;         // radians (0.2 deg); refinement around the best coarse yaw
  double closenessMinDistance = 0.05;  // metres; d0 of the closeness criterion (Zhang et al.
                                       // use 0.01 for 2D scanners; 3D sweeps are noisier)
  // The yaw search runs on the visible outline: per azimuth bin of contourStep metres of arc
  // (at the cluster's range), the point nearest to the sensor.
  double contourStep = 0.1;  // metres
  // Which cluster a click means: the largest whose nearest point is at most pickSlack metres
  // farther from the click than the nearest cluster's nearest point.
  double pickSlack = 1.0;  // metres
  // With a class prior, clusters whose BEV extent exceeds maxPriorScale x the prior's diagonal
  // (a wall, a hedge, a row of cars) are not picked while one that fits is within the slack.
  double maxPriorScale = 1.3;
  // Class prior: a side observed shorter than completeBelow x the prior's is treated as partly
  // hidden and extended to the prior; longer sides are kept as observed (seen whole).
  double completeBelow = 0.8;
  // With a class prior, fitBoxAtPoint also absorbs clusters within partGap metres of the picked
  // one (split parts of one object) while the union fits the prior's footprint; 0 = off.
  double partGap = 1.0;  // metres
  float minSide = 0.1f;  // metres; no side of a fitted box is smaller than this
  // Body, not outliers: the yaw search places each rectangle edge at the outlierShare-th
  // outermost point (a few points outside the body — a tow bar, a stray return — do not move it).
  double outlierShare = 0.03;
  // ... and, when bodyBandTop > 0, a vehicle-sized cluster (BEV diagonal >= bodyMinLength) is
  // fitted (yaw and extents) to its points at most bodyBandTop above the ground: wing mirrors
  // (~0.9-1.2 m) and roof racks drop out, bumpers stay. Off by default: on the bundled KITTI
  // cars (13-41 m) the low band was too sparse and lowered the one-click IoU (0.73 -> 0.51).
  double bodyBandTop = 0.0;    // metres; 0.85 to enable
  double bodyMinLength = 2.5;  // metres
  // With a class prior: an observed side longer than widthSlack x the prior's width is the length
  // (the prior never turns an object whose orientation the points show).
  double widthSlack = 1.3;
  // With a class prior, when both sides could be the width: seen end-on (a rectangle axis within
  // endOnAngle of the ray to the cluster), the side along the ray counts against an assignment
  // only when longer than the prior's side (its far part hides behind its near part). 0 = off.
  double endOnAngle = 0.44;  // radians (25 deg)
  // The object's top lies somewhere between its highest return and the next beam above, which
  // missed it: the box's top is raised by half that gap (the gap between the highest return's
  // ring and the next ring down among the object's own returns, at the highest return's range),
  // at most maxTopGap. 0 = the top at the highest return.
  double maxTopGap = 0.035;                                // radians (2 deg); 0 = off
  Eigen::Vector3d sensorOrigin = Eigen::Vector3d::Zero();  // where the rays come from (LiDAR frame)
};

// What a caller already knows about the object (tracking re-fit: same size, predicted pose).
struct FitHint {
  std::optional<Eigen::Vector3d> size;  // (l, w, h) metres: keep it, fit only the pose
  std::optional<double> yaw;            // radians; picks the heading sign / restricts the search
  double yawWindow = 0.35;              // radians; with yaw set, search only yaw +- this
};

struct FitResult {
  bool ok = false;  // false: no usable points (box and confidence are meaningless, 0)
  Cuboid box;
  float confidence = 0.f;                     // 0..1
  std::vector<std::uint32_t> clusterIndices;  // the points the box was fitted to (ascending)
  float closeness = 0.f;   // fraction of the points within 0.1 m of the fitted BEV edges
  bool usedPrior = false;  // the class prior changed the observed size
};

// Fit at a clicked point (an index into cloud, or any LiDAR-frame position). The object under
// the click: see FitConfig::pickSlack and maxPriorScale.
FitResult fitBoxAtPoint(const PointCloud& cloud, const GroundResult& ground,
                        std::uint32_t clickedIndex, const FitConfig& config = {},
                        const ClassDef* prior = nullptr);
FitResult fitBoxAtPoint(const PointCloud& cloud, const GroundResult& ground,
                        const Eigen::Vector3d& click, const FitConfig& config = {},
                        const ClassDef* prior = nullptr);
// Fit to the largest cluster of the non-ground points in a rough BEV rectangle.
FitResult fitBoxInRect(const PointCloud& cloud, const GroundResult& ground, const BevRect& rect,
                       const FitConfig& config = {}, const ClassDef* prior = nullptr);

// Fit directly to given points (no neighbourhood search, no clustering). ground may be null
// (bottom = lowest point). With hint.size set, the box keeps that size and only the pose is
// fitted (the rectangle is anchored at the observed edges nearest the sensor).
FitResult fitBoxToPoints(const PointCloud& cloud, const std::vector<std::uint32_t>& indices,
                         const GroundResult* ground, const FitConfig& config = {},
                         const ClassDef* prior = nullptr, const FitHint& hint = {});

// The yaw search alone: best rectangle orientation in [0, pi/2) (or, with yawCenter, in
// yawCenter +- yawWindow, not wrapped) for BEV points by the closeness criterion, with its score
// normalised by n / d0 (1 = every point within d0 of an edge). Fewer than 2 points -> {0, 0}.
struct YawFit {
  double yaw = 0.0;
  double score = 0.0;
};
YawFit searchRectangleYaw(const std::vector<Eigen::Vector2d>& points, const FitConfig& config = {},
                          std::optional<double> yawCenter = std::nullopt, double yawWindow = 0.0);

}  // namespace lidarlabel
