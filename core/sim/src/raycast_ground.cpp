// Ray / ground intersection: the ray is split at the kerb lines into pieces over road or over
// raised ground; each piece is searched for its first crossing of the (bumpy) surface inside
// the slab where the bumps can be, then refined by bisection and one secant step.
#include <algorithm>
#include <cmath>

#include "raycast.h"

namespace lidarlabel::sim {

namespace {

constexpr double kMarchStep = 1.0;  // metres between surface samples along the ray
constexpr int kBisections = 12;     // 1 m / 2^12 = 0.24 mm bracket before the secant step
constexpr std::uint16_t kSidewalk = 48;

struct Ray {
  const Eigen::Vector3d& o;
  const Eigen::Vector3d& d;
  Eigen::Vector3d at(double t) const { return o + t * d; }
};

// Height of the ray above the surface (offset = kerb for raised ground).
double clearance(const Ground& g, const Ray& r, double t, double offset) {
  const Eigen::Vector3d p = r.at(t);
  return p.z() - g.baseHeight(p.x(), p.y()) - offset;
}

// First t in [a, b] where the ray meets the surface, if any.
bool firstRoot(const Ground& g, const Ray& r, double a, double b, double offset, double& tHit) {
  const double bound = g.bumpBound();
  const double c0 = r.o.z() - g.slopeX * r.o.x() - offset;  // ray height above the slope plane
  const double c1 = r.d.z() - g.slopeX * r.d.x();
  double lo = a, hi = b;
  if (c1 < 0) {
    lo = std::max(a, (bound - c0) / c1);   // ray enters the bump slab
    hi = std::min(b, (-bound - c0) / c1);  // ray is surely below the surface
    if (lo > hi) {
      if ((-bound - c0) / c1 < a) {
        tHit = a;
        return true;
      }
      return false;
    }
  } else if (c0 + c1 * a > bound) {
    return false;  // level or rising and above every bump
  }
  double tA = lo, fA = clearance(g, r, lo, offset);
  if (fA <= 0) {
    tHit = lo;
    return true;
  }
  while (tA < hi) {
    double tB = std::min(tA + kMarchStep, hi);
    double fB = clearance(g, r, tB, offset);
    if (fB <= 0) {
      for (int i = 0; i < kBisections; ++i) {
        const double tm = 0.5 * (tA + tB), fm = clearance(g, r, tm, offset);
        if (fm > 0) {
          tA = tm;
          fA = fm;
        } else {
          tB = tm;
          fB = fm;
        }
      }
      tHit = tA + (tB - tA) * (fA / (fA - fB));
      return true;
    }
    tA = tB;
    fA = fB;
  }
  return false;
}

float groundReflectivity(std::uint16_t semantic) {
  switch (semantic) {
    case 40:
      return 0.12f;  // asphalt
    case 44:
      return 0.14f;  // parking
    case 60:
      return 0.70f;  // lane marking paint
    case 48:
      return 0.30f;  // sidewalk
    default:
      return 0.25f;  // terrain
  }
}

}  // namespace

bool intersectGround(const Ground& g, const Eigen::Vector3d& o, const Eigen::Vector3d& d,
                     double tMax, Hit& hit) {
  const Ray r{o, d};
  // Cuts where the ray crosses a kerb line: (t, axis normal).
  struct Cut {
    double t;
    int axis;  // 0: x = const plane, 1: y = const plane
  };
  Cut cuts[6];
  int n = 0;
  cuts[n++] = {0.0, -1};
  auto add = [&](double t, int axis) {
    if (t > 0 && t < tMax) cuts[n++] = {t, axis};
  };
  if (d.y() != 0) {
    add((kRoadHalfWidth - o.y()) / d.y(), 1);
    add((-kRoadHalfWidth - o.y()) / d.y(), 1);
  }
  if (d.x() != 0) {
    add((g.junctionX - kJunctionHalfWidth - o.x()) / d.x(), 0);
    add((g.junctionX + kJunctionHalfWidth - o.x()) / d.x(), 0);
  }
  for (int i = 2; i < n; ++i)  // insertion sort of at most 4 cuts
    for (int j = i; j > 1 && cuts[j].t < cuts[j - 1].t; --j) std::swap(cuts[j], cuts[j - 1]);
  cuts[n++] = {tMax, -1};
  bool prevRaised = false;
  for (int i = 0; i + 1 < n; ++i) {
    const double a = cuts[i].t, b = cuts[i + 1].t;
    if (b <= a) continue;
    const Eigen::Vector3d mid = r.at(0.5 * (a + b));
    const bool raised = g.raised(mid.x(), mid.y());
    const double offset = raised ? g.kerbHeight : 0.0;
    if (i > 0 && raised && !prevRaised && clearance(g, r, a, offset) <= 0) {
      hit.t = a;  // the kerb's vertical face
      hit.normal = cuts[i].axis == 0 ? Eigen::Vector3d::UnitX() : Eigen::Vector3d::UnitY();
      hit.semantic = kSidewalk;
      hit.reflectivity = groundReflectivity(kSidewalk);
      return true;
    }
    double t = 0;
    if (firstRoot(g, r, a, b, offset, t)) {
      const Eigen::Vector3d p = r.at(t);
      hit.t = t;
      hit.normal = Eigen::Vector3d(-g.slopeX, 0.0, 1.0).normalized();
      hit.semantic = g.semanticAt(p.x(), p.y());
      hit.reflectivity = groundReflectivity(hit.semantic);
      return true;
    }
    prevRaised = raised;
  }
  return false;
}

}  // namespace lidarlabel::sim
