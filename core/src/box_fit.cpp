#include "lidarlabel/core/box_fit.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>

#include <Eigen/Geometry>

#include "box_fit_internal.h"

namespace lidarlabel {
namespace {

constexpr double kHalfPi = std::numbers::pi / 2.0;

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
  const Eigen::Vector2d ray = fit::centroid(pts) - sensor;
  if (ray.norm() < 1e-6) return 0;
  const double a = std::abs(std::cos(std::atan2(ray.y(), ray.x()) - yaw));  // |cos| to axis 1
  if (a >= std::cos(maxAngle)) return 1;
  if (a <= std::sin(maxAngle)) return 2;
  return 0;
}

// Whether axis 1 of the rectangle at yaw (extent e) is the object's length. With a yaw hint,
// always (the search ran around the hinted heading). Else from the points first: a side longer
// than any width of the class is the length. Only when both sides could be the width does the
// prior decide, by the summed relative mismatch (a side observed longer than the prior costs
// more: sides are seen whole or shorter, never longer).
bool axis1IsLength(const Extent& e, const std::vector<Eigen::Vector2d>& pts, double yaw,
                   const std::optional<Eigen::Vector3d>& target, bool yawHinted,
                   const FitConfig& config) {
  const double len1 = e.max1 - e.min1, len2 = e.max2 - e.min2;
  if (yawHinted) return true;
  if (!target) return len1 >= len2;
  const double L = (*target)[0], W = (*target)[1];
  if (std::max(len1, len2) > config.widthSlack * W && std::abs(len1 - len2) > 0.2)
    return len1 >= len2;
  // Seen end-on (one axis within endOnAngle of the ray to the cluster), the side along the ray
  // is a lower bound (the object hides its own far part): only its excess counts.
  const int along = alongRayAxis(pts, config.sensorOrigin.head<2>(), yaw, config.endOnAngle);
  const auto cost = [&](double a, double b, bool aAlong, bool bAlong) {
    const double over = std::max(0.0, a - L) / L + std::max(0.0, b - W) / W;
    const double missA = aAlong ? std::max(0.0, a - L) : std::abs(a - L);
    const double missB = bAlong ? std::max(0.0, b - W) : std::abs(b - W);
    return 10.0 * over + missA / L + missB / W;
  };
  return cost(len1, len2, along == 1, along == 2) <= cost(len2, len1, along == 2, along == 1);
}

// Completes the extent e of the rectangle at yaw (axis 1 = length) to the target footprint,
// keeping the sides the sensor sees; `exact`: set to it. Returns whether a side changed.
bool completeToTarget(Extent& e, double yaw, const Eigen::Vector3d& target, bool exact,
                      const FitConfig& config) {
  const Eigen::Vector2d so = config.sensorOrigin.head<2>();
  const double c = std::cos(yaw), s = std::sin(yaw);
  const double l0 = e.max1 - e.min1, w0 = e.max2 - e.min2;
  const double f = config.completeBelow;
  double L = target[0], W = target[1];
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
  return std::abs(e.max1 - e.min1 - l0) > 1e-9 || std::abs(e.max2 - e.min2 - w0) > 1e-9;
}

// The heading of the rectangle's length axis at yaw: the sign closest to the hint, else in
// [-pi/2, pi/2) (a single sweep cannot tell front from back).
double headingOf(double yaw, std::optional<double> hint) {
  double heading = wrapAngle(yaw);
  if (hint) {
    if (std::abs(angleDiff(heading + std::numbers::pi, *hint)) <
        std::abs(angleDiff(heading, *hint)))
      heading = wrapAngle(heading + std::numbers::pi);
  } else if (heading >= kHalfPi || heading < -kHalfPi) {
    heading = wrapAngle(heading + std::numbers::pi);
  }
  return heading;
}

}  // namespace

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
      fit::visibleContour(body, config.sensorOrigin.head<2>(), config.contourStep);
  if (contour.size() < 3) contour = body;
  const YawFit yf = searchRectangleYaw(contour, config, hint.yaw, hint.yaw ? hint.yawWindow : 0.0);
  double yaw = yf.yaw;
  const auto extent = [&](double y) { return extentAt(body, y); };
  Extent e = extent(yaw);
  // Known / prior footprint and which rectangle axis is the length.
  const std::optional<Eigen::Vector3d> target =
      hint.size ? hint.size
                : (prior ? std::optional<Eigen::Vector3d>(prior->defaultSize) : std::nullopt);
  if (!axis1IsLength(e, pts, yaw, target, hint.yaw.has_value(), config)) {
    yaw += kHalfPi;  // rotate the frame by +90 deg so that axis 1 is the length
    e = extent(yaw);
  }
  const double observedArea = std::max(e.max1 - e.min1, 0.0) * std::max(e.max2 - e.min2, 0.0);
  if (target) res.usedPrior = completeToTarget(e, yaw, *target, hint.size.has_value(), config);
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
  res.box.yaw = headingOf(yaw, hint.yaw);
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

}  // namespace lidarlabel
