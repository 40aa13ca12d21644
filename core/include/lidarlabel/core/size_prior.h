#pragma once
// Class sizes that fit the data at hand. The ontology's default sizes are one guess for every
// dataset (a "car" is 4.5 x 1.9 m; KITTI's cars average 4.0 x 1.67 m), and a one-click fit
// completes the sides it does not see from them. estimateSize gives a class the size its boxes
// in the sequence have instead (the desk uses the boxes people made or accepted, whose sizes are
// whole; fitted extents are not: they fall short of the object wherever no point reaches it).
#include <cstddef>
#include <optional>
#include <vector>

#include <Eigen/Core>

#include "lidarlabel/core/cuboid.h"

namespace lidarlabel {

struct SizePriorConfig {
  std::size_t minSamples = 3;  // fewer samples: no estimate (the default size stays)
  // Each dimension of an estimate stays within [1/maxRatio, maxRatio] x the default: a few odd
  // boxes (a class set by mistake) cannot turn the prior into another class's.
  double maxRatio = 1.3;
};

// The per-dimension median of `samples` (length, width, height in metres; an even count takes
// the mean of the two middle values), clamped around `fallback` as the config says; nullopt with
// fewer than minSamples samples.
std::optional<Eigen::Vector3d> estimateSize(const std::vector<Eigen::Vector3d>& samples,
                                            const Eigen::Vector3d& fallback,
                                            const SizePriorConfig& config = {});

// One object, many views: a rigid object has one size, but each sweep's fit measures only the
// sides it sees whole and falls short of the rest (or guesses them from the class prior). Seen
// sides are lower bounds, so a high quantile of the views' sizes, not their mean, estimates the
// object; not their maximum, so one view merged with a neighbour (a hedge behind a parked car)
// does not decide. weightedQuantileSize gives, per dimension, the smallest sample value at which
// the samples' cumulative weight (sorted by value) reaches `quantile` (0..1) of their total
// (weights > 0 count; 0.5 = the weighted lower median). Empty or all weights <= 0: nullopt.
struct SizeSample {
  Eigen::Vector3d size;  // (length, width, height) metres, along the object's own axes
  double weight = 1.0;
};
std::optional<Eigen::Vector3d> weightedQuantileSize(const std::vector<SizeSample>& samples,
                                                    double quantile);

// box with its size set to `size`, keeping in place the faces a sensor at `sensor` (same frame
// as box, metres) sees: per horizontal axis, the face nearer the sensor stays and the far one
// moves; an axis whose two faces the sensor lies between (seen side-on along it) stays centred.
// The bottom stays (the box grows or shrinks upwards). Yaw, pitch and roll are kept.
Cuboid resizeKeepingSeenFaces(const Cuboid& box, const Eigen::Vector3d& size,
                              const Eigen::Vector3d& sensor);

}  // namespace lidarlabel
