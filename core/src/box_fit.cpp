#include "lidarlabel/core/box_fit.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>

#include <Eigen/Geometry>

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

// Axis extents of the BEV points in the frame rotated by yaw.
struct Extent {
  double min1, max1, min2, max2;
};
Extent extentAt(const std::vector<Eigen::Vector2d>& pts, double yaw) {
  const double c = std::cos(yaw), s = std::sin(yaw);
  Extent e{std::numeric_limits<double>::infinity(), -std::numeric_limits<double>::infinity(),
           std::numeric_limits<double>::infinity(), -std::numeric_limits<double>::infinity()};
  for (const auto& p : pts) {
    const double a = c * p.x() + s * p.y(), b = -s * p.x() + c * p.y();
    e.min1 = std::min(e.min1, a);
    e.max1 = std::max(e.max1, a);
    e.min2 = std::min(e.min2, b);
    e.max2 = std::max(e.max2, b);
  }
  return e;
}

// Grows (or with `exact`, sets) the interval [lo, hi] to length `target`, keeping the end the
// sensor (at coordinate s) sees; a sensor between the ends keeps the interval centred.
void completeSide(double& lo, double& hi, double target, double s, bool exact, double fraction) {
  const double len = hi - lo;
  if (!exact && len >= fraction * target) return;  // seen (nearly) whole: keep what was seen
  if (s <= lo)
    hi = lo + target;
  else if (s >= hi)
    lo = hi - target;
  else {
    const double mid = (lo + hi) / 2;
    lo = mid - target / 2;
    hi = mid + target / 2;
  }
}

// Fraction of the points within 0.1 m of the rectangle's nearest edge.
double edgeFraction(const std::vector<Eigen::Vector2d>& pts, double yaw, const Extent& e) {
  const double c = std::cos(yaw), s = std::sin(yaw);
  std::size_t near = 0;
  for (const auto& p : pts) {
    const double a = c * p.x() + s * p.y(), b = -s * p.x() + c * p.y();
    const double d = std::min({a - e.min1, e.max1 - a, b - e.min2, e.max2 - b});
    near += d <= 0.1 ? 1 : 0;
  }
  return pts.empty() ? 0.0 : static_cast<double>(near) / static_cast<double>(pts.size());
}

double bottomOf(const PointCloud& cloud, const std::vector<std::uint32_t>& idx,
                const GroundResult* ground, double minZ) {
  if (!ground || ground->groundHeight.size() != cloud.size()) return minZ;
  std::vector<float> h;
  h.reserve(idx.size());
  for (auto i : idx)
    if (std::isfinite(ground->groundHeight[i])) h.push_back(ground->groundHeight[i]);
  if (h.empty()) return minZ;
  std::nth_element(h.begin(), h.begin() + static_cast<std::ptrdiff_t>(h.size() / 2), h.end());
  return std::min<double>(h[h.size() / 2], minZ);
}

// Mean of the BEV points (pts not empty).
Eigen::Vector2d centroid(const std::vector<Eigen::Vector2d>& pts) {
  Eigen::Vector2d mean = Eigen::Vector2d::Zero();
  for (const auto& p : pts) mean += p;
  return mean / static_cast<double>(pts.size());
}

