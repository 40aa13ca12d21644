// Street clutter (SceneConfig::clutter): small generators, each drawing from the random stream it
// is given. World frame as in scene.h; object parts in the object's own frame (x forward).
#include "clutter.h"

#include <algorithm>
#include <cmath>

#include "lidarlabel/sim/classes.h"

namespace lidarlabel::sim {

namespace {

Solid boxSolid(Eigen::Vector3d center, Eigen::Vector3d half, const char* cls, float refl) {
  Solid s;
  s.kind = ShapeKind::Box;
  s.center = center;
  s.halfSize = half;
  s.reflectivity = refl;
  s.semantic = semanticKittiIdOf(cls);
  return s;
}

bool clearOfJunction(const Scene& s, double side, double x0, double x1) {
  const double xc = s.config.junctionX, keep = kJunctionHalfWidth + 3.0;
  return side > 0 || x1 < xc - keep || x0 > xc + keep;
}

// Stretches [x0, x1) covering about `share` of [xMin, xMax): alternating runs and gaps.
template <typename F>
void forEachStretch(Rng& rng, double share, double xMin, double xMax, F&& f) {
  if (share <= 0) return;
  for (double x = xMin + rng.uniform(0, 10); x < xMax;) {
    const double len = rng.uniform(8, 30);
    const double gap = len * (1.0 - std::min(share, 0.95)) / std::min(share, 0.95);
    f(x, x + len);
    x += len + gap * rng.uniform(0.5, 1.5);
  }
}

}  // namespace

void addHedges(Scene& s, Rng& rng, double side, double xMin, double xMax) {
  const ClutterConfig& c = s.config.clutter;
  const double y = side * (kRoadHalfWidth + kSidewalkWidth + 0.45);  // just behind the sidewalk
  forEachStretch(rng, c.hedgeShare, xMin, xMax, [&](double x0, double x1) {
    if (!clearOfJunction(s, side, x0, x1)) return;
    const double height = rng.uniform(c.hedgeHeightMin, c.hedgeHeightMax);
    const double depth = rng.uniform(0.6, 0.9);
    for (double x = x0; x < x1; x += 2.0) {  // 2 m sections, uneven top and front
      const double h = height + rng.uniform(-0.15, 0.15), dy = rng.uniform(-0.08, 0.08);
      const double xm = std::min(x + 2.0, x1), z0 = s.ground.height((x + xm) / 2, y) - 0.2;
      s.statics.push_back(boxSolid({(x + xm) / 2, y + side * dy, z0 + (h + 0.2) / 2},
                                   {(xm - x) / 2, depth / 2, (h + 0.2) / 2}, "vegetation", 0.4f));
    }
  });
}

void addKerbWalls(Scene& s, Rng& rng, double side, double xMin, double xMax,
                  std::vector<Footprint>& obstacles) {
  const ClutterConfig& c = s.config.clutter;
  const double y = side * (kRoadHalfWidth + 0.12);  // on the kerb, beside the parking strip
  forEachStretch(rng, c.kerbWallShare, xMin, xMax, [&](double x0, double x1) {
    if (!clearOfJunction(s, side, x0, x1)) return;
    const double h = rng.uniform(c.kerbWallHeightMin, c.kerbWallHeightMax);
    const double xm = (x0 + x1) / 2, z0 = s.ground.height(xm, y) - 0.3;
    s.statics.push_back(boxSolid({xm, y, z0 + (h + 0.3) / 2}, {(x1 - x0) / 2, 0.1, (h + 0.3) / 2},
                                 "fence", static_cast<float>(rng.uniform(0.25, 0.6))));
    obstacles.push_back({{xm, y}, 0.0, (x1 - x0) / 2, 0.1});
  });
}

void addBusStops(Scene& s, Rng& rng, double side, double xMin, double xMax,
                 std::vector<Footprint>& obstacles) {
  const int n = s.config.clutter.busStopsPerSide;
  for (int i = 0; i < n; ++i) {
    const double x = xMin + (xMax - xMin) * (i + rng.uniform(0.3, 0.7)) / n;
    const double len = rng.uniform(3.5, 5.0), depth = 1.4, height = 2.5;
    if (!clearOfJunction(s, side, x - len / 2, x + len / 2)) continue;
    const double yc = side * (kRoadHalfWidth + kSidewalkWidth - 0.1 - depth / 2);
    const double yBack = yc + side * depth / 2;
    const double z0 = s.ground.height(x, yc);
    s.statics.push_back(boxSolid({x, yc, z0 + height}, {len / 2 + 0.1, depth / 2 + 0.1, 0.06},
                                 "building", 0.5f));  // roof
    s.statics.push_back(boxSolid({x, yBack, z0 + height / 2}, {len / 2, 0.02, height / 2 - 0.1},
                                 "building", 0.12f));  // back pane: glass, a weak return
    for (double end : {-1.0, 1.0}) {
      s.statics.push_back(boxSolid({x + end * len / 2, yc, z0 + height / 2},
                                   {0.02, depth / 2, height / 2 - 0.1}, "building", 0.12f));
      s.statics.push_back(boxSolid({x + end * len / 2, yBack, z0 + height / 2},
                                   {0.05, 0.05, height / 2}, "pole", 0.5f));
    }
    s.statics.push_back(boxSolid({x, yBack - side * 0.3, z0 + 0.45}, {len / 2 - 0.4, 0.2, 0.04},
                                 "building", 0.4f));  // bench
    obstacles.push_back({{x, yc}, 0.0, len / 2 + 0.1, depth / 2 + 0.1});
  }
}

void addMirrors(std::vector<Solid>& parts, const std::string& cls, Rng& rng) {
  if (parts.empty() || (cls != "car" && cls != "van")) return;
  Eigen::Vector3d lo, hi;
  solidsHull(parts, lo, hi);
  const double l = hi.x() - lo.x(), w = hi.y() - lo.y(), h = hi.z() - lo.z();
  const double x = cls == "car" ? 0.18 * l : hi.x() - 0.95, z = cls == "car" ? 0.6 * h : 0.5 * h;
  const double reach = rng.uniform(0.12, 0.22);  // metres out of the body's side
  for (double side : {-1.0, 1.0}) {
    Solid m = parts.front();
    m.kind = ShapeKind::Box;
    m.center = {x, side * (w / 2 + reach / 2), z};
    m.halfSize = {0.05, reach / 2, 0.07};
    m.yaw = 0.0;
    m.inBox = false;
    parts.push_back(m);
  }
}

void reshapeCyclist(std::vector<Solid>& parts, Rng& rng, const ClutterConfig& c) {
  if (parts.size() < 2) return;
  const double top = rng.uniform(c.cyclistHeightMin, c.cyclistHeightMax);
  const double head = 0.11, seat = std::min(0.75, 0.45 * top);
  Solid& rider = parts[1];  // legs and torso, leaning forward over the handlebar
  rider.center = {-0.05, 0.0, (seat + top - 2 * head) / 2};
  rider.halfSize = {0.22, 0.22, (top - 2 * head - seat) / 2};
  Solid h = rider;
  h.kind = ShapeKind::Sphere;
  h.center = {0.15, 0.0, top - head};
  h.halfSize = Eigen::Vector3d::Constant(head);
  parts.push_back(h);
}

void makeArticulated(std::vector<Solid>& parts, Rng& rng) {
  if (parts.empty()) return;
  const Solid body = parts.front();
  const double L = rng.uniform(17.5, 19.0), h = 2 * body.halfSize.z(), w = 2 * body.halfSize.y();
  const double front = 0.55 * L, joint = 0.6, rear = L - front - joint;
  parts.clear();
  Solid a = body;
  a.center = {L / 2 - front / 2, 0.0, h / 2};
  a.halfSize = {front / 2, w / 2, h / 2};
  Solid j = body;  // the bellows: narrower and lower
  j.center = {L / 2 - front - joint / 2, 0.0, (h - 0.3) / 2};
  j.halfSize = {joint / 2, w / 2 - 0.15, (h - 0.3) / 2};
  Solid b = body;
  b.center = {-L / 2 + rear / 2, 0.0, h / 2};
  b.halfSize = {rear / 2, w / 2, h / 2};
  parts = {a, j, b};
}

std::vector<Solid> egoBodySolids(const Scene& scene, const Eigen::Isometry3d& egoPose,
                                 const SensorConfig& sensor) {
  if (!scene.config.clutter.enabled || !scene.config.clutter.egoReturns) return {};
  // Sensor frame: the cabin roof 0.35 m below the sensor, reaching 1.2 m behind it; the body
  // below. Rays of the lowest beams pointing backwards end on the roof 1.0-1.25 m away.
  const double roofDrop = 0.35, bodyDrop = 0.85, ground = sensor.mountHeight;
  std::vector<Solid> out;
  out.push_back(boxSolid({-0.2, 0.0, -(roofDrop + bodyDrop) / 2},
                         {1.0, 0.72, (bodyDrop - roofDrop) / 2}, "car", 0.4f));  // cabin
  out.push_back(boxSolid({-0.35, 0.0, -(bodyDrop + ground - 0.3) / 2},
                         {2.25, 0.92, (ground - 0.3 - bodyDrop) / 2}, "car", 0.5f));  // body
  const double yaw = std::atan2(egoPose.linear()(1, 0), egoPose.linear()(0, 0));
  for (Solid& s : out) {
    s.semantic = 0;  // unlabelled, like the ego returns of a real sweep
    s.center = egoPose * s.center;
    s.yaw = yaw;
  }
  return out;
}

}  // namespace lidarlabel::sim
