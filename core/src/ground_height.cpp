// Sensor height from the sweep (core/ground.h: estimateSensorHeight).
#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>

#include "ground_internal.h"
#include "lidarlabel/core/ground.h"

namespace lidarlabel {

float estimateSensorHeight(const PointCloud& c, const GroundConfig& cfg) {
  constexpr float kRingWidth = 2.f;  // metres
  const float nan = std::numeric_limits<float>::quiet_NaN();
  const float r0 = std::max(cfg.minRange, 0.f), r1 = cfg.heightRange;
  if (!(r1 > r0)) return nan;
  const int rings = static_cast<int>(std::ceil((r1 - r0) / kRingWidth));
  const int sectors = std::max(1, cfg.heightSectors);
  const std::size_t binCount = static_cast<std::size_t>(rings * sectors);
  const float sectorScale = static_cast<float>(sectors) / (2 * ground_detail::kPi);
  // Points far below any plausible road (deeper than maxSensorHeight + 1 m) are not road.
  const float floorZ = -cfg.maxSensorHeight - 1.f;
  // Counting sort of the near points' z by bin; every kStride-th finite point is plenty for a
  // quantile (a near bin holds hundreds of points) and halves the cost.
  constexpr std::size_t kStride = 2;
  std::vector<std::uint32_t> binOf;
  std::vector<float> zs;
  std::vector<std::uint32_t> start(binCount + 1, 0);
  std::size_t finite = 0;  // strides over finite points: no-return points change nothing
  for (std::size_t i = 0; i < c.size(); ++i) {
    const float x = c.x[i], y = c.y[i], z = c.z[i];
    if (!std::isfinite(x) || !std::isfinite(y) || !std::isfinite(z)) continue;
    if (finite++ % kStride != 0 || !(z > floorZ)) continue;
    const float rr = x * x + y * y;
    if (rr < r0 * r0 || rr >= r1 * r1) continue;
    const int ring = std::min(rings - 1, static_cast<int>((std::sqrt(rr) - r0) / kRingWidth));
    const int sector = std::min(
        sectors - 1,
        static_cast<int>((ground_detail::fastAtan2(y, x) + ground_detail::kPi) * sectorScale));
    binOf.push_back(static_cast<std::uint32_t>(ring * sectors + sector));
    zs.push_back(z);
    ++start[binOf.back() + 1];
  }
  for (std::size_t b = 1; b <= binCount; ++b) start[b] += start[b - 1];
  std::vector<float> sorted(zs.size());
  {
    std::vector<std::uint32_t> fill(start.begin(), start.end() - 1);
    for (std::size_t j = 0; j < zs.size(); ++j) sorted[fill[binOf[j]]++] = zs[j];
  }
  std::vector<float> levels;
  const std::size_t minPoints = static_cast<std::size_t>(std::max(3, cfg.minBinPoints));
  const float q = std::clamp(cfg.heightQuantile, 0.f, 1.f);
  for (std::size_t b = 0; b < binCount; ++b) {
    const std::size_t k = start[b + 1] - start[b];
    if (k < minPoints) continue;
    float* first = sorted.data() + start[b];
    float* nth = first + static_cast<std::ptrdiff_t>(q * static_cast<float>(k - 1));
    std::nth_element(first, nth, first + k);
    levels.push_back(*nth);
  }
  if (levels.size() < 8) return nan;
  const auto mid = levels.begin() + static_cast<std::ptrdiff_t>(levels.size() / 2);
  std::nth_element(levels.begin(), mid, levels.end());
  const float h = -*mid;
  return h >= cfg.minSensorHeight && h <= cfg.maxSensorHeight ? h : nan;
}

}  // namespace lidarlabel