// The visible outline seen from the sensor: per azimuth bin (contourStep metres of arc at the
// cluster's range) the point nearest to the sensor. Roof, window and interior returns drop out, so
// the closeness criterion sees the L-shaped scan line it was designed for.
std::vector<Eigen::Vector2d> visibleContour(const std::vector<Eigen::Vector2d>& pts,
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

struct BevBox {
  double x0 = std::numeric_limits<double>::infinity(), y0 = x0, x1 = -x0, y1 = -x0;
  void add(double x, double y) {
    x0 = std::min(x0, x), y0 = std::min(y0, y), x1 = std::max(x1, x), y1 = std::max(y1, y);
  }
  void add(const BevBox& o) { add(o.x0, o.y0), add(o.x1, o.y1); }
  double gapTo(const BevBox& o) const {
    return std::hypot(std::max({0.0, o.x0 - x1, x0 - o.x1}), std::max({0.0, o.y0 - y1, y0 - o.y1}));
  }
  double diagonal() const { return std::hypot(x1 - x0, y1 - y0); }
};

BevBox bevBoxOf(const PointCloud& cloud, const std::vector<std::uint32_t>& idx) {
  BevBox b;
  for (auto i : idx) b.add(cloud.x[i], cloud.y[i]);
  return b;
}

// The object the user meant: among the clusters whose nearest point is within pickSlack metres
// of the nearest cluster's, the largest (a stray return near the click does not win) — with a
// class prior, the largest of those that could be one such object (BEV extent within
// maxPriorScale x the prior's diagonal): a click on a car parked by a wall or a hedge takes the
// car, not the larger structure. When none fits, the nearest cluster.
std::vector<std::uint32_t> clusterAtClick(const PointCloud& cloud, const Clusters& clusters,
                                          const Eigen::Vector2d& click, double pickSlack,
                                          const ClassDef* prior, double maxPriorScale) {
  std::vector<double> dist(clusters.members.size(), std::numeric_limits<double>::infinity());
  double dmin = std::numeric_limits<double>::infinity();
  std::size_t nearest = 0;
  for (std::size_t k = 0; k < clusters.members.size(); ++k) {
    for (std::uint32_t i : clusters.members[k])
      dist[k] = std::min(dist[k], (Eigen::Vector2d(cloud.x[i], cloud.y[i]) - click).norm());
    if (dist[k] < dmin) dmin = dist[k], nearest = k;
  }
  if (clusters.members.empty()) return {};
  const double maxDiagonal = prior ? maxPriorScale * prior->defaultSize.head<2>().norm()
                                   : std::numeric_limits<double>::infinity();
  // members are sorted largest first: the first candidate is the largest.
  for (std::size_t k = 0; k < clusters.members.size(); ++k)
    if (dist[k] <= dmin + pickSlack &&
        bevBoxOf(cloud, clusters.members[k]).diagonal() <= maxDiagonal)
      return clusters.members[k];
  return clusters.members[nearest];
}

// Parts of the same object the BEV grid split apart (a bumper below a hood the rings skipped):
// clusters within partGap metres (BEV bounding boxes) of the picked one are absorbed, nearest
// first, while the union still fits the class prior's footprint (its diagonal + 10 %).
std::vector<std::uint32_t> absorbParts(const PointCloud& cloud, const Clusters& clusters,
                                       std::vector<std::uint32_t> picked, const ClassDef& prior,
                                       double partGap) {
  if (picked.empty() || partGap <= 0) return picked;
  const double maxDiagonal = 1.1 * prior.defaultSize.head<2>().norm();
  BevBox box = bevBoxOf(cloud, picked);
  std::vector<std::pair<double, std::size_t>> order;
  std::vector<BevBox> boxes(clusters.members.size());
  for (std::size_t k = 0; k < clusters.members.size(); ++k) {
    if (clusters.members[k].front() == picked.front()) continue;  // the picked one itself
    boxes[k] = bevBoxOf(cloud, clusters.members[k]);
    order.emplace_back(box.gapTo(boxes[k]), k);
  }
  std::sort(order.begin(), order.end());
  for (const auto& [gap, k] : order) {
    if (box.gapTo(boxes[k]) > partGap) continue;
    BevBox merged = box;
    merged.add(boxes[k]);
    if (merged.diagonal() > maxDiagonal) continue;
    box = merged;
    picked.insert(picked.end(), clusters.members[k].begin(), clusters.members[k].end());
  }
  std::sort(picked.begin(), picked.end());
  return picked;
}

// BEV points of the body: for a cluster at least bodyMinLength long (BEV bounding box
// diagonal), those at most bodyBandTop above the local ground (or the lowest point), when they
// are at least a third of the points and 10 or more; else all points.
std::vector<Eigen::Vector2d> bodyPoints(const PointCloud& cloud,
                                        const std::vector<std::uint32_t>& idx,
                                        const std::vector<Eigen::Vector2d>& pts,
                                        const GroundResult* ground, double minZ,
                                        const FitConfig& config) {
  if (config.bodyBandTop <= 0 || pts.size() < 10) return pts;
  Eigen::AlignedBox2d bb;
  for (const auto& p : pts) bb.extend(p);
  if (bb.diagonal().norm() < config.bodyMinLength) return pts;
  const bool haveGround = ground && ground->groundHeight.size() == cloud.size();
  std::vector<Eigen::Vector2d> low;
  for (std::size_t k = 0; k < idx.size(); ++k) {
    const std::uint32_t i = idx[k];
    const double g = haveGround && std::isfinite(ground->groundHeight[i])
                         ? static_cast<double>(ground->groundHeight[i])
                         : minZ;
    if (cloud.z[i] - g <= config.bodyBandTop) low.push_back(pts[k]);
  }
  return low.size() >= 10 && 3 * low.size() >= pts.size() ? low : pts;
}

// Which axis of the rectangle at yaw (1: along yaw, 2: across) lies within maxAngle radians of
// the sensor's ray to the points' centre; 0 when neither does (an oblique view).
int alongRayAxis(const std::vector<Eigen::Vector2d>& pts, const Eigen::Vector2d& sensor, double yaw,
                 double maxAngle) {
  if (pts.empty() || maxAngle <= 0) return 0;
  const Eigen::Vector2d ray = centroid(pts) - sensor;
  if (ray.norm() < 1e-6) return 0;
  const double a = std::abs(std::cos(std::atan2(ray.y(), ray.x()) - yaw));  // |cos| to axis 1
  if (a >= std::cos(maxAngle)) return 1;
  if (a <= std::sin(maxAngle)) return 2;
  return 0;
}

}  // namespace

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

