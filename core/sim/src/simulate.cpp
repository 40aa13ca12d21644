// simulateFrame: one sweep of the rotating LiDAR against the scene frozen at the frame time.
#include "lidarlabel/sim/simulate.h"

#include <algorithm>
#include <cmath>
#include <numbers>

#include "lidarlabel/sim/random.h"
#include "raycast.h"

namespace lidarlabel::sim {

namespace {

// Received intensity (KITTI-like 0..1): reflectance times a Lambertian-ish incidence term.
float intensityOf(const Hit& hit, const Eigen::Vector3d& d) {
  const double cosIncidence = std::abs(hit.normal.dot(d));
  return static_cast<float>(std::clamp(hit.reflectivity * (0.2 + 0.8 * cosIncidence), 0.0, 1.0));
}

struct ObjectsAtFrame {
  std::vector<ObjectState> states;  // parallel to scene.objects
  std::vector<const Solid*> solids;
};

ObjectsAtFrame gatherSolids(const Scene& scene, double t) {
  ObjectsAtFrame f;
  f.states.reserve(scene.objects.size());
  for (const SceneObject& o : scene.objects) f.states.push_back(objectStateAt(scene, o, t));
  for (const Solid& s : scene.statics) f.solids.push_back(&s);
  for (const ObjectState& st : f.states)
    for (const Solid& s : st.parts) f.solids.push_back(&s);
  return f;
}

}  // namespace

std::int64_t frameTimestampUs(const SensorConfig& sensor, int frame) {
  return 1'000'000 + std::llround(frame * 1e6 / sensor.rateHz);
}

SimFrame simulateFrame(const Scene& scene, const SensorConfig& sensor, int frame) {
  SimFrame out;
  out.index = frame;
  out.timestampUs = frameTimestampUs(sensor, frame);
  const double t = frame / sensor.rateHz;
  out.egoPose = egoPoseAt(scene, sensor, t);
  const Eigen::Matrix3d rot = out.egoPose.linear();
  const Eigen::Vector3d origin = out.egoPose.translation();

  ObjectsAtFrame objects = gatherSolids(scene, t);
  const std::vector<Solid> ego = egoBodySolids(scene, out.egoPose, sensor);
  for (const Solid& s : ego) objects.solids.push_back(&s);
  SolidSet set =
      buildSolidSet(objects.solids, origin.head<2>(), sensor.maxRange + 1.0, sensor.bruteForce);

  std::vector<double> cosEl(static_cast<std::size_t>(sensor.beams)), sinEl(cosEl.size());
  for (int b = 0; b < sensor.beams; ++b) {
    cosEl[static_cast<std::size_t>(b)] = std::cos(beamElevation(sensor, b));
    sinEl[static_cast<std::size_t>(b)] = std::sin(beamElevation(sensor, b));
  }
  const std::uint64_t frameSeed = mixSeed(scene.seed, 1000 + static_cast<std::uint64_t>(frame));
  const std::size_t rays =
      static_cast<std::size_t>(sensor.beams) * static_cast<std::size_t>(sensor.azimuthSteps);
  out.cloud.reserve(rays);
  out.labels.semantic.reserve(rays);
  out.labels.instance.reserve(rays);
  std::vector<std::uint32_t> pointsPerTrack(scene.objects.size() + 1, 0);

  for (int k = 0; k < sensor.azimuthSteps; ++k) {
    // Clockwise (Velodyne) rotation starting behind the vehicle.
    const double az = std::numbers::pi - 2.0 * std::numbers::pi * k / sensor.azimuthSteps;
    const double ca = std::cos(az), sa = std::sin(az);
    const float firingTime = static_cast<float>(k / (sensor.azimuthSteps * sensor.rateHz));
    for (int b = 0; b < sensor.beams; ++b) {
      const std::size_t ray = static_cast<std::size_t>(k) * static_cast<std::size_t>(sensor.beams) +
                              static_cast<std::size_t>(b);
      const Eigen::Vector3d dirSensor(cosEl[static_cast<std::size_t>(b)] * ca,
                                      cosEl[static_cast<std::size_t>(b)] * sa,
                                      sinEl[static_cast<std::size_t>(b)]);
      const Eigen::Vector3d dir = rot * dirSensor;
      Hit hit;
      double tBest = sensor.maxRange;
      bool found = intersectGround(scene.ground, origin, dir, tBest, hit);
      if (found) tBest = hit.t;
      found |= intersectSolids(set, origin, dir, tBest, hit, static_cast<std::uint32_t>(ray + 1));
      if (!found) continue;
      Rng rng(mixSeed(frameSeed, ray));
      const float intensity = intensityOf(hit, dir);
      if (rng.uniform() < sensor.dropoutProb || intensity < sensor.minIntensity) continue;
      const double range = hit.t + sensor.rangeNoiseStd * rng.gaussian();
      if (range < sensor.minRange || range > sensor.maxRange) continue;
      const Eigen::Vector3d p = dirSensor * range;
      out.cloud.x.push_back(static_cast<float>(p.x()));
      out.cloud.y.push_back(static_cast<float>(p.y()));
      out.cloud.z.push_back(static_cast<float>(p.z()));
      out.cloud.intensity.push_back(intensity);
      if (sensor.withRing) out.cloud.ring.push_back(static_cast<std::uint16_t>(b));
      if (sensor.withTime) out.cloud.time.push_back(firingTime);
      out.labels.semantic.push_back(hit.semantic);
      out.labels.instance.push_back(hit.instance);
      if (hit.instance != 0) ++pointsPerTrack[hit.instance];
    }
  }

  // Emitted boxes: the exact hull of the object's solids grown on every side by the largest
  // range error a point can carry (the noise is bounded at kGaussianBound sigma and moves a point
  // along its ray, so at most that far from the surface it hit) plus kFloatSlack for the float32
  // coordinates. So every point labelled with an instance lies inside that instance's box.
  const double grow = boxMargin(sensor);
  const Eigen::Isometry3d worldToSensor = out.egoPose.inverse();
  const double egoYaw = std::atan2(rot(1, 0), rot(0, 0));
  for (std::size_t i = 0; i < scene.objects.size(); ++i) {
    const SceneObject& o = scene.objects[i];
    if (pointsPerTrack[o.trackId & 0xFFFF] == 0) continue;
    const ObjectState& st = objects.states[i];
    ObjectAnnotation a;
    a.trackId = o.trackId;
    a.className = o.className;
    a.box = st.box;
    a.box.center = worldToSensor * st.box.center;
    a.box.yaw = wrapAngle(st.box.yaw - egoYaw);
    a.box.size += Eigen::Vector3d::Constant(2.0 * grow);
    a.attributes = st.attributes;
    a.provenance = Provenance::Manual;
    out.objects.push_back(std::move(a));
  }
  return out;
}

}  // namespace lidarlabel::sim
