// Ray / solid intersection (slab tests) and the bird's-eye grid that culls solids per ray.
#include <algorithm>
#include <cmath>
#include <limits>

#include "raycast.h"

namespace lidarlabel::sim {

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr int kCellsAcross = 128;  // grid resolution: cells per side

// Intersects the slab |o + t d| <= h into [tNear, tFar]; axisHit records which slab set tNear.
bool slab(double o, double d, double h, int axis, double& tNear, double& tFar, int& axisHit) {
  if (d == 0.0) return std::abs(o) <= h;
  double t1 = (-h - o) / d, t2 = (h - o) / d;
  if (t1 > t2) std::swap(t1, t2);
  if (t1 > tNear) {
    tNear = t1;
    axisHit = axis;
  }
  tFar = std::min(tFar, t2);
  return tNear <= tFar;
}

// Entry point of the ray into the solid (t > 0) and the normal there.
bool intersectSolid(const SolidSet::Prepared& p, const Eigen::Vector3d& o, const Eigen::Vector3d& d,
                    double& t, Eigen::Vector3d& n) {
  const Solid& s = p.solid;
  const Eigen::Vector3d rel = o - s.center;
  double tNear = -kInf, tFar = kInf;
  int axis = -1;
  if (s.kind == ShapeKind::Box) {
    const double c = p.cosYaw, sn = p.sinYaw;
    const double lx = c * rel.x() + sn * rel.y(), ly = -sn * rel.x() + c * rel.y();
    const double dx = c * d.x() + sn * d.y(), dy = -sn * d.x() + c * d.y();
    if (!slab(lx, dx, s.halfSize.x(), 0, tNear, tFar, axis) ||
        !slab(ly, dy, s.halfSize.y(), 1, tNear, tFar, axis) ||
        !slab(rel.z(), d.z(), s.halfSize.z(), 2, tNear, tFar, axis) || tNear <= 0)
      return false;
    t = tNear;
    n = axis == 0   ? Eigen::Vector3d(c, sn, 0)
        : axis == 1 ? Eigen::Vector3d(-sn, c, 0)
                    : Eigen::Vector3d::UnitZ();
    return true;
  }
  const double r = s.halfSize.x();
  if (s.kind == ShapeKind::Sphere) {
    const double b = rel.dot(d), cc = rel.squaredNorm() - r * r, disc = b * b - cc;
    if (disc < 0) return false;
    t = -b - std::sqrt(disc);
    if (t <= 0) return false;
    n = (rel + t * d) / r;
    return true;
  }
  // Vertical cylinder: circle in xy, slab in z.
  const double a = d.x() * d.x() + d.y() * d.y();
  if (a > 0) {
    const double b = rel.x() * d.x() + rel.y() * d.y();
    const double cc = rel.x() * rel.x() + rel.y() * rel.y() - r * r, disc = b * b - a * cc;
    if (disc < 0) return false;
    const double q = std::sqrt(disc);
    tNear = (-b - q) / a;
    tFar = (-b + q) / a;
    axis = 0;
  } else if (rel.x() * rel.x() + rel.y() * rel.y() > r * r) {
    return false;
  }
  if (!slab(rel.z(), d.z(), s.halfSize.z(), 2, tNear, tFar, axis) || tNear <= 0) return false;
  t = tNear;
  if (axis == 2) {
    n = Eigen::Vector3d::UnitZ();
  } else {
    const Eigen::Vector3d q = rel + t * d;
    n = Eigen::Vector3d(q.x(), q.y(), 0) / r;
  }
  return true;
}

void footprintBounds(const SolidSet::Prepared& p, double& x0, double& x1, double& y0, double& y1) {
  const Solid& s = p.solid;
  double hx = s.halfSize.x(), hy = s.kind == ShapeKind::Box ? s.halfSize.y() : s.halfSize.x();
  if (s.kind == ShapeKind::Box) {
    const double c = std::abs(p.cosYaw), sn = std::abs(p.sinYaw);
    const double ex = c * hx + sn * hy, ey = sn * hx + c * hy;
    hx = ex;
    hy = ey;
  }
  x0 = s.center.x() - hx;
  x1 = s.center.x() + hx;
  y0 = s.center.y() - hy;
  y1 = s.center.y() + hy;
}

bool testSolid(SolidSet& set, std::uint32_t i, const Eigen::Vector3d& o, const Eigen::Vector3d& d,
               double& tBest, Hit& hit, std::uint32_t rayId) {
  if (set.mailbox[i] == rayId) return false;
  set.mailbox[i] = rayId;
  double t = 0;
  Eigen::Vector3d n;
  if (!intersectSolid(set.solids[i], o, d, t, n) || t >= tBest) return false;
  const Solid& s = set.solids[i].solid;
  tBest = t;
  hit = {t, n, s.semantic, s.instance, s.reflectivity};
  return true;
}

}  // namespace