// Metres above the highest return where the object's top most likely is: half the beam gap
// there (see FitConfig::maxTopGap). Rings are told apart by elevation (1e-3 rad apart), compared
// as slopes dz / range (monotonic in the elevation) to keep trigonometry out of the loop.
double topAllowance(const PointCloud& cloud, const std::vector<std::uint32_t>& indices,
                    const FitConfig& config) {
  if (config.maxTopGap <= 0.0 || indices.empty()) return 0.0;
  const Eigen::Vector3d& s = config.sensorOrigin;
  std::uint32_t top = indices.front();
  for (auto i : indices)
    if (cloud.z[i] > cloud.z[top]) top = i;
  const double topRange = std::hypot(cloud.x[top] - s.x(), cloud.y[top] - s.y());
  if (topRange <= 0.0) return 0.0;
  const double topElev = std::atan2(cloud.z[top] - s.z(), topRange);
  const double below = std::tan(topElev - 1e-3);  // slopes under this belong to other rings
  double next = -std::numeric_limits<double>::infinity();  // highest slope of another ring
  for (auto i : indices) {
    const double dx = cloud.x[i] - s.x(), dy = cloud.y[i] - s.y(), dz = cloud.z[i] - s.z();
    const double r = std::sqrt(dx * dx + dy * dy);  // not std::hypot: this loop is hot
    if (r > 0.0 && dz < below * r) next = std::max(next, dz / r);
  }
  if (!std::isfinite(next)) return 0.0;
  const double gap = topElev - std::atan(next);
  return gap > config.maxTopGap ? 0.0 : topRange * std::tan(gap) / 2.0;
}

