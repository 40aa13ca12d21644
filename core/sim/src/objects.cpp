// Road-user shapes, their state at a time and their ground footprints.
#include "objects.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace lidarlabel::sim {

namespace {

constexpr double kClearance = 0.05;  // metres between the highest ground under a box and its bottom

Solid box(double cx, double cz, double hx, double hy, double hz, float refl) {
  Solid s;
  s.kind = ShapeKind::Box;
  s.center = {cx, 0.0, cz};
  s.halfSize = {hx, hy, hz};
  s.reflectivity = refl;
  return s;
}

Solid cylinder(double cx, double cz, double r, double hz, float refl) {
  Solid s = box(cx, cz, r, r, hz, refl);
  s.kind = ShapeKind::Cylinder;
  return s;
}

float refl(Rng& rng, double lo, double hi) {
  return static_cast<float>(rng.uniform(lo, hi));
}

}  // namespace

std::vector<Solid> makeParts(const std::string& cls, Rng& rng, std::uint16_t semantic,
                             std::uint16_t instance) {
  std::vector<Solid> p;
  if (cls == "car") {
    const double l = rng.uniform(3.9, 4.9), w = rng.uniform(1.7, 1.95), h = rng.uniform(1.4, 1.65);
    const float paint = refl(rng, 0.15, 0.85);
    p.push_back(box(0.0, 0.29 * h, l / 2, w / 2, 0.29 * h, paint));              // body
    p.push_back(box(-0.05 * l, 0.79 * h, 0.25 * l, 0.45 * w, 0.21 * h, 0.12f));  // cabin
  } else if (cls == "van") {
    const double l = rng.uniform(4.8, 5.4), w = rng.uniform(1.9, 2.05), h = rng.uniform(1.9, 2.3);
    const float paint = refl(rng, 0.3, 0.9);
    p.push_back(box(-0.45, h / 2, l / 2 - 0.45, w / 2, h / 2, paint));         // box body
    p.push_back(box(l / 2 - 0.45, 0.275 * h, 0.45, w / 2, 0.275 * h, paint));  // bonnet
  } else if (cls == "truck") {
    const double l = rng.uniform(7.0, 10.0), w = rng.uniform(2.4, 2.55), h = rng.uniform(3.0, 3.8);
    p.push_back(box(l / 2 - 1.1, 0.4 * h, 1.1, 0.48 * w, 0.4 * h, refl(rng, 0.3, 0.8)));  // cab
    p.push_back(box(-1.2, h / 2, (l - 2.4) / 2, w / 2, h / 2, refl(rng, 0.3, 0.8)));      // cargo
  } else if (cls == "bus") {
    const double l = rng.uniform(10.5, 12.0), h = rng.uniform(3.0, 3.3);
    p.push_back(box(0.0, h / 2, l / 2, 1.275, h / 2, refl(rng, 0.3, 0.8)));
  } else if (cls == "pedestrian") {
    const double h = rng.uniform(1.55, 1.9), r = rng.uniform(0.22, 0.3);
    const float cloth = refl(rng, 0.15, 0.6);
    p.push_back(cylinder(0.0, 0.43 * h, r, 0.43 * h, cloth));        // legs and torso
    p.push_back(cylinder(0.0, 0.93 * h, 0.5 * r, 0.07 * h, 0.35f));  // head
  } else {                                                           // cyclist
    const double h = rng.uniform(1.65, 1.85);
    p.push_back(box(0.0, 0.5, 0.85, 0.06, 0.5, refl(rng, 0.3, 0.7)));  // bicycle
    p.push_back(
        cylinder(-0.15, (0.75 + h) / 2, 0.24, (h - 0.75) / 2, refl(rng, 0.15, 0.6)));  // rider
  }
  for (Solid& s : p) {
    s.semantic = semantic;
    s.instance = instance;
  }
  return p;
}

void solidsHull(const std::vector<Solid>& solids, Eigen::Vector3d& lo, Eigen::Vector3d& hi) {
  lo = Eigen::Vector3d::Constant(std::numeric_limits<double>::infinity());
  hi = -lo;
  for (const Solid& s : solids) {
    if (!s.inBox) continue;
    Eigen::Vector3d h = s.halfSize;
    if (s.kind == ShapeKind::Box && s.yaw != 0.0) {
      const double c = std::abs(std::cos(s.yaw)), sn = std::abs(std::sin(s.yaw));
      h = {c * s.halfSize.x() + sn * s.halfSize.y(), sn * s.halfSize.x() + c * s.halfSize.y(),
           s.halfSize.z()};
    } else if (s.kind != ShapeKind::Box) {
      h = {s.halfSize.x(), s.halfSize.x(),
           s.kind == ShapeKind::Sphere ? s.halfSize.x() : s.halfSize.z()};
    }
    lo = lo.cwiseMin(s.center - h);
    hi = hi.cwiseMax(s.center + h);
  }
}

