// makeScene: the street furniture and the traffic, all drawn from the seed; traffic is placed
// by rejection so that no two boxes (nor a box and the ego vehicle or a pole) come closer than
// kGap at any instant of the planned duration.
#include <cmath>
#include <numbers>

#include "clutter.h"
#include "lidarlabel/sim/classes.h"
#include "objects.h"

namespace lidarlabel::sim {

namespace {

constexpr double kPi = std::numbers::pi;
constexpr double kGap = 0.3;         // metres between any two footprints
constexpr double kTimeStep = 0.05;   // seconds between collision checks
constexpr int kAttempts = 30;        // placements tried per object
constexpr double kTurnRadius = 6.0;  // metres, vehicles turning at the junction

std::uint16_t semanticOf(const std::string& className) {
  return semanticKittiIdOf(className);
}

Solid stuff(ShapeKind kind, Eigen::Vector3d center, Eigen::Vector3d half, const char* cls,
            float refl) {
  Solid s;
  s.kind = kind;
  s.center = center;
  s.halfSize = half;
  s.reflectivity = refl;
  s.semantic = semanticOf(cls);
  return s;
}

struct Extent {
  double xMin, xMax;
};

bool nearJunction(const Scene& s, double side, double x, double halfLength, double extra) {
  return side < 0 && std::abs(x - s.config.junctionX) < kJunctionHalfWidth + halfLength + extra;
}

void addBuildings(Scene& s, Rng& rng, double side, Extent e) {
  const double yIn = kRoadHalfWidth + kSidewalkWidth + kTerrainWidth;
  for (double x = e.xMin; x < e.xMax;) {
    const double len = rng.uniform(8, 25), depth = rng.uniform(8, 14), height = rng.uniform(4, 16);
    const double gap = rng.uniform(2, 8);
    const float refl = static_cast<float>(rng.uniform(0.2, 0.6));
    const bool fence = rng.chance(0.5);
    const double fenceH = rng.uniform(0.8, 1.6);
    const double cx = x + len / 2;
    if (!nearJunction(s, side, cx, len / 2, 4.0)) {
      const double z0 = s.ground.height(cx, side * (yIn + depth / 2)) - 1.0;
      s.statics.push_back(stuff(ShapeKind::Box,
                                {cx, side * (yIn + depth / 2), z0 + (height + 1) / 2},
                                {len / 2, depth / 2, (height + 1) / 2}, "building", refl));
    }
    const double fx = x + len + gap / 2;
    if (fence && !nearJunction(s, side, fx, gap / 2, 4.0)) {
      const double z0 = s.ground.height(fx, side * (yIn + 0.3)) - 0.3;
      s.statics.push_back(stuff(ShapeKind::Box, {fx, side * (yIn + 0.3), z0 + (fenceH + 0.3) / 2},
                                {gap / 2, 0.1, (fenceH + 0.3) / 2}, "fence", 0.4f));
    }
    x += len + gap;
  }
}

void addPoles(Scene& s, Rng& rng, double side, Extent e) {
  const double y = side * (kRoadHalfWidth + 0.4);
  for (double x = e.xMin + rng.uniform(0, 10); x < e.xMax; x += rng.uniform(20, 32)) {
    const bool light = rng.chance(0.7);
    const double r = light ? rng.uniform(0.08, 0.12) : 0.04, h = light ? rng.uniform(6, 8) : 2.6;
    if (nearJunction(s, side, x, 0.5, 1.0)) continue;
    const double z0 = s.ground.height(x, y) - 0.3;
    s.statics.push_back(stuff(ShapeKind::Cylinder, {x, y, z0 + (h + 0.3) / 2},
                              {r, r, (h + 0.3) / 2}, "pole", 0.5f));
    if (light)  // lamp arm over the parking strip, far above any vehicle
      s.statics.push_back(stuff(ShapeKind::Box, {x, y - side * 0.75, z0 + 0.3 + h - 0.1},
                                {0.05, 0.75, 0.05}, "pole", 0.5f));
    else  // sign plate facing the traffic, above head height
      s.statics.push_back(
          stuff(ShapeKind::Box, {x, y, z0 + 0.3 + 2.3}, {0.02, 0.3, 0.3}, "traffic-sign", 0.9f));
  }
}

void addTrees(Scene& s, Rng& rng, double side, Extent e) {
  const double y = side * (kRoadHalfWidth + kSidewalkWidth + 2.0);
  for (double x = e.xMin + rng.uniform(0, 8); x < e.xMax; x += rng.uniform(8, 16)) {
    const double r = rng.uniform(0.12, 0.25), h = rng.uniform(2.6, 4.0),
                 crown = rng.uniform(1.2, 2.0);
    const bool bush = rng.chance(0.5);
    Eigen::Vector3d bushHalf;  // one draw per statement: argument evaluation order is unspecified
    bushHalf.x() = rng.uniform(0.4, 1.0);
    bushHalf.y() = rng.uniform(0.4, 0.8);
    bushHalf.z() = rng.uniform(0.3, 0.6);
    const double bx = x + rng.uniform(3, 5), by = side * rng.uniform(15.5, 17.5);
    if (!nearJunction(s, side, x, crown, 3.0)) {
      const double z0 = s.ground.height(x, y) - 0.3;
      s.statics.push_back(stuff(ShapeKind::Cylinder, {x, y, z0 + (h + 0.3) / 2},
                                {r, r, (h + 0.3) / 2}, "trunk", 0.3f));
      s.statics.push_back(stuff(ShapeKind::Sphere, {x, y, z0 + 0.3 + h + 0.6 * crown},
                                Eigen::Vector3d::Constant(crown), "vegetation", 0.45f));
    }
    if (bush && !nearJunction(s, side, bx, bushHalf.x(), 3.0)) {
      const double z0 = s.ground.height(bx, by) - 0.2;
      s.statics.push_back(
          stuff(ShapeKind::Box, {bx, by, z0 + bushHalf.z()}, bushHalf, "vegetation", 0.45f));
    }
  }
}

// The traffic planner: accepted footprints at every check instant.
struct Planner {
  std::vector<double> times;
  std::vector<Footprint> fixed;                  // ego (per instant, see egoAt) and poles
  std::vector<std::vector<Footprint>> accepted;  // [object][instant]
  double egoSpeed = 0.0;