FitResult fitBoxToPoints(const PointCloud& cloud, const std::vector<std::uint32_t>& indices,
                         const GroundResult* ground, const FitConfig& config, const ClassDef* prior,
                         const FitHint& hint) {
  FitResult res;
  std::vector<Eigen::Vector2d> pts;
  double minZ = std::numeric_limits<double>::infinity(), maxZ = -minZ;
  for (auto i : indices) {
    if (i >= cloud.size() || !std::isfinite(cloud.x[i]) || !std::isfinite(cloud.y[i]) ||
        !std::isfinite(cloud.z[i]))
      continue;
    res.clusterIndices.push_back(i);
    pts.emplace_back(cloud.x[i], cloud.y[i]);
    minZ = std::min<double>(minZ, cloud.z[i]);
    maxZ = std::max<double>(maxZ, cloud.z[i]);
  }
  if (pts.empty()) return FitResult{};
  // The body: a vehicle-sized cluster is fitted to its points below the belt line (mirrors and
  // roof racks stick out above it; bumpers are below it and stay in).
  const std::vector<Eigen::Vector2d> body =
      bodyPoints(cloud, res.clusterIndices, pts, ground, minZ, config);
  if (!std::is_sorted(res.clusterIndices.begin(), res.clusterIndices.end()))
    std::sort(res.clusterIndices.begin(), res.clusterIndices.end());
  std::vector<Eigen::Vector2d> contour =
      visibleContour(body, config.sensorOrigin.head<2>(), config.contourStep);
  if (contour.size() < 3) contour = body;
  const YawFit yf = searchRectangleYaw(contour, config, hint.yaw, hint.yaw ? hint.yawWindow : 0.0);
  double yaw = yf.yaw;
  const auto extent = [&](double y) { return extentAt(body, y); };
  Extent e = extent(yaw);
  // Known / prior footprint and which rectangle axis is the length.
  const std::optional<Eigen::Vector3d> target =
      hint.size ? hint.size
                : (prior ? std::optional<Eigen::Vector3d>(prior->defaultSize) : std::nullopt);
  double len1 = e.max1 - e.min1, len2 = e.max2 - e.min2;
  bool axis1IsLength = len1 >= len2;
  if (hint.yaw) {
    axis1IsLength = true;  // the search ran around the hinted heading
  } else if (target) {
    // Orientation from the points first: a side longer than any width of the class is the
    // length. Only when both sides could be the width does the prior decide, by the summed
    // relative mismatch (a side observed longer than the prior costs more: sides are seen whole
    // or shorter, never longer).
    const double L = (*target)[0], W = (*target)[1];
    if (std::max(len1, len2) > config.widthSlack * W && std::abs(len1 - len2) > 0.2) {
      axis1IsLength = len1 >= len2;
    } else {
      // Seen end-on (one axis within endOnAngle of the ray to the cluster), the side along the
      // ray is a lower bound (the object hides its own far part): only its excess counts.
      const int along = alongRayAxis(pts, config.sensorOrigin.head<2>(), yaw, config.endOnAngle);
      const auto cost = [&](double a, double b, bool aAlong, bool bAlong) {
        const double over = std::max(0.0, a - L) / L + std::max(0.0, b - W) / W;
        const double missA = aAlong ? std::max(0.0, a - L) : std::abs(a - L);
        const double missB = bAlong ? std::max(0.0, b - W) : std::abs(b - W);
        return 10.0 * over + missA / L + missB / W;
      };
      axis1IsLength =
          cost(len1, len2, along == 1, along == 2) <= cost(len2, len1, along == 2, along == 1);
    }
  }
  if (!axis1IsLength) {  // rotate the frame by +90 deg so that axis 1 is the length
    yaw += kHalfPi;
    e = extent(yaw);
  }
  const double observedArea = std::max(e.max1 - e.min1, 0.0) * std::max(e.max2 - e.min2, 0.0);
  if (target) {
    const Eigen::Vector2d so = config.sensorOrigin.head<2>();
    const double c = std::cos(yaw), s = std::sin(yaw);
    const bool exact = hint.size.has_value();
    const double l0 = e.max1 - e.min1, w0 = e.max2 - e.min2;
    const double f = config.completeBelow;
    double L = (*target)[0], W = (*target)[1];
    if (!exact) {
      // One side seen whole tells how this object compares with the class prior: scale the
      // hidden side's target by the same ratio (a small pedestrian, a short car).
      const bool seenL = l0 >= f * L, seenW = w0 >= f * W;
      if (seenL != seenW) {
        const double scale = std::clamp(seenL ? l0 / L : w0 / W, 0.6, 1.25);
        (seenL ? W : L) *= scale;
      }
    }
    completeSide(e.min1, e.max1, L, c * so.x() + s * so.y(), exact, f);
    completeSide(e.min2, e.max2, W, -s * so.x() + c * so.y(), exact, f);
    res.usedPrior = std::abs(e.max1 - e.min1 - l0) > 1e-9 || std::abs(e.max2 - e.min2 - w0) > 1e-9;
  }
  // Heading sign: closest to the hint, else yaw in [-pi/2, pi/2).
  double heading = wrapAngle(yaw);
  if (hint.yaw) {
    if (std::abs(angleDiff(heading + std::numbers::pi, *hint.yaw)) <
        std::abs(angleDiff(heading, *hint.yaw)))
      heading = wrapAngle(heading + std::numbers::pi);
  } else if (heading >= kHalfPi || heading < -kHalfPi) {
    heading = wrapAngle(heading + std::numbers::pi);
  }
  const double c = std::cos(yaw), s = std::sin(yaw);
  const double m1 = (e.min1 + e.max1) / 2, m2 = (e.min2 + e.max2) / 2;
  const double ms = static_cast<double>(config.minSide);
  const double bottom = bottomOf(cloud, res.clusterIndices, ground, minZ);
  const double height =
      hint.size ? (*hint.size)[2]
                : std::max(maxZ + topAllowance(cloud, res.clusterIndices, config) - bottom, ms);
  res.box.center = Eigen::Vector3d(c * m1 - s * m2, s * m1 + c * m2, bottom + height / 2);
  res.box.size =
      Eigen::Vector3d(std::max(e.max1 - e.min1, ms), std::max(e.max2 - e.min2, ms), height);
  if (hint.size) res.box.size = *hint.size;  // exactly, not up to the extent arithmetic
  res.box.yaw = heading;
  // Confidence: enough points, points hugging the edges, box mostly observed (not prior-filled).
  res.closeness = static_cast<float>(edgeFraction(pts, yaw, extentAt(pts, yaw)));
  const double nFactor = 1.0 - std::exp(-static_cast<double>(pts.size()) / 30.0);
  const double observed =
      std::clamp(observedArea / (res.box.size.x() * res.box.size.y()), 0.0, 1.0);
  res.confidence =
      static_cast<float>(nFactor * (0.5 + 0.5 * res.closeness) * (0.6 + 0.4 * observed));
  res.ok = true;
  return res;
}

