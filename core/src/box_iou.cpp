#include "lidarlabel/core/box_iou.h"

#include <algorithm>
#include <cmath>

namespace lidarlabel {

namespace {
using Vec2 = Eigen::Vector2d;

double cross(const Vec2& a, const Vec2& b) {
  return a.x() * b.y() - a.y() * b.x();
}

// Signed side of p relative to the directed edge a->b: > 0 left (inside for CCW polygons).
double side(const Vec2& a, const Vec2& b, const Vec2& p) {
  return cross(b - a, p - a);
}

Vec2 lineIntersect(const Vec2& p, const Vec2& q, double sp, double sq) {
  const double t = sp / (sp - sq);
  return p + t * (q - p);
}

double zOverlap(const Cuboid& a, const Cuboid& b) {
  const double lo = std::max(a.center.z() - a.size.z() / 2, b.center.z() - b.size.z() / 2);
  const double hi = std::min(a.center.z() + a.size.z() / 2, b.center.z() + b.size.z() / 2);
  return std::max(0.0, hi - lo);
}

double bevArea(const Cuboid& b) {
  return std::max(0.0, b.size.x()) * std::max(0.0, b.size.y());
}
}  // namespace

std::array<Eigen::Vector2d, 4> bevCorners(const Cuboid& box) {
  const double c = std::cos(box.yaw), s = std::sin(box.yaw);
  const Vec2 ux(c * box.size.x() / 2, s * box.size.x() / 2);
  const Vec2 uy(-s * box.size.y() / 2, c * box.size.y() / 2);
  const Vec2 o = box.center.head<2>();
  return {o + ux + uy, o - ux + uy, o - ux - uy, o + ux - uy};
}

double polygonArea(const std::vector<Eigen::Vector2d>& polygon) {
  double twice = 0.0;
  for (std::size_t i = 0, n = polygon.size(); i < n; ++i)
    twice += cross(polygon[i], polygon[(i + 1) % n]);
  return twice / 2.0;
}

std::vector<Eigen::Vector2d> clipConvex(const std::vector<Eigen::Vector2d>& subject,
                                        const std::vector<Eigen::Vector2d>& clip) {
  std::vector<Vec2> out = subject, in;
  for (std::size_t e = 0, n = clip.size(); e < n && !out.empty(); ++e) {
    const Vec2& a = clip[e];
    const Vec2& b = clip[(e + 1) % n];
    in.swap(out);
    out.clear();
    for (std::size_t i = 0, m = in.size(); i < m; ++i) {
      const Vec2& p = in[i];
      const Vec2& q = in[(i + 1) % m];
      const double sp = side(a, b, p), sq = side(a, b, q);
      if (sp >= 0) out.push_back(p);
      if ((sp >= 0) != (sq >= 0) && sp != sq) out.push_back(lineIntersect(p, q, sp, sq));
    }
  }
  return out;
}

double bevIntersection(const Cuboid& a, const Cuboid& b) {
  if (bevArea(a) <= 0.0 || bevArea(b) <= 0.0) return 0.0;
  // Cheap reject: circumscribed circles do not meet.
  const double ra = a.size.head<2>().norm() / 2, rb = b.size.head<2>().norm() / 2;
  if ((a.center.head<2>() - b.center.head<2>()).squaredNorm() > (ra + rb) * (ra + rb)) return 0.0;
  const auto ca = bevCorners(a), cb = bevCorners(b);
  const std::vector<Vec2> pa(ca.begin(), ca.end()), pb(cb.begin(), cb.end());
  return std::max(0.0, polygonArea(clipConvex(pa, pb)));
}

double bevIoU(const Cuboid& a, const Cuboid& b) {
  const double inter = bevIntersection(a, b);
  const double uni = bevArea(a) + bevArea(b) - inter;
  return uni > 0.0 && inter > 0.0 ? std::clamp(inter / uni, 0.0, 1.0) : 0.0;
}

double intersection3d(const Cuboid& a, const Cuboid& b) {
  const double h = zOverlap(a, b);
  return h > 0.0 ? bevIntersection(a, b) * h : 0.0;
}

double iou3d(const Cuboid& a, const Cuboid& b) {
  const double inter = intersection3d(a, b);
  const double va = bevArea(a) * std::max(0.0, a.size.z());
  const double vb = bevArea(b) * std::max(0.0, b.size.z());
  const double uni = va + vb - inter;
  return uni > 0.0 && inter > 0.0 ? std::clamp(inter / uni, 0.0, 1.0) : 0.0;
}

}  // namespace lidarlabel
