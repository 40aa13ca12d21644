#include "lidarlabel/core/point_selection.h"

#include <algorithm>
#include <cmath>

namespace lidarlabel {

std::optional<Eigen::Vector2d> projectPoint(const ScreenProjection& p, const Eigen::Vector3d& q) {
  const Eigen::Vector3d v = q - p.eye;
  const double depth = v.dot(p.forward);
  if (p.parallel ? !(depth >= 0.0) : !(depth > p.nearDepth)) return std::nullopt;
  const double s = p.parallel ? p.focal : p.focal / depth;
  return Eigen::Vector2d(p.centre.x() + s * v.dot(p.right), p.centre.y() - s * v.dot(p.up));
}

ProjectedPoints projectPoints(const PointCloud& cloud, const ScreenProjection& p,
                              const std::vector<std::uint8_t>* shown,
                              const std::vector<std::uint32_t>* candidates) {
  const bool masked = shown && shown->size() == cloud.size();
  const std::size_t n = candidates ? candidates->size() : cloud.size();
  ProjectedPoints out;
  out.index.reserve(n);
  out.x.reserve(n);
  out.y.reserve(n);
  // Single precision in the loop: pixels need no more, and it halves the work at 1M points.
  const Eigen::Vector3f eye = p.eye.cast<float>(), r = p.right.cast<float>(),
                        u = p.up.cast<float>(), f = p.forward.cast<float>();
  const float focal = static_cast<float>(p.focal), cx = static_cast<float>(p.centre.x()),
              cy = static_cast<float>(p.centre.y()), nearDepth = static_cast<float>(p.nearDepth);
  for (std::size_t k = 0; k < n; ++k) {
    const std::uint32_t i = candidates ? (*candidates)[k] : static_cast<std::uint32_t>(k);
    if (i >= cloud.size() || (masked && !(*shown)[i]) || !isFinitePoint(cloud, i)) continue;
    const float vx = cloud.x[i] - eye.x(), vy = cloud.y[i] - eye.y(), vz = cloud.z[i] - eye.z();
    const float depth = vx * f.x() + vy * f.y() + vz * f.z();
    if (p.parallel ? !(depth >= 0.f) : !(depth > nearDepth)) continue;
    const float s = p.parallel ? focal : focal / depth;
    out.index.push_back(i);
    out.x.push_back(cx + s * (vx * r.x() + vy * r.y() + vz * r.z()));
    out.y.push_back(cy - s * (vx * u.x() + vy * u.y() + vz * u.z()));
  }
  return out;
}

std::vector<std::uint32_t> pointsNearSegment(const ProjectedPoints& pts, const Eigen::Vector2d& a,
                                             const Eigen::Vector2d& b, double radius) {
  std::vector<std::uint32_t> out;
  if (!(radius >= 0.0)) return out;
  const float ax = static_cast<float>(a.x()), ay = static_cast<float>(a.y());
  const float dx = static_cast<float>(b.x() - a.x()), dy = static_cast<float>(b.y() - a.y());
  const float len2 = dx * dx + dy * dy, r = static_cast<float>(radius), r2 = r * r;
  // Bounding box of the capsule: a cheap reject before the distance test.
  const float x0 = std::min(ax, ax + dx) - r, x1 = std::max(ax, ax + dx) + r;
  const float y0 = std::min(ay, ay + dy) - r, y1 = std::max(ay, ay + dy) + r;
  const std::size_t n = pts.index.size();
  for (std::size_t k = 0; k < n; ++k) {
    const float x = pts.x[k], y = pts.y[k];
    if (x < x0 || x > x1 || y < y0 || y > y1) continue;
    const float px = x - ax, py = y - ay;
    float t = len2 > 0.f ? (px * dx + py * dy) / len2 : 0.f;
    t = std::clamp(t, 0.f, 1.f);
    const float ex = px - t * dx, ey = py - t * dy;
    if (ex * ex + ey * ey <= r2) out.push_back(pts.index[k]);
  }
  return out;
}

std::vector<std::uint32_t> pointsInPolygon(const ProjectedPoints& pts,
                                           const std::vector<Eigen::Vector2d>& polygon) {
  std::vector<std::uint32_t> out;
  if (polygon.size() < 3) return out;
  double x0 = polygon[0].x(), x1 = x0, y0 = polygon[0].y(), y1 = y0;
  for (const Eigen::Vector2d& v : polygon) {
    x0 = std::min(x0, v.x()), x1 = std::max(x1, v.x());
    y0 = std::min(y0, v.y()), y1 = std::max(y1, v.y());
  }
  const std::size_t m = polygon.size();
  for (std::size_t k = 0; k < pts.index.size(); ++k) {
    const double x = pts.x[k], y = pts.y[k];
    if (x < x0 || x > x1 || y < y0 || y > y1) continue;
    bool inside = false;  // even-odd crossing test of a ray towards +x
    for (std::size_t i = 0, j = m - 1; i < m; j = i++) {
      const Eigen::Vector2d& pi = polygon[i];
      const Eigen::Vector2d& pj = polygon[j];
      if ((pi.y() > y) != (pj.y() > y) &&
          x < (pj.x() - pi.x()) * (y - pi.y()) / (pj.y() - pi.y()) + pi.x())
        inside = !inside;
    }
    if (inside) out.push_back(pts.index[k]);
  }
  return out;
}

std::vector<std::uint32_t> filterPoints(const std::vector<std::uint32_t>& indices,
                                        const PointFilter& f, const PointCloud& cloud,
                                        const PointLabels* labels,
                                        const std::vector<std::uint8_t>* isGround) {
  if (!f.any()) return indices;
  const bool haveLabels = labels && labels->size() == cloud.size();
  const bool haveGround = isGround && isGround->size() == cloud.size();
  std::vector<std::uint32_t> out;
  out.reserve(indices.size());
  for (const std::uint32_t i : indices) {
    if (i >= cloud.size()) continue;
    if (f.nonGroundOnly && haveGround && (*isGround)[i]) continue;
    if (f.unlabelledOnly && haveLabels && labels->semantic[i] != 0) continue;
    if (f.minZ && !(cloud.z[i] >= *f.minZ)) continue;
    if (f.maxZ && !(cloud.z[i] <= *f.maxZ)) continue;
    if (f.insideBox && !f.insideBox->contains({cloud.x[i], cloud.y[i], cloud.z[i]}, 1e-4)) continue;
    out.push_back(i);
  }
  return out;
}

}  // namespace lidarlabel