SolidSet buildSolidSet(const std::vector<const Solid*>& solids, const Eigen::Vector2d& center,
                       double radius, bool bruteForce) {
  SolidSet set;
  set.bruteForce = bruteForce;
  set.cell = 2 * radius / kCellsAcross;
  set.nx = set.ny = kCellsAcross;
  set.x0 = center.x() - radius;
  set.y0 = center.y() - radius;
  struct Range {
    int ix0, ix1, iy0, iy1;
  };
  std::vector<Range> ranges;
  for (const Solid* s : solids) {
    SolidSet::Prepared p{*s, std::cos(s->yaw), std::sin(s->yaw)};
    double x0, x1, y0, y1;
    footprintBounds(p, x0, x1, y0, y1);
    const auto cellOf = [&](double v, double origin) {
      return static_cast<int>(std::floor((v - origin) / set.cell));
    };
    Range r{std::max(0, cellOf(x0, set.x0)), std::min(set.nx - 1, cellOf(x1, set.x0)),
            std::max(0, cellOf(y0, set.y0)), std::min(set.ny - 1, cellOf(y1, set.y0))};
    if (r.ix0 > r.ix1 || r.iy0 > r.iy1) continue;  // out of range
    set.solids.push_back(p);
    ranges.push_back(r);
  }
  set.mailbox.assign(set.solids.size(), 0);
  set.start.assign(static_cast<std::size_t>(set.nx * set.ny) + 1, 0);
  for (const Range& r : ranges)
    for (int iy = r.iy0; iy <= r.iy1; ++iy)
      for (int ix = r.ix0; ix <= r.ix1; ++ix)
        ++set.start[static_cast<std::size_t>(iy * set.nx + ix) + 1];
  for (std::size_t c = 1; c < set.start.size(); ++c) set.start[c] += set.start[c - 1];
  set.items.resize(set.start.back());
  std::vector<std::uint32_t> fill(set.start.begin(), set.start.end() - 1);
  for (std::uint32_t i = 0; i < ranges.size(); ++i) {
    const Range& r = ranges[i];
    for (int iy = r.iy0; iy <= r.iy1; ++iy)
      for (int ix = r.ix0; ix <= r.ix1; ++ix)
        set.items[fill[static_cast<std::size_t>(iy * set.nx + ix)]++] = i;
  }
  return set;
}

bool intersectSolids(SolidSet& set, const Eigen::Vector3d& o, const Eigen::Vector3d& d,
                     double& tBest, Hit& hit, std::uint32_t rayId) {
  bool found = false;
  if (set.bruteForce) {
    for (std::uint32_t i = 0; i < set.solids.size(); ++i)
      found |= testSolid(set, i, o, d, tBest, hit, rayId);
    return found;
  }
  // 2D DDA (Amanatides & Woo) over the cells the ray's ground track crosses, nearest first.
  const double gx = (o.x() - set.x0) / set.cell, gy = (o.y() - set.y0) / set.cell;
  int ix = static_cast<int>(std::floor(gx)), iy = static_cast<int>(std::floor(gy));
  const int sx = d.x() > 0 ? 1 : -1, sy = d.y() > 0 ? 1 : -1;
  const double dtx = d.x() != 0 ? set.cell / std::abs(d.x()) : kInf;
  const double dty = d.y() != 0 ? set.cell / std::abs(d.y()) : kInf;
  double tx = d.x() > 0 ? (ix + 1 - gx) * dtx : d.x() < 0 ? (gx - ix) * dtx : kInf;
  double ty = d.y() > 0 ? (iy + 1 - gy) * dty : d.y() < 0 ? (gy - iy) * dty : kInf;
  while (ix >= 0 && iy >= 0 && ix < set.nx && iy < set.ny) {
    const std::size_t c = static_cast<std::size_t>(iy * set.nx + ix);
    for (std::uint32_t k = set.start[c]; k < set.start[c + 1]; ++k)
      found |= testSolid(set, set.items[k], o, d, tBest, hit, rayId);
    const double tExit = std::min(tx, ty);
    if (tBest <= tExit) break;
    if (tx < ty) {
      ix += sx;
      tx += dtx;
    } else {
      iy += sy;
      ty += dty;
    }
  }
  return found;
}

}  // namespace lidarlabel::sim