Footprint footprintAt(const SceneObject& o, const Eigen::Vector3d& lo, const Eigen::Vector3d& hi,
                      double t) {
  Eigen::Vector2d p;
  double h = 0.0;
  o.path.at(o.s0 + o.profile.distance(t), p, h);
  const Eigen::Vector2d c((lo.x() + hi.x()) / 2, (lo.y() + hi.y()) / 2);
  const Eigen::Rotation2Dd r(h);
  return {p + r * c, h, (hi.x() - lo.x()) / 2, (hi.y() - lo.y()) / 2};
}

bool overlaps(const Footprint& a, const Footprint& b, double margin) {
  const double m = margin / 2;
  const Eigen::Vector2d d = b.center - a.center;
  const double ra = std::hypot(a.halfLength + m, a.halfWidth + m);
  const double rb = std::hypot(b.halfLength + m, b.halfWidth + m);
  if (d.squaredNorm() > (ra + rb) * (ra + rb)) return false;
  const Eigen::Vector2d ax[4] = {{std::cos(a.heading), std::sin(a.heading)},
                                 {-std::sin(a.heading), std::cos(a.heading)},
                                 {std::cos(b.heading), std::sin(b.heading)},
                                 {-std::sin(b.heading), std::cos(b.heading)}};
  for (const Eigen::Vector2d& n : ax) {
    const double pa =
        (a.halfLength + m) * std::abs(n.dot(ax[0])) + (a.halfWidth + m) * std::abs(n.dot(ax[1]));
    const double pb =
        (b.halfLength + m) * std::abs(n.dot(ax[2])) + (b.halfWidth + m) * std::abs(n.dot(ax[3]));
    if (std::abs(n.dot(d)) > pa + pb) return false;  // separating axis
  }
  return true;
}

ObjectState objectStateAt(const Scene& scene, const SceneObject& o, double t) {
  Eigen::Vector2d p;
  double h = 0.0;
  o.path.at(o.s0 + o.profile.distance(t), p, h);
  Eigen::Vector3d lo, hi;
  solidsHull(o.parts, lo, hi);
  // Bottom: highest ground under the footprint (5 x 5 samples, corners included) + clearance,
  // so no ground point ever falls inside the box.
  const Eigen::Rotation2Dd rot(h);
  double zTop = -std::numeric_limits<double>::infinity();
  for (int i = 0; i <= 4; ++i)
    for (int j = 0; j <= 4; ++j) {
      const Eigen::Vector2d local(lo.x() + (hi.x() - lo.x()) * i / 4,
                                  lo.y() + (hi.y() - lo.y()) * j / 4);
      const Eigen::Vector2d w = p + rot * local;
      zTop = std::max(zTop, scene.ground.height(w.x(), w.y()));
    }
  ObjectState st;
  st.pose = Eigen::Isometry3d::Identity();
  st.pose.linear() = Eigen::AngleAxisd(h, Eigen::Vector3d::UnitZ()).toRotationMatrix();
  st.pose.translation() = Eigen::Vector3d(p.x(), p.y(), zTop + kClearance - lo.z());
  st.box.center = st.pose * ((lo + hi) / 2);
  st.box.size = hi - lo;
  st.box.yaw = wrapAngle(h);
  for (Solid s : o.parts) {
    s.center = st.pose * s.center;
    s.yaw += h;
    st.parts.push_back(s);
  }
  const bool moving = o.profile.speedAt(t) > 0.05;
  switch (o.role) {
    case ObjectRole::Parked:
      st.attributes["state"] = "parked";
      break;
    case ObjectRole::Vehicle:
      st.attributes["state"] = moving ? "moving" : "stopped";
      break;
    case ObjectRole::Pedestrian:
      st.attributes["state"] = moving ? "moving" : "standing";
      break;
    case ObjectRole::Cyclist:
      st.attributes["rider"] = "with_rider";
      break;
  }
  return st;
}

}  // namespace lidarlabel::sim
