#pragma once
// Which points lie in which oriented boxes, for N points and M cuboids (7-DoF or 9-DoF).
//
// Frame: all inputs in the same frame (normally the LiDAR frame, metres).
// Inside: a point is inside a box when its box-frame coordinates satisfy |local_k| <= size_k / 2
//   on every axis — the box is CLOSED: a point exactly on a face, edge or corner counts as inside.
//   Coordinates are float32 and a point "on" a rotated face is only on it up to float rounding,
//   so the test accepts |local_k| <= size_k / 2 + faceTolerance (0.1 mm by default).
// Nearby: outside the box but inside the box grown by nearbyMargin on every side (a band around
//   it, used by the live fit-quality readout: many nearby points = the box is probably too small).
// Non-finite points (NaN / Inf in x, y or z) are in no box and nearby none.
// Boxes with a non-finite field or a negative size contain nothing. A zero-size box contains the
//   points within faceTolerance of its centre.
#include <cstdint>
#include <vector>

#include "lidarlabel/core/cuboid.h"
#include "lidarlabel/core/point_cloud.h"

namespace lidarlabel {

struct PointsInBoxConfig {
  float nearbyMargin = 0.3f;    // metres; width of the "nearby" band around every box
  float faceTolerance = 1e-4f;  // metres; points this far outside a face still count as on it
  float gridCell = 1.0f;        // metres; bird's-eye-view candidate grid cell edge
  bool indexLists = true;       // false: skip building PointsInBoxResult::indices (saves memory)
  int threads = 0;              // worker threads; 0 = hardware concurrency (at most 8)
  std::size_t minPointsPerThread = 60000;  // fewer points than this per thread -> fewer threads
};

struct PointsInBoxResult {
  // Per point: index of the owning box, -1 = in no box. Tie rule for overlapping boxes: the box
  // whose centre is nearest to the point (Euclidean, metres); equal distances -> lower box index.
  std::vector<std::int32_t> owner;
  // Per box: indices of ALL points inside it, ascending (a point inside two overlapping boxes is
  // listed in both; owner[] resolves the overlap). Empty vectors when config.indexLists == false.
  std::vector<std::vector<std::uint32_t>> indices;
  std::vector<std::uint32_t> insideCount;  // per box: points inside (== indices[b].size())
  std::vector<std::uint32_t> ownedCount;   // per box: points whose owner is this box
  std::vector<std::uint32_t> nearbyCount;  // per box: points in the margin band, not inside
};

// One pass over the points with a BEV candidate grid; each box's rotation is precomputed once.
// The result is deterministic (identical for any thread count).
PointsInBoxResult pointsInBoxes(const PointCloud& cloud, const std::vector<Cuboid>& boxes,
                                const PointsInBoxConfig& config = {});

struct BoxCount {
  std::uint32_t inside = 0;  // points inside (closed box, same rule as pointsInBoxes)
  std::uint32_t nearby = 0;  // points in the margin band, not inside
};

// Single box, single thread, no allocation: the cheap live readout while a box is dragged.
BoxCount countPointsInBox(const PointCloud& cloud, const Cuboid& box, float nearbyMargin = 0.3f,
                          float faceTolerance = 1e-4f);

// Indices (ascending) of the points inside one box, grown by `margin` metres on every side.
std::vector<std::uint32_t> indicesInBox(const PointCloud& cloud, const Cuboid& box,
                                        float margin = 0.f, float faceTolerance = 1e-4f);

}  // namespace lidarlabel
