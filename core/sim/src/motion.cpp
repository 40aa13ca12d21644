// Paths (lines and arcs) and speed profiles of the road users.
#include <algorithm>
#include <cmath>

#include "lidarlabel/sim/scene.h"

namespace lidarlabel::sim {

namespace {
void evalSegment(const PathSegment& g, double s, Eigen::Vector2d& p, double& h) {
  if (g.curvature == 0.0) {
    p = g.start + s * Eigen::Vector2d(std::cos(g.heading), std::sin(g.heading));
    h = g.heading;
    return;
  }
  const double k = g.curvature;
  h = g.heading + k * s;
  p = g.start + Eigen::Vector2d((std::sin(h) - std::sin(g.heading)) / k,
                                (std::cos(g.heading) - std::cos(h)) / k);
}

PathSegment nextSegment(const Path& path, double length, double curvature) {
  PathSegment g;
  if (!path.segments.empty()) {
    const PathSegment& last = path.segments.back();
    evalSegment(last, last.length, g.start, g.heading);
  }
  g.length = length;
  g.curvature = curvature;
  return g;
}
}  // namespace

Path Path::from(Eigen::Vector2d start, double heading) {
  Path p;
  p.segments.push_back({start, heading, 0.0, 0.0});
  return p;
}

Path& Path::line(double length) {
  segments.push_back(nextSegment(*this, length, 0.0));
  return *this;
}

Path& Path::arc(double radius, double angle) {
  segments.push_back(
      nextSegment(*this, radius * std::abs(angle), angle > 0 ? 1.0 / radius : -1.0 / radius));
  return *this;
}

void Path::at(double s, Eigen::Vector2d& position, double& heading) const {
  if (segments.empty()) {
    position = Eigen::Vector2d::Zero();
    heading = 0.0;
    return;
  }
  if (s < 0.0) {  // before the start: straight back along the start heading
    const PathSegment& g = segments.front();
    position = g.start + s * Eigen::Vector2d(std::cos(g.heading), std::sin(g.heading));
    heading = g.heading;
    return;
  }
  for (const PathSegment& g : segments) {
    if (s <= g.length) {
      evalSegment(g, s, position, heading);
      return;
    }
    s -= g.length;
  }
  const PathSegment& last = segments.back();
  Eigen::Vector2d end;
  evalSegment(last, last.length, end, heading);
  position = end + s * Eigen::Vector2d(std::cos(heading), std::sin(heading));
}

double SpeedProfile::distance(double t) const {
  if (speed <= 0.0) return 0.0;
  if (stopAt < 0.0 || t <= stopAt) return speed * t;
  const double ramp = speed / accel;           // seconds to stop (and to restart)
  const double rampDist = 0.5 * speed * ramp;  // metres while braking (and accelerating)
  double d = speed * stopAt;
  double u = t - stopAt;
  if (u <= ramp) return d + speed * u - 0.5 * accel * u * u;
  d += rampDist;
  u -= ramp;
  if (u <= stopFor) return d;
  u -= stopFor;
  if (u <= ramp) return d + 0.5 * accel * u * u;
  return d + rampDist + speed * (u - ramp);
}

double SpeedProfile::speedAt(double t) const {
  if (speed <= 0.0) return 0.0;
  if (stopAt < 0.0 || t <= stopAt) return speed;
  const double ramp = speed / accel;
  double u = t - stopAt;
  if (u <= ramp) return speed - accel * u;
  u -= ramp;
  if (u <= stopFor) return 0.0;
  u -= stopFor;
  return u <= ramp ? accel * u : speed;
}

}  // namespace lidarlabel::sim
