#pragma once
// Non-ground neighbourhoods and fast Euclidean-like clustering on a bird's-eye-view grid.
//
// Frame: LiDAR frame, metres. Points are given as indices into a PointCloud; the ground result
// (ground.h) supplies the ground mask and per-point ground height.
// Clustering: the selected points are binned into BEV cells of cellSize; two occupied cells are
//   connected when they are within cellGap cells (more at long range, see gapPerMetre) and their
//   points' height ranges overlap within maxVerticalGap; clusters are connected components. Cost is
//   O(points + cells), no k-d tree.
#include <cstdint>
#include <vector>

#include <Eigen/Core>

#include "lidarlabel/core/ground.h"
#include "lidarlabel/core/point_cloud.h"

namespace lidarlabel {

// An axis-aligned or rotated rectangle in the BEV plane (a rough user selection).
struct BevRect {
  Eigen::Vector2d center = Eigen::Vector2d::Zero();  // metres
  Eigen::Vector2d size = Eigen::Vector2d::Ones();    // metres, along the rect's own x, y
  double yaw = 0.0;                                  // radians about +z
};

struct NeighbourhoodConfig {
  float radius = 4.0f;                 // metres (BEV) around the click, for fitBoxAtPoint
  float minHeightAboveGround = 0.15f;  // metres; lower non-ground points are ignored (kerbs, noise)
  float maxHeightAboveGround = 4.5f;   // metres; higher points are ignored (trees, bridges)
};

// Finite non-ground points within config.radius (BEV) of center and within the height band.
std::vector<std::uint32_t> nonGroundNeighbourhood(const PointCloud& cloud,
                                                  const GroundResult& ground,
                                                  const Eigen::Vector2d& center,
                                                  const NeighbourhoodConfig& config = {});
// Same, for the points inside a BEV rectangle (radius unused).
std::vector<std::uint32_t> nonGroundInRect(const PointCloud& cloud, const GroundResult& ground,
                                           const BevRect& rect,
                                           const NeighbourhoodConfig& config = {});

struct ClusterConfig {
  float cellSize = 0.25f;  // metres; BEV cell edge
  int cellGap = 1;         // cells: occupied cells up to this many apart are connected
  // ... or, if more, range * gapPerMetre metres apart (sparser rings far away); 0 = fixed gap.
  float gapPerMetre = 0.015f;
  float maxVerticalGap = 1.0f;  // metres; cells whose z ranges are farther apart are not joined
  std::size_t minPoints = 1;    // smaller clusters are dropped
};

struct Clusters {
  // Per cluster: indices into the cloud (ascending). Sorted by size, largest first.
  std::vector<std::vector<std::uint32_t>> members;
};

Clusters clusterPoints(const PointCloud& cloud, const std::vector<std::uint32_t>& indices,
                       const ClusterConfig& config = {});

// The cluster containing or nearest (BEV) to `seed`; empty when there are no clusters.
std::vector<std::uint32_t> clusterNearest(const PointCloud& cloud, const Clusters& clusters,
                                          const Eigen::Vector2d& seed);

}  // namespace lidarlabel
