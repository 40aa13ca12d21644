#include "lidarlabel/core/size_prior.h"

#include <algorithm>

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

}  // namespace lidarlabel
