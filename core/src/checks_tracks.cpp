// The track family of the label checks: one object along the frames of a sequence, in the
// world frame (ego poses) with rates per second of timestamp (core/checks.h).
#include <algorithm>
#include <cmath>
#include <map>

#include "checks_internal.h"

namespace lidarlabel {

using namespace checks_detail;

namespace {

constexpr double kDeg = M_PI / 180.0;

struct Appearance {
  std::size_t frame;
  const ObjectAnnotation* object;
  Eigen::Vector3d center;  // world frame
  double yaw;              // world frame
};

struct TrackContext {
  const Sequence& seq;
  const Ontology& ontology;
  const CheckConfig& config;
  const std::vector<double>& times;
  std::vector<Finding>& out;

  void add(const char* id, Severity s, std::size_t frame, std::uint32_t track, std::string msg) {
    if (skipped(config, id)) return;
    Finding f;
    f.check = id;
    f.severity = s;
    f.frame = static_cast<long long>(frame);
    f.trackIds = {track};
    f.message = std::move(msg);
    out.push_back(std::move(f));
  }
};

void classAndGaps(TrackContext& c, std::uint32_t id, const std::vector<Appearance>& a) {
  for (std::size_t k = 1; k < a.size(); ++k) {
    const std::string& before = a[k - 1].object->className;
    const std::string& now = a[k].object->className;
    if (before != now)
      c.add("class-change", Severity::Error, a[k].frame, id,
            format("track %u changes class from %s (frame %zu) to %s", id, before.c_str(),
                   a[k - 1].frame, now.c_str()));
    if (a[k].frame > a[k - 1].frame + 1)
      c.add("track-gap", Severity::Info, a[k - 1].frame + 1, id,
            format("track %u (%s) is absent in frames %zu-%zu (%zu frames)", id, now.c_str(),
                   a[k - 1].frame + 1, a[k].frame - 1, a[k].frame - a[k - 1].frame - 1));
  }
}

double median(std::vector<double> v) {
  std::nth_element(v.begin(), v.begin() + static_cast<long>(v.size() / 2), v.end());
  return v[v.size() / 2];
}

void sizeDrift(TrackContext& c, std::uint32_t id, const std::vector<Appearance>& a) {
  if (a.size() < 3) return;
  Eigen::Vector3d med;
  for (int d = 0; d < 3; ++d) {
    std::vector<double> v;
    for (const Appearance& x : a) v.push_back(x.object->box.size[d]);
    med[d] = median(std::move(v));
  }
  if (med.minCoeff() <= 0) return;
  for (const Appearance& x : a) {
    const double limit = thresholdsFor(c.ontology, x.object->className).sizeDrift;
    if (limit <= 0) continue;
    const Eigen::Vector3d rel = (x.object->box.size - med).cwiseQuotient(med);
    int worst = 0;
    rel.cwiseAbs().maxCoeff(&worst);
    if (std::abs(rel[worst]) > limit)
      c.add("size-drift", Severity::Warning, x.frame, id,
            format("track %u %s is %.0f %% %s than the track's median %s (%.2f vs %.2f m; limit "
                   "%.0f %%)",
                   id, x.object->className.c_str(), 100 * std::abs(rel[worst]),
                   rel[worst] < 0 ? "smaller" : "larger",
                   worst == 0   ? "length"
                   : worst == 1 ? "width"
                                : "height",
                   x.object->box.size[worst], med[worst], 100 * limit));
  }
}

void heading(TrackContext& c, std::uint32_t id, const std::vector<Appearance>& a) {
  for (std::size_t k = 1; k < a.size(); ++k) {
    const CheckThresholds& t = thresholdsFor(c.ontology, a[k].object->className);
    const double dt = c.times[a[k].frame] - c.times[a[k - 1].frame];
    if (dt <= 0 || dt > c.config.maxGapSecondsForRates) continue;
    const double turn = std::abs(angleDiff(a[k].yaw, a[k - 1].yaw));
    if (t.flipAngleDeg > 0 && turn > t.flipAngleDeg * kDeg) {
      // One reversed box between two agreeing neighbours is one finding, not two.
      const bool single = k + 1 < a.size() &&
                          std::abs(angleDiff(a[k + 1].yaw, a[k - 1].yaw)) < t.flipAngleDeg * kDeg;
      c.add("heading-flip", Severity::Error, a[k].frame, id,
            format("track %u %s heading turns %.0f deg from frame %zu to %zu%s", id,
                   a[k].object->className.c_str(), turn / kDeg, a[k - 1].frame, a[k].frame,
                   single ? " and back in the next frame (reversed box)" : ""));
      if (single) ++k;
    } else if (t.maxYawRateDeg > 0 && turn / dt > t.maxYawRateDeg * kDeg) {
      c.add("yaw-rate", Severity::Warning, a[k].frame, id,
            format("track %u %s turns at %.0f deg/s from frame %zu to %zu (limit %.0f)", id,
                   a[k].object->className.c_str(), turn / kDeg / dt, a[k - 1].frame, a[k].frame,
                   t.maxYawRateDeg));
    }
  }
}

// Speed and id reuse between consecutive appearances, then acceleration over three.
void motion(TrackContext& c, std::uint32_t id, const std::vector<Appearance>& a) {
  std::vector<double> speed(a.size(), -1.0);  // speed over (k-1, k); -1 = not measured
  std::vector<bool> flagged(a.size(), false);
  for (std::size_t k = 1; k < a.size(); ++k) {
    const CheckThresholds& t = thresholdsFor(c.ontology, a[k].object->className);
    const double dt = c.times[a[k].frame] - c.times[a[k - 1].frame];
    if (dt <= 0 || t.maxSpeed <= 0) continue;
    const double dist = (a[k].center - a[k - 1].center).norm();
    const double v = dist / dt;
    if (v > 2 * t.maxSpeed && dist > 2.0) {
      flagged[k] = true;
      c.add("track-id-reused", Severity::Error, a[k].frame, id,
            format("track %u %s jumps %.1f m in %.2f s (%.0f m/s) from frame %zu: the id "
                   "probably names another object",
                   id, a[k].object->className.c_str(), dist, dt, v, a[k - 1].frame));
      continue;
    }
    if (dt > c.config.maxGapSecondsForRates) continue;
    speed[k] = v;
    if (v > t.maxSpeed) {
      flagged[k] = true;
      c.add("speed", Severity::Warning, a[k].frame, id,
            format("track %u %s moves at %.1f m/s from frame %zu to %zu (limit %.1f)", id,
                   a[k].object->className.c_str(), v, a[k - 1].frame, a[k].frame, t.maxSpeed));
    }
  }
  for (std::size_t k = 2; k < a.size(); ++k) {
    const CheckThresholds& t = thresholdsFor(c.ontology, a[k].object->className);
    if (t.maxAcceleration <= 0 || speed[k] < 0 || speed[k - 1] < 0 || flagged[k] || flagged[k - 1])
      continue;
    const double dt1 = c.times[a[k - 1].frame] - c.times[a[k - 2].frame];
    const double dt2 = c.times[a[k].frame] - c.times[a[k - 1].frame];
    const Eigen::Vector3d v1 = (a[k - 1].center - a[k - 2].center) / dt1;
    const Eigen::Vector3d v2 = (a[k].center - a[k - 1].center) / dt2;
    const double acc = (v2 - v1).norm() / (0.5 * (dt1 + dt2));
    if (acc > t.maxAcceleration)
      c.add("acceleration", Severity::Warning, a[k - 1].frame, id,
            format("track %u %s accelerates at %.1f m/s^2 around frame %zu (limit %.1f)", id,
                   a[k].object->className.c_str(), acc, a[k - 1].frame, t.maxAcceleration));
  }
}

}  // namespace

std::vector<Finding> checkTracks(const Sequence& seq, const Ontology& ontology,
                                 const CheckConfig& config) {
  std::vector<Finding> out;
  const std::vector<double> times = frameTimes(seq, config);
  std::map<std::uint32_t, std::vector<Appearance>> tracks;
  bool allPosed = true;
  for (std::size_t f = 0; f < seq.size(); ++f) {
    const Frame& frame = seq.frames[f];
    allPosed = allPosed && frame.info.egoPose.has_value();
    for (const ObjectAnnotation& o : frame.objects) {
      auto& list = tracks[o.trackId];
      if (!list.empty() && list.back().frame == f) continue;  // duplicate id: box family
      if (!o.box.center.allFinite() || !std::isfinite(o.box.yaw)) continue;
      list.push_back({f, &o, worldCenter(o.box, frame.info), worldYaw(o.box, frame.info)});
    }
  }
  if (!allPosed && seq.size() > 1 && !skipped(config, "no-ego-poses")) {
    Finding f;
    f.check = "no-ego-poses";
    f.severity = Severity::Info;
    f.message =
        "some frames have no ego pose: speed, acceleration and heading checks use the LiDAR "
        "frame there, so the ego vehicle's own motion is included";
    out.push_back(std::move(f));
  }
  TrackContext c{seq, ontology, config, times, out};
  for (const auto& [id, a] : tracks) {
    classAndGaps(c, id, a);
    sizeDrift(c, id, a);
    heading(c, id, a);
    motion(c, id, a);
  }
  return out;
}

}  // namespace lidarlabel
