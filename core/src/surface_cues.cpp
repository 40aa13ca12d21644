#include <algorithm>
#include <cmath>

#include <Eigen/Eigenvalues>

#include "lidarlabel/core/box_edit.h"
#include "lidarlabel/core/object_cues.h"

namespace lidarlabel {

SurfaceScatter surfaceScatter(const PointCloud& cloud, const std::vector<std::uint32_t>& members,
                              const ScatterConfig& config) {
  SurfaceScatter out;
  std::vector<Eigen::Vector3f> pts;
  pts.reserve(members.size());
  Eigen::Vector2d mean = Eigen::Vector2d::Zero();
  for (std::uint32_t i : members) {
    if (i >= cloud.size()) continue;
    const Eigen::Vector3f p(cloud.x[i], cloud.y[i], cloud.z[i]);
    if (!p.allFinite()) continue;
    pts.push_back(p);
    mean += p.head<2>().cast<double>();
  }
  if (pts.empty()) return out;
  mean /= static_cast<double>(pts.size());
  // The neighbourhood grows with range so that it holds a few scan rings at any distance.
  const double radius = std::max(config.minRadius, config.radiusPerMetre * mean.norm());
  out.radius = static_cast<float>(radius);
  const auto r2 = static_cast<float>(radius * radius);
  // Sample points spread evenly over the member list; per sample the covariance of the points
  // within `radius` (3D) of it.
  const std::size_t stride = std::max<std::size_t>(1, pts.size() / config.maxSamples);
  std::vector<Eigen::Vector3f> samples;
  for (std::size_t s = 0; s < pts.size(); s += stride) samples.push_back(pts[s]);
  // Sorted by x: the neighbours of a sample lie in the slab x +- radius.
  std::sort(pts.begin(), pts.end(),
            [](const Eigen::Vector3f& a, const Eigen::Vector3f& b) { return a.x() < b.x(); });
  const auto r = static_cast<float>(radius);
  std::vector<float> variation;
  for (const Eigen::Vector3f& sample : samples) {
    Eigen::Vector3d sum = Eigen::Vector3d::Zero();
    Eigen::Matrix3d outer = Eigen::Matrix3d::Zero();
    std::size_t n = 0;
    auto it = std::lower_bound(pts.begin(), pts.end(), sample.x() - r,
                               [](const Eigen::Vector3f& a, float x) { return a.x() < x; });
    for (; it != pts.end() && it->x() <= sample.x() + r; ++it) {
      const Eigen::Vector3f& q = *it;
      if ((q - sample).squaredNorm() > r2) continue;
      const Eigen::Vector3d d = (q - sample).cast<double>();  // centred on the sample
      sum += d;
      outer += d * d.transpose();
      ++n;
    }
    if (n < config.minNeighbours) continue;
    const double k = static_cast<double>(n);
    const Eigen::Vector3d mu = sum / k;
    const Eigen::Matrix3d cov = outer / k - mu * mu.transpose();
    Eigen::SelfAdjointEigenSolver<Eigen::Matrix3d> es;
    es.computeDirect(cov, Eigen::EigenvaluesOnly);
    const Eigen::Vector3d ev = es.eigenvalues().cwiseMax(0.0);  // ascending
    const double total = ev.sum();
    if (total <= 1e-12) continue;
    variation.push_back(static_cast<float>(ev[0] / total));
  }
  out.samples = variation.size();
  if (variation.empty()) return out;
  // Median: the neighbourhoods on a car's edges and wheel arches (two surfaces in one) are a
  // minority; on a bush most are scattered.
  const auto mid = variation.begin() + static_cast<std::ptrdiff_t>(variation.size() / 2);
  std::nth_element(variation.begin(), mid, variation.end());
  out.variation = *mid;
  return out;
}

Hollowness hollowness(const PointCloud& cloud, const std::vector<std::uint32_t>& members,
                      const Cuboid& box, const HollowConfig& config) {
  Hollowness out;
  const double bottom = box.center.z() - box.size.z() / 2;
  std::size_t deep = 0;
  for (std::uint32_t i : members) {
    if (i >= cloud.size()) continue;
    const Eigen::Vector3d p(cloud.x[i], cloud.y[i], cloud.z[i]);
    const double h = p.z() - bottom;
    if (!p.allFinite() || h < config.bandBottom || h > config.bandTop) continue;
    const Eigen::Vector3d ray = p - config.sensor;
    const double length = ray.norm();
    if (!(length > 0.0)) continue;
    const double entry = rayBoxDistance(box, config.sensor, ray / length);
    if (entry < 0.0) continue;  // the ray misses the box: the return lies outside it
    ++out.points;
    deep += length - entry > config.depth ? 1 : 0;
  }
  if (out.points >= config.minPoints)
    out.share = static_cast<float>(static_cast<double>(deep) / static_cast<double>(out.points));
  return out;
}

}  // namespace lidarlabel