  Footprint egoAt(double t) const { return {{egoSpeed * t, kEgoLaneY}, 0.0, 2.4, 1.05}; }

  // Footprints of `o` at every instant, or empty when it collides with anything accepted.
  std::vector<Footprint> tryPlace(const SceneObject& o) const {
    Eigen::Vector3d lo, hi;
    solidsHull(o.parts, lo, hi);
    std::vector<Footprint> fp;
    for (std::size_t k = 0; k < times.size(); ++k) {
      const Footprint f = footprintAt(o, lo, hi, times[k]);
      if (overlaps(f, egoAt(times[k]), kGap)) return {};
      for (const Footprint& g : fixed)
        if (overlaps(f, g, kGap)) return {};
      for (const auto& other : accepted)
        if (overlaps(f, other[k], kGap)) return {};
      fp.push_back(f);
    }
    return fp;
  }
};

struct Route {
  Path path;
  SpeedProfile profile;
  double sLo, sHi;  // arc lengths worth starting at
};

std::vector<Route> makeRoutes(const SceneConfig& c, Rng& rng, Extent e) {
  const double T = c.duration, xc = c.junctionX, R = kTurnRadius;
  const double span = e.xMax - e.xMin;
  auto stopping = [&](double v) {
    SpeedProfile p{v, -1.0, 0.0, 3.0};
    if (T > 1.0) {
      p.stopAt = rng.uniform(0.2, 0.6) * T;
      p.stopFor = rng.uniform(1.0, 3.0);
    }
    return p;
  };
  const double x0 = e.xMin - 100;  // start of the +x lanes
  const double x1 = e.xMax + 100;  // start of the -x lanes
  std::vector<Route> r;
  r.push_back({Path::from({x0, kEgoLaneY}, 0).line(1e6), {c.egoSpeed, -1, 0, 3}, 100, 100 + span});
  r.push_back({Path::from({x0, -5.25}, 0).line(1e6), stopping(rng.uniform(9, 12)), 80, 100 + span});
  r.push_back({Path::from({x1, 1.75}, kPi).line(1e6),
               {rng.uniform(8, 12), -1, 0, 3},
               100,
               100 + span + 12 * T});
  r.push_back({Path::from({x1, 5.25}, kPi).line(1e6), stopping(rng.uniform(7, 10)), 100,
               100 + span + 10 * T});
  // Turning in from the cross street (heading +y) into the outer +x lane.
  const double yStart = -kRoadHalfWidth - 60;
  r.push_back(
      {Path::from({xc + 1.75, yStart}, kPi / 2).line(-5.25 - R - yStart).arc(R, -kPi / 2).line(1e6),
       {5.0, -1, 0, 2},
       0,
       120});
  // Turning out of the outer +x lane into the cross street (heading -y).
  r.push_back({Path::from({x0, -5.25}, 0).line(xc - 1.75 - R - x0).arc(R, -kPi / 2).line(1e6),
               {5.0, -1, 0, 2},
               xc - 1.75 - R - x0 - 60,
               xc - 1.75 - R - x0 + 20});
  return r;
}

std::string vehicleClass(Rng& rng, bool parked) {
  const double u = rng.uniform();
  if (parked) return u < 0.75 ? "car" : u < 0.95 ? "van" : "truck";
  return u < 0.65 ? "car" : u < 0.8 ? "van" : u < 0.9 ? "truck" : "bus";
}

// The clutter's changes to a road user's shape (mirrors, articulated buses, cyclists' heights),
// drawn from their own stream so that the traffic's draws stay as they were.
void clutterShape(SceneObject& o, Rng& shapes, const ClutterConfig& c) {
  if (!c.enabled) return;
  if (o.className == "bus" && shapes.chance(c.articulatedBusProb)) makeArticulated(o.parts, shapes);
  if (o.className == "cyclist") reshapeCyclist(o.parts, shapes, c);
  if (shapes.chance(c.mirrorProb)) addMirrors(o.parts, o.className, shapes);
}

// One candidate road user of the given role (not yet checked for collisions).
SceneObject candidate(ObjectRole role, Rng& rng, Rng& shapes, const std::vector<Route>& routes,
                      Extent e, std::uint32_t id, const SceneConfig& c) {
  SceneObject o;
  o.trackId = id;
  o.role = role;
  const double side = rng.chance(0.5) ? 1.0 : -1.0;
  const double T = c.duration;
  if (role == ObjectRole::Parked) {
    o.className = vehicleClass(rng, true);
    o.parts = makeParts(o.className, rng, semanticOf(o.className), static_cast<std::uint16_t>(id));
    Eigen::Vector3d lo, hi;
    solidsHull(o.parts, lo, hi);
    const double heading = (side > 0 ? kPi : 0.0) + (rng.chance(0.1) ? kPi : 0.0);
    const double y = side * (kRoadHalfWidth - 0.15 - (hi.y() - lo.y()) / 2);
    double x = rng.uniform(e.xMin, e.xMax);
    const double keepClear = kJunctionHalfWidth + kTurnRadius + 3.0;  // the junction's mouth
    if (side < 0 && std::abs(x - c.junctionX) < keepClear)
      x = c.junctionX + (x < c.junctionX ? -keepClear : keepClear);
    o.path = Path::from({x, y}, heading);
  } else if (role == ObjectRole::Vehicle) {
    o.className = vehicleClass(rng, false);
    o.parts = makeParts(o.className, rng, semanticOf(o.className), static_cast<std::uint16_t>(id));
    const Route& r =
        routes[static_cast<std::size_t>(rng.uniformInt(0, static_cast<int>(routes.size()) - 1))];
    o.path = r.path;
    o.profile = r.profile;
    o.s0 = rng.uniform(r.sLo, r.sHi);
  } else if (role == ObjectRole::Pedestrian) {
    o.className = "pedestrian";
    o.parts = makeParts(o.className, rng, semanticOf(o.className), static_cast<std::uint16_t>(id));
    const double kind = rng.uniform();
    const double x = rng.uniform(e.xMin + 40, e.xMax - 40);
    if (kind < 0.25) {  // crossing the road, then walking on along the far sidewalk
      const double y0 = side * (kRoadHalfWidth + rng.uniform(1.5, 2.5));
      o.path = Path::from({x, y0}, -side * kPi / 2)
                   .line(2 * std::abs(y0))
                   .arc(0.8, rng.chance(0.5) ? kPi / 2 : -kPi / 2)
                   .line(1e4);
      o.profile = {rng.uniform(1.0, 1.5), -1, 0, 1.0};
      o.s0 = rng.uniform(0.0, std::abs(y0));
    } else {  // on the sidewalk: walking (some stop for a while) or standing
      const double y = side * (kRoadHalfWidth + rng.uniform(1.2, 3.0));
      const bool standing = kind > 0.8;
      o.path =
          Path::from({x, y}, standing ? rng.uniform(-kPi, kPi) : (rng.chance(0.5) ? 0.0 : kPi));
      o.profile = {standing ? 0.0 : rng.uniform(0.9, 1.6), -1, 0, 1.0};
      if (!standing && rng.chance(0.25)) {
        o.profile.stopAt = rng.uniform(0, T);
        o.profile.stopFor = rng.uniform(1, 3);
      }
    }
  } else {  // cyclist in the bike lane on its side, riding with the traffic
    o.className = "cyclist";
    o.parts = makeParts(o.className, rng, semanticOf(o.className), static_cast<std::uint16_t>(id));
    const double y = side * (kLaneWidth * 2 + 0.75);
    o.path = side < 0 ? Path::from({e.xMin - 50, y}, 0.0) : Path::from({e.xMax + 50, y}, kPi);
    o.path.line(1e6);
    o.profile = {rng.uniform(4, 7), -1, 0, 2.0};
    o.s0 = rng.uniform(20, 80 + e.xMax - e.xMin);
  }
  clutterShape(o, shapes, c.clutter);
  return o;
}

}  // namespace

Scene makeScene(const SceneConfig& config, std::uint64_t seed) {
  Scene s;
  s.config = config;
  s.seed = seed;
  s.ground.slopeX = config.groundSlope;
  s.ground.bumpAmplitude = config.bumpAmplitude;
  s.ground.kerbHeight = config.kerbHeight;
  s.ground.junctionX = config.junctionX;
  s.ground.noiseSeed = mixSeed(seed, 1);
  const Extent e{-config.margin, config.egoSpeed * config.duration + config.margin};

  Rng layout(mixSeed(seed, 2));
  for (double side : {1.0, -1.0}) {
    addBuildings(s, layout, side, e);
    addPoles(s, layout, side, e);
    addTrees(s, layout, side, e);
  }
  std::vector<Footprint> obstacles;  // clutter where people walk
  if (config.clutter.enabled) {
    Rng clutter(mixSeed(seed, 4));
    for (double side : {1.0, -1.0}) {
      addHedges(s, clutter, side, e.xMin, e.xMax);
      addKerbWalls(s, clutter, side, e.xMin, e.xMax, obstacles);
      addBusStops(s, clutter, side, e.xMin + config.margin * 0.6, e.xMax - config.margin * 0.6,
                  obstacles);
    }
  }

  Planner planner;
  planner.egoSpeed = config.egoSpeed;
  const int steps = static_cast<int>(std::ceil(config.duration / kTimeStep));
  for (int k = 0; k <= steps; ++k) planner.times.push_back(k * kTimeStep);
  for (const Solid& st : s.statics)
    if (st.kind == ShapeKind::Cylinder)  // poles and trunks stand where people may walk
      planner.fixed.push_back({st.center.head<2>(), 0.0, st.halfSize.x(), st.halfSize.x()});
  planner.fixed.insert(planner.fixed.end(), obstacles.begin(), obstacles.end());

  Rng traffic(mixSeed(seed, 3));
  Rng shapes(mixSeed(seed, 5));
  const std::vector<Route> routes = makeRoutes(config, traffic, e);
  const int n = config.objects;
  const int parked = n * 25 / 100, vehicles = n * 35 / 100, pedestrians = n * 28 / 100;
  for (int i = 0; i < n; ++i) {
    const ObjectRole role = i < parked                            ? ObjectRole::Parked
                            : i < parked + vehicles               ? ObjectRole::Vehicle
                            : i < parked + vehicles + pedestrians ? ObjectRole::Pedestrian
                                                                  : ObjectRole::Cyclist;
    const auto id = static_cast<std::uint32_t>(s.objects.size() + 1);
    for (int attempt = 0; attempt < kAttempts; ++attempt) {
      SceneObject o = candidate(role, traffic, shapes, routes, e, id, config);
      std::vector<Footprint> fp = planner.tryPlace(o);
      if (fp.empty()) continue;
      planner.accepted.push_back(std::move(fp));
      s.objects.push_back(std::move(o));
      break;
    }
  }
  return s;
}

Eigen::Isometry3d egoPoseAt(const Scene& scene, const SensorConfig& sensor, double t) {
  const double x = scene.config.egoSpeed * t;
  Eigen::Isometry3d p = Eigen::Isometry3d::Identity();
  p.translation() =
      Eigen::Vector3d(x, kEgoLaneY, scene.ground.height(x, kEgoLaneY) + sensor.mountHeight);
  return p;
}

}  // namespace lidarlabel::sim
