// The rectangle fit's heading: the L-shape search (closeness criterion) over the visible outline.
#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>

#include "box_fit_internal.h"
#include "lidarlabel/core/box_fit.h"

namespace lidarlabel {
namespace {

constexpr double kHalfPi = std::numbers::pi / 2.0;

// Closeness score (Zhang et al. 2017, Algorithm 4) of the points for rectangle orientation yaw:
// each point's distance to the nearer of the two edges the points hug, floored at d0.
double closeness(const std::vector<Eigen::Vector2d>& pts, double yaw, double d0,
                 std::vector<double>& c1, std::vector<double>& c2, double trim,
                 std::vector<double>& scratch) {
  const double c = std::cos(yaw), s = std::sin(yaw);
  const std::size_t n = pts.size();
  for (std::size_t i = 0; i < n; ++i) {
    c1[i] = c * pts[i].x() + s * pts[i].y();
    c2[i] = -s * pts[i].x() + c * pts[i].y();
  }
  // Edges at the trimmed extremes: a few points outside the body (wing mirrors, a tow bar) do
  // not move the edge the rest of the side hugs. Points beyond it count by their distance too.
  const auto k = static_cast<std::size_t>(trim * static_cast<double>(n));
  const auto extremes = [&](const std::vector<double>& v, double& lo, double& hi) {
    if (k == 0) {
      const auto [a, b] = std::minmax_element(v.begin(), v.end());
      lo = *a, hi = *b;
      return;
    }
    scratch.assign(v.begin(), v.end());
    std::nth_element(scratch.begin(), scratch.begin() + static_cast<std::ptrdiff_t>(k),
                     scratch.end());
    lo = scratch[k];
    std::nth_element(scratch.begin(), scratch.begin() + static_cast<std::ptrdiff_t>(n - 1 - k),
                     scratch.end());
    hi = scratch[n - 1 - k];
  };
  double min1, max1, min2, max2;
  extremes(c1, min1, max1);
  extremes(c2, min2, max2);
  // Pick, per axis, the edge the points are closer to (smaller squared-distance sum).
  double a1 = 0, b1 = 0, a2 = 0, b2 = 0;
  for (std::size_t i = 0; i < n; ++i) {
    a1 += (max1 - c1[i]) * (max1 - c1[i]);
    b1 += (c1[i] - min1) * (c1[i] - min1);
    a2 += (max2 - c2[i]) * (max2 - c2[i]);
    b2 += (c2[i] - min2) * (c2[i] - min2);
  }
  const bool useMax1 = a1 < b1, useMax2 = a2 < b2;
  double score = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const double d1 = std::abs(useMax1 ? max1 - c1[i] : c1[i] - min1);
    const double d2 = std::abs(useMax2 ? max2 - c2[i] : c2[i] - min2);
    score += 1.0 / std::max(std::min(d1, d2), d0);
  }
  return score;
}

}  // namespace

Eigen::Vector2d fit::centroid(const std::vector<Eigen::Vector2d>& pts) {
  Eigen::Vector2d mean = Eigen::Vector2d::Zero();
  for (const auto& p : pts) mean += p;
  return mean / static_cast<double>(pts.size());
}

std::vector<Eigen::Vector2d> fit::visibleContour(const std::vector<Eigen::Vector2d>& pts,
                                                 const Eigen::Vector2d& sensor, double step) {
  const Eigen::Vector2d mean = centroid(pts);
  const double range = std::max((mean - sensor).norm(), 1.0);
  const double dTheta = std::max(step, 1e-3) / range;
  const double ref = std::atan2(mean.y() - sensor.y(), mean.x() - sensor.x());
  // Per point its bin and squared range; per bin the nearest point (ties: the first), listed in
  // bin order. A direct table over the bin span (small for one object), else a sort.
  const std::size_t n = pts.size();
  std::vector<long> bin(n);
  std::vector<double> r2(n);
  long lo = std::numeric_limits<long>::max(), hi = std::numeric_limits<long>::min();
  for (std::size_t i = 0; i < n; ++i) {
    const Eigen::Vector2d d = pts[i] - sensor;
    const double a = wrapAngle(std::atan2(d.y(), d.x()) - ref);
    bin[i] = std::lround(std::floor(a / dTheta));
    r2[i] = d.squaredNorm();
    lo = std::min(lo, bin[i]);
    hi = std::max(hi, bin[i]);
  }
  std::vector<Eigen::Vector2d> out;
  const auto span = static_cast<unsigned long>(hi - lo) + 1;
  if (span <= 4 * n + 256) {
    std::vector<std::size_t> best(span, n);
    for (std::size_t i = 0; i < n; ++i) {
      std::size_t& b = best[static_cast<std::size_t>(bin[i] - lo)];
      if (b == n || r2[i] < r2[b]) b = i;
    }
    for (std::size_t b : best)
      if (b != n) out.push_back(pts[b]);
    return out;
  }
  std::vector<std::pair<long, std::pair<double, std::size_t>>> bins;  // bin, (range, point)
  bins.reserve(n);
  for (std::size_t i = 0; i < n; ++i) bins.push_back({bin[i], {r2[i], i}});
  std::sort(bins.begin(), bins.end());
  for (std::size_t k = 0; k < bins.size(); ++k)
    if (k == 0 || bins[k].first != bins[k - 1].first) out.push_back(pts[bins[k].second.second]);
  return out;
}

YawFit searchRectangleYaw(const std::vector<Eigen::Vector2d>& pts, const FitConfig& config,
                          std::optional<double> yawCenter, double yawWindow) {
  if (pts.size() < 2) return {};
  std::vector<double> c1(pts.size()), c2(pts.size()), scratch;
  const double trim = config.outlierShare;
  const double lo = yawCenter ? *yawCenter - yawWindow : 0.0;
  const double hi = yawCenter ? *yawCenter + yawWindow : kHalfPi;
  const double coarse = std::max(config.coarseYawStep, 1e-4);
  YawFit best{lo, -1.0};
  for (double yaw = lo; yaw < hi + 1e-12; yaw += coarse) {
    const double s = closeness(pts, yaw, config.closenessMinDistance, c1, c2, trim, scratch);
    if (s > best.score) best = {yaw, s};
  }
  const double fine = std::max(config.fineYawStep, 1e-5);
  const double center = best.yaw;
  for (double yaw = center - coarse; yaw <= center + coarse + 1e-12; yaw += fine) {
    const double s = closeness(pts, yaw, config.closenessMinDistance, c1, c2, trim, scratch);
    if (s > best.score) best = {yaw, s};
  }
  best.score = best.score * config.closenessMinDistance / static_cast<double>(pts.size());
  if (!yawCenter) best.yaw = std::fmod(std::fmod(best.yaw, kHalfPi) + kHalfPi, kHalfPi);
  return best;
}

}  // namespace lidarlabel
