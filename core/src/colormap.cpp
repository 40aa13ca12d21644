#include "lidarlabel/core/colormap.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <unordered_map>

#include "lidarlabel/core/points_in_box.h"

namespace lidarlabel {

namespace {
// Turbo-like ramp control points (dark blue -> cyan -> green -> yellow -> red).
constexpr std::array<std::array<float, 3>, 6> kRamp{
    {{48, 18, 59}, {40, 120, 240}, {30, 210, 170}, {160, 240, 50}, {250, 170, 30}, {200, 30, 20}}};

void put(std::vector<std::uint8_t>& out, std::size_t i, Rgb c) {
  out[3 * i] = c.r;
  out[3 * i + 1] = c.g;
  out[3 * i + 2] = c.b;
}

std::pair<float, float> percentileRange(const std::vector<float>& v) {
  if (v.empty()) return {0.f, 1.f};
  // A 256-sample stride keeps this O(n) and cheap for 1M points.
  std::vector<float> s;
  const std::size_t step = std::max<std::size_t>(1, v.size() / 4096);
  for (std::size_t i = 0; i < v.size(); i += step)
    if (std::isfinite(v[i])) s.push_back(v[i]);
  if (s.empty()) return {0.f, 1.f};
  std::sort(s.begin(), s.end());
  const float lo = s[s.size() / 100];
  const float hi = s[s.size() - 1 - s.size() / 100];
  return {lo, hi > lo ? hi : lo + 1.f};
}
}  // namespace

Rgb rampColor(float t) {
  if (!std::isfinite(t)) t = 0.f;
  t = std::clamp(t, 0.f, 1.f) * static_cast<float>(kRamp.size() - 1);
  const auto k = std::min<std::size_t>(static_cast<std::size_t>(t), kRamp.size() - 2);
  const float f = t - static_cast<float>(k);
  auto mix = [&](int c) {
    return static_cast<std::uint8_t>(kRamp[k][c] + f * (kRamp[k + 1][c] - kRamp[k][c]) + 0.5f);
  };
  return {mix(0), mix(1), mix(2)};
}

std::vector<std::uint8_t> colorizeByBoxes(const PointCloud& cloud, const BoxColors& boxes) {
  const std::size_t n = cloud.size();
  std::vector<std::uint8_t> out(3 * n);
  for (std::size_t i = 0; i < n; ++i) put(out, i, boxes.outside);
  if (boxes.boxes.empty() || n == 0) return out;
  PointsInBoxConfig config;
  config.indexLists = false;
  const PointsInBoxResult r = pointsInBoxes(cloud, boxes.boxes, config);
  for (std::size_t i = 0; i < n; ++i) {
    const std::int32_t k = r.owner[i];
    if (k >= 0 && static_cast<std::size_t>(k) < boxes.colors.size()) put(out, i, boxes.colors[k]);
  }
  return out;
}

std::vector<std::uint8_t> colorize(const PointCloud& cloud, ColorMode mode, float zMin, float zMax,
                                   const PointLabels* labels, const Ontology* ontology,
                                   const BoxColors* boxes) {
  if (mode == ColorMode::BoxMembership) return colorizeByBoxes(cloud, boxes ? *boxes : BoxColors{});
  const std::size_t n = cloud.size();
  std::vector<std::uint8_t> out(3 * n);
  if (mode == ColorMode::Semantic && labels && labels->size() == n && ontology) {
    std::unordered_map<std::uint16_t, Rgb> lut;
    for (const ClassDef& c : ontology->classes)
      lut[static_cast<std::uint16_t>(c.semanticKittiId)] = c.color;
    for (std::size_t i = 0; i < n; ++i) {
      auto it = lut.find(labels->semantic[i]);
      put(out, i, it == lut.end() || labels->semantic[i] == 0 ? Rgb{128, 128, 128} : it->second);
    }
    return out;
  }
  if (mode == ColorMode::Intensity) {
    const auto [lo, hi] = percentileRange(cloud.intensity);
    const float inv = 1.f / (hi - lo);
    for (std::size_t i = 0; i < n; ++i) put(out, i, rampColor((cloud.intensity[i] - lo) * inv));
    return out;
  }
  const float inv = 1.f / std::max(1e-3f, zMax - zMin);
  for (std::size_t i = 0; i < n; ++i) put(out, i, rampColor((cloud.z[i] - zMin) * inv));
  return out;
}

}  // namespace lidarlabel
