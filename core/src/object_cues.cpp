#include "lidarlabel/core/object_cues.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>
#include <unordered_map>

namespace lidarlabel {
namespace {

std::int64_t cellKey(float x, float y, float cell) {
  const auto cx = static_cast<std::int64_t>(std::floor(x / cell));
  const auto cy = static_cast<std::int64_t>(std::floor(y / cell));
  return (cx << 32) ^ (cy & 0xffffffff);
}

bool finite3(const PointCloud& c, std::size_t i) {
  return std::isfinite(c.x[i]) && std::isfinite(c.y[i]) && std::isfinite(c.z[i]);
}

}  // namespace

RayIndex buildRayIndex(const PointCloud& cloud, const CueConfig& config) {
  RayIndex r;
  r.binWidth = std::max(config.azimuthBin, 1e-4);
  const auto bins = static_cast<std::uint32_t>(std::ceil(2 * std::numbers::pi / r.binWidth));
  const std::size_t n = cloud.size();
  r.binOf.assign(n, std::numeric_limits<std::uint32_t>::max());
  std::vector<float> elev(n), range(n);
  r.start.assign(bins + 1, 0);
  for (std::size_t i = 0; i < n; ++i) {
    if (!finite3(cloud, i)) continue;
    const double x = cloud.x[i], y = cloud.y[i], z = cloud.z[i];
    const double a = std::atan2(y, x) + std::numbers::pi;  // 0 .. 2 pi
    const auto b = std::min<std::uint32_t>(static_cast<std::uint32_t>(a / r.binWidth), bins - 1);
    const double bev = std::hypot(x, y);
    r.binOf[i] = b;
    elev[i] = static_cast<float>(std::atan2(z, bev));
    range[i] = static_cast<float>(std::hypot(bev, z));
    r.start[b + 1]++;
  }
  for (std::uint32_t b = 0; b < bins; ++b) r.start[b + 1] += r.start[b];
  r.elevation.resize(r.start[bins]);
  r.range.resize(r.start[bins]);
  std::vector<std::uint32_t> fill(r.start.begin(), r.start.end() - 1);
  for (std::size_t i = 0; i < n; ++i) {
    const std::uint32_t b = r.binOf[i];
    if (b == std::numeric_limits<std::uint32_t>::max()) continue;
    r.elevation[fill[b]] = elev[i];
    r.range[fill[b]++] = range[i];
  }
  return r;
}

AboveIndex buildAboveIndex(const PointCloud& cloud, const GroundResult& ground,
                           const CueConfig& config) {
  AboveIndex a;
  a.cell = config.aboveCell;
  if (ground.groundHeight.size() != cloud.size()) return a;
  std::unordered_map<std::int64_t, std::pair<float, float>> lowest;
  for (std::size_t i = 0; i < cloud.size(); ++i) {
    if (ground.isGround[i] || !finite3(cloud, i)) continue;
    const float h = cloud.z[i] - ground.groundHeight[i];
    if (!(h > config.bandTop && h <= config.aboveReach)) continue;
    const auto [it, fresh] =
        lowest.try_emplace(cellKey(cloud.x[i], cloud.y[i], a.cell), std::pair{h, h});
    if (!fresh) it->second = {std::min(it->second.first, h), std::max(it->second.second, h)};
  }
  std::vector<std::pair<std::int64_t, std::pair<float, float>>> v(lowest.begin(), lowest.end());
  std::sort(v.begin(), v.end());
  for (const auto& [k, h] : v) {
    a.keys.push_back(k);
    a.lowest.push_back(h.first);
    a.highest.push_back(h.second);
  }
  return a;
}

ClusterCues clusterCues(const PointCloud& cloud, const GroundResult& ground,
                        const std::vector<std::uint32_t>& members, const RayIndex& rays,
                        const AboveIndex& above, const CueConfig& config) {
  ClusterCues c;
  struct Span {
    float eMin = std::numeric_limits<float>::infinity(), eMax = -eMin, rMax = 0.f, rMin = eMin;
    std::uint32_t own = 0;
  };
  std::unordered_map<std::uint32_t, Span> spans;
  float bottom = std::numeric_limits<float>::infinity(), top = -bottom;
  const bool haveGround = ground.groundHeight.size() == cloud.size();
  for (std::uint32_t i : members) {
    if (i >= cloud.size() || !finite3(cloud, i)) continue;
    ++c.points;
    const float h = haveGround ? cloud.z[i] - ground.groundHeight[i] : cloud.z[i];
    if (std::isfinite(h)) bottom = std::min(bottom, h), top = std::max(top, h);
    if (i >= rays.binOf.size() || rays.binOf[i] == std::numeric_limits<std::uint32_t>::max())
      continue;
    const double bev = std::hypot<double>(cloud.x[i], cloud.y[i]);
    const auto e = static_cast<float>(std::atan2<double>(cloud.z[i], bev));
    const auto r = static_cast<float>(std::hypot<double>(bev, cloud.z[i]));
    Span& s = spans[rays.binOf[i]];
    s.eMin = std::min(s.eMin, e);
    s.eMax = std::max(s.eMax, e);
    s.rMax = std::max(s.rMax, r);
    s.rMin = std::min(s.rMin, r);
    s.own++;
  }
  if (c.points == 0) return c;
  c.bottom = std::isfinite(bottom) ? bottom : 0.f;
  c.top = std::isfinite(top) ? top : 0.f;
  std::size_t own = 0, behind = 0, occluded = 0;
  const auto slack = static_cast<float>(config.elevationSlack);
  const auto below = static_cast<float>(config.belowSpan);
  for (const auto& [b, s] : spans) {
    own += s.own;
    bool occ = false;
    for (std::uint32_t k = rays.start[b]; k < rays.start[b + 1]; ++k) {
      const float e = rays.elevation[k];
      if (e >= s.eMin - slack && e <= s.eMax + slack &&
          rays.range[k] > s.rMax + static_cast<float>(config.behindMargin))
        ++behind;
      if (e < s.eMin - slack && e >= s.eMin - below &&
          rays.range[k] < s.rMin - static_cast<float>(config.behindMargin))
        occ = true;
    }
    occluded += occ;
  }
  c.occludedBelow =
      spans.empty() ? 0.f : static_cast<float>(occluded) / static_cast<float>(spans.size());
  c.seeThrough = own + behind ? static_cast<float>(behind) / static_cast<float>(own + behind) : 0.f;
  // Continues above: a cell of the cluster holds higher points starting close above its top.
  if (!above.keys.empty() && c.top >= config.bandTop - config.aboveGap) {
    for (std::uint32_t i : members) {
      const std::int64_t key = cellKey(cloud.x[i], cloud.y[i], above.cell);
      const auto it = std::lower_bound(above.keys.begin(), above.keys.end(), key);
      if (it == above.keys.end() || *it != key) continue;
      const auto k = static_cast<std::size_t>(it - above.keys.begin());
      if (above.lowest[k] <= c.top + config.aboveGap && above.highest[k] >= config.tallerThan) {
        c.continuesAbove = true;
        break;
      }
    }
  }
  return c;
}

int headingFromProfile(const PointCloud& cloud, const GroundResult& ground,
                       const std::vector<std::uint32_t>& members, const Cuboid& box) {
  if (members.size() < 40 || ground.groundHeight.size() != cloud.size()) return 0;
  const double c = std::cos(box.yaw), s = std::sin(box.yaw);
  const double half = box.size.x() / 2;
  double lo = std::numeric_limits<double>::infinity(), hi = -lo;
  float top = -std::numeric_limits<float>::infinity();
  std::vector<std::pair<double, float>> along;  // (coordinate along the heading, height)
  for (std::uint32_t i : members) {
    const float h = cloud.z[i] - ground.groundHeight[i];
    if (!std::isfinite(h)) continue;
    const double u = c * (cloud.x[i] - box.center.x()) + s * (cloud.y[i] - box.center.y());
    along.emplace_back(u, h);
    lo = std::min(lo, u), hi = std::max(hi, u);
    top = std::max(top, h);
  }
  if (along.size() < 40 || hi - lo < 0.75 * box.size.x()) return 0;  // length not seen whole
  double sum = 0;
  std::size_t n = 0;
  for (const auto& [u, h] : along)
    if (h >= 0.8f * top) sum += u, ++n;
  if (n < 8) return 0;
  const double cabin = sum / static_cast<double>(n);  // cabin centre relative to the box centre
  const double mid = (lo + hi) / 2;
  if (std::abs(cabin - mid) < 0.1 * half) return 0;
  return cabin < mid ? +1 : -1;  // cabin behind the middle: the heading points forward already
}

float endHeightRatio(const PointCloud& cloud, const GroundResult& ground,
                     const std::vector<std::uint32_t>& members, const Cuboid& box,
                     double endShare) {
  if (members.size() < 20 || ground.groundHeight.size() != cloud.size()) return 1.f;
  const double c = std::cos(box.yaw), s = std::sin(box.yaw);
  std::vector<std::pair<double, float>> along;
  double lo = std::numeric_limits<double>::infinity(), hi = -lo;
  for (std::uint32_t i : members) {
    const float h = cloud.z[i] - ground.groundHeight[i];
    if (!std::isfinite(h)) continue;
    const double u = c * (cloud.x[i] - box.center.x()) + s * (cloud.y[i] - box.center.y());
    along.emplace_back(u, h);
    lo = std::min(lo, u), hi = std::max(hi, u);
  }
  if (along.size() < 20 || hi <= lo) return 1.f;
  const double end = endShare * (hi - lo);
  float top = 0.f, front = 0.f, back = 0.f;
  for (const auto& [u, h] : along) {
    top = std::max(top, h);
    if (u <= lo + end) back = std::max(back, h);
    if (u >= hi - end) front = std::max(front, h);
  }
  return top > 0.f ? std::min(front, back) / top : 1.f;
}

}  // namespace lidarlabel
