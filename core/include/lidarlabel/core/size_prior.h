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

}  // namespace lidarlabel
