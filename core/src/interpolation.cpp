#include "lidarlabel/core/interpolation.h"

#include <algorithm>
#include <cmath>

namespace lidarlabel {

Cuboid transformBox(const Cuboid& box, const Eigen::Isometry3d& t) {
  Cuboid out = box;
  out.center = t * box.center;
  const Eigen::Vector3d h = t.linear() * Eigen::Vector3d(std::cos(box.yaw), std::sin(box.yaw), 0);
  out.yaw = wrapAngle(std::atan2(h.y(), h.x()));
  return out;
}

Eigen::Isometry3d egoPoseOf(const Sequence& sequence, std::size_t frame) {
  if (frame < sequence.frames.size() && sequence.frames[frame].info.egoPose)
    return *sequence.frames[frame].info.egoPose;
  return Eigen::Isometry3d::Identity();
}

Cuboid interpolateBox(const Cuboid& a, const Cuboid& b, double s) {
  Cuboid out;
  out.center = a.center + s * (b.center - a.center);
  out.size = a.size + s * (b.size - a.size);
  out.yaw = wrapAngle(a.yaw + s * angleDiff(b.yaw, a.yaw));
  out.pitch = a.pitch + s * (b.pitch - a.pitch);
  out.roll = a.roll + s * (b.roll - a.roll);
  return out;
}

std::vector<Keyframe> keyframesOf(const Sequence& sequence, std::uint32_t trackId) {
  std::vector<Keyframe> keys;
  for (std::size_t f = 0; f < sequence.frames.size(); ++f)
    for (const ObjectAnnotation& o : sequence.frames[f].objects)
      if (o.trackId == trackId && o.provenance == Provenance::Manual) {
        keys.push_back({f, o});
        break;
      }
  return keys;
}

namespace {
// Interpolation parameter of a frame: seconds when timestamps are usable, else the index.
double timeOf(const Sequence& s, std::size_t f, bool useTimestamps) {
  return useTimestamps ? static_cast<double>(s.frames[f].info.timestampUs) * 1e-6
                       : static_cast<double>(f);
}

// Cubic Hermite (Catmull-Rom tangents, non-uniform) between keys k and k+1 at time t.
Eigen::Vector3d splineCentre(const std::vector<double>& times,
                             const std::vector<Eigen::Vector3d>& pts, std::size_t k, double t) {
  const double t0 = times[k], t1 = times[k + 1], dt = t1 - t0;
  auto tangent = [&](std::size_t i) -> Eigen::Vector3d {  // d(centre)/d(time) at key i
    const std::size_t lo = i == 0 ? i : i - 1, hi = i + 1 == pts.size() ? i : i + 1;
    if (hi == lo) return Eigen::Vector3d::Zero();
    return (pts[hi] - pts[lo]) / (times[hi] - times[lo]);
  };
  const double s = (t - t0) / dt, s2 = s * s, s3 = s2 * s;
  return (2 * s3 - 3 * s2 + 1) * pts[k] + (s3 - 2 * s2 + s) * dt * tangent(k) +
         (-2 * s3 + 3 * s2) * pts[k + 1] + (s3 - s2) * dt * tangent(k + 1);
}
}  // namespace

std::vector<Keyframe> interpolateTrack(const Sequence& sequence, std::uint32_t trackId,
                                       const InterpolationConfig& config) {
  const std::vector<Keyframe> keys = keyframesOf(sequence, trackId);
  std::vector<Keyframe> out;
  if (keys.size() < 2) return out;
  bool useTimestamps = true;
  for (std::size_t k = 0; k + 1 < keys.size(); ++k) {
    const auto ta = sequence.frames[keys[k].frame].info.timestampUs;
    const auto tb = sequence.frames[keys[k + 1].frame].info.timestampUs;
    if (ta == 0 || tb <= ta) useTimestamps = false;
  }
  std::vector<double> times;
  std::vector<Cuboid> world;
  std::vector<Eigen::Vector3d> centres;
  for (const Keyframe& k : keys) {
    times.push_back(timeOf(sequence, k.frame, useTimestamps));
    world.push_back(transformBox(k.object.box, egoPoseOf(sequence, k.frame)));
    centres.push_back(world.back().center);
  }
  for (std::size_t k = 0; k + 1 < keys.size(); ++k) {
    for (std::size_t f = keys[k].frame + 1; f < keys[k + 1].frame; ++f) {
      const double t = timeOf(sequence, f, useTimestamps);
      const double s = std::clamp((t - times[k]) / (times[k + 1] - times[k]), 0.0, 1.0);
      Cuboid w = interpolateBox(world[k], world[k + 1], s);
      if (config.spline && keys.size() > 2) w.center = splineCentre(times, centres, k, t);
      Keyframe kf{f, keys[k].object};
      kf.object.box = transformBox(w, egoPoseOf(sequence, f).inverse());
      kf.object.provenance = Provenance::Interpolated;
      kf.object.review = ReviewState::Unreviewed;
      kf.object.confidence = 1.0f;
      out.push_back(std::move(kf));
    }
  }
  return out;
}

Sequence withInterpolatedTrack(const Sequence& sequence, std::uint32_t trackId,
                               const InterpolationConfig& config) {
  Sequence out = sequence;
  for (Keyframe& k : interpolateTrack(sequence, trackId, config)) {
    auto& objs = out.frames[k.frame].objects;
    auto it = std::find_if(objs.begin(), objs.end(),
                           [&](const ObjectAnnotation& o) { return o.trackId == trackId; });
    if (it == objs.end()) {
      objs.push_back(std::move(k.object));
    } else if (it->provenance != Provenance::Manual) {
      *it = std::move(k.object);
    }
  }
  return out;
}

}  // namespace lidarlabel
