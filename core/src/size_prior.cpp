#include "lidarlabel/core/size_prior.h"

#include <algorithm>
#include <cmath>

namespace lidarlabel {

namespace {
double median(std::vector<double> v) {
  const std::size_t mid = v.size() / 2;
  std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(mid), v.end());
  const double upper = v[mid];
  if (v.size() % 2 == 1) return upper;
  const double lower = *std::max_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(mid));
  return (lower + upper) / 2.0;
}
}  // namespace

std::optional<Eigen::Vector3d> estimateSize(const std::vector<Eigen::Vector3d>& samples,
                                            const Eigen::Vector3d& fallback,
                                            const SizePriorConfig& config) {
  if (samples.empty() || samples.size() < config.minSamples) return std::nullopt;
  const double r = std::max(config.maxRatio, 1.0);
  Eigen::Vector3d out;
  for (int d = 0; d < 3; ++d) {
    std::vector<double> v;
    v.reserve(samples.size());
    for (const Eigen::Vector3d& s : samples) v.push_back(s[d]);
    out[d] = std::clamp(median(std::move(v)), fallback[d] / r, fallback[d] * r);
  }
  return out;
}

std::optional<Eigen::Vector3d> weightedQuantileSize(const std::vector<SizeSample>& samples,
                                                    double quantile) {
  double total = 0.0;
  for (const SizeSample& s : samples) total += std::max(s.weight, 0.0);
  if (!(total > 0.0)) return std::nullopt;
  const double reach = std::clamp(quantile, 0.0, 1.0) * total;
  Eigen::Vector3d out = Eigen::Vector3d::Zero();
  std::vector<std::pair<double, double>> v;  // (value, weight)
  for (int d = 0; d < 3; ++d) {
    v.clear();
    for (const SizeSample& s : samples)
      if (s.weight > 0.0) v.emplace_back(s.size[d], s.weight);
    std::sort(v.begin(), v.end());
    double acc = 0.0;
    for (const auto& [value, weight] : v) {
      acc += weight;
      out[d] = value;
      if (acc >= reach) break;
    }
  }
  return out;
}

Cuboid resizeKeepingSeenFaces(const Cuboid& box, const Eigen::Vector3d& size,
                              const Eigen::Vector3d& sensor) {
  Cuboid out = box;
  out.size = size;
  const Eigen::Matrix3d r = box.rotation();
  const Eigen::Vector3d local = r.transpose() * (sensor - box.center);  // sensor, box axes
  Eigen::Vector3d shift = Eigen::Vector3d::Zero();
  for (int d = 0; d < 2; ++d) {
    const double half = box.size[d] / 2.0, grow = (size[d] - box.size[d]) / 2.0;
    if (local[d] >= half)
      shift[d] = -grow;  // the + face is seen: the - face moves
    else if (local[d] <= -half)
      shift[d] = grow;
  }
  shift.z() = (size.z() - box.size.z()) / 2.0;
  out.center = box.center + r * shift;
  return out;
}

}  // namespace lidarlabel
