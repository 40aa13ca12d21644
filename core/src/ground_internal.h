#pragma once
// Pieces of the ground removal shared by its source files (core/src/ground*.cpp); not public.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <numbers>
#include <vector>

#include "lidarlabel/core/ground.h"

namespace lidarlabel::ground_detail {

constexpr float kPi = std::numbers::pi_v<float>;

// atan2 with |error| < 2e-4 rad; only used to pick a sector.
inline float fastAtan2(float y, float x) {
  const float ax = std::abs(x), ay = std::abs(y);
  const float mx = std::max(ax, ay), mn = std::min(ax, ay);
  const float a = mx > 0.f ? mn / mx : 0.f;
  const float s = a * a;
  float r = ((-0.0464964749f * s + 0.15931422f) * s - 0.327622764f) * s * a + a;
  if (ay > ax) r = kPi / 2 - r;
  if (x < 0) r = kPi - r;
  return y < 0 ? -r : r;
}

// Reverts ground candidates at the foot of vertical structures (GroundConfig::vertical*).
// binOf[i] < 0 marks points outside the fitted range; res.groundHeight must be filled.
void revertUnderStructures(const PointCloud& c, const GroundConfig& cfg,
                           const std::vector<std::int32_t>& binOf, GroundResult& res);

}  // namespace lidarlabel::ground_detail