FitResult fitBoxAtPoint(const PointCloud& cloud, const GroundResult& ground,
                        const Eigen::Vector3d& click, const FitConfig& config,
                        const ClassDef* prior) {
  NeighbourhoodConfig nb = config.neighbourhood;
  if (prior)
    nb.radius =
        std::max<float>(nb.radius, static_cast<float>(0.6 * prior->defaultSize.head<2>().norm()));
  std::vector<std::uint32_t> near = nonGroundNeighbourhood(cloud, ground, click.head<2>(), nb);
  if (near.empty()) {  // a click in the middle of a big, sparsely seen object: look wider
    nb.radius *= 2.f;
    near = nonGroundNeighbourhood(cloud, ground, click.head<2>(), nb);
  }
  const Clusters clusters = clusterPoints(cloud, near, config.cluster);
  std::vector<std::uint32_t> picked = clusterAtClick(cloud, clusters, click.head<2>(),
                                                     config.pickSlack, prior, config.maxPriorScale);
  if (prior) picked = absorbParts(cloud, clusters, std::move(picked), *prior, config.partGap);
  return fitBoxToPoints(cloud, picked, &ground, config, prior);
}

FitResult fitBoxAtPoint(const PointCloud& cloud, const GroundResult& ground,
                        std::uint32_t clickedIndex, const FitConfig& config,
                        const ClassDef* prior) {
  if (clickedIndex >= cloud.size()) return FitResult{};
  const Eigen::Vector3d p(cloud.x[clickedIndex], cloud.y[clickedIndex], cloud.z[clickedIndex]);
  if (!p.allFinite()) return FitResult{};
  return fitBoxAtPoint(cloud, ground, p, config, prior);
}

FitResult fitBoxInRect(const PointCloud& cloud, const GroundResult& ground, const BevRect& rect,
                       const FitConfig& config, const ClassDef* prior) {
  const auto inside = nonGroundInRect(cloud, ground, rect, config.neighbourhood);
  const Clusters clusters = clusterPoints(cloud, inside, config.cluster);
  if (clusters.members.empty()) return FitResult{};
  return fitBoxToPoints(cloud, clusters.members.front(), &ground, config, prior);
}

}  // namespace lidarlabel
