#include "lidarlabel/core/prelabel.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <future>
#include <set>

#include "lidarlabel/core/interpolation.h"

namespace lidarlabel {

std::vector<SizeRule> defaultSizeRules() {
  // Observed sizes of partly seen objects: a car seen from behind shows ~1.8 x 0.5 m, so the
  // height separates it from a cyclist (riders are taller than cars, vans are wider).
  return {
      // name        length        width         height
      {"pedestrian", 0.2f, 1.2f, 0.1f, 1.0f, 1.0f, 2.1f},
      {"cyclist", 1.2f, 2.3f, 0.2f, 1.0f, 1.65f, 2.1f},
      {"car", 1.2f, 6.5f, 0.1f, 2.6f, 0.8f, 2.4f},
      {"truck", 4.0f, 13.f, 1.5f, 3.2f, 2.4f, 4.2f},
  };
}

namespace {
const SizeRule* classify(const Cuboid& observed, const std::vector<SizeRule>& rules) {
  const float l = static_cast<float>(std::max(observed.size.x(), observed.size.y()));
  const float w = static_cast<float>(std::min(observed.size.x(), observed.size.y()));
  const float h = static_cast<float>(observed.size.z());
  for (const SizeRule& r : rules)
    if (l >= r.minLength && l <= r.maxLength && w >= r.minWidth && w <= r.maxWidth &&
        h >= r.minHeight && h <= r.maxHeight)
      return &r;
  return nullptr;
}

std::vector<std::uint32_t> clusterInput(const PointCloud& cloud, const GroundResult& ground,
                                        const PrelabelConfig& config) {
  std::vector<std::uint32_t> idx;
  const float r2 = config.maxRange * config.maxRange;
  for (std::size_t i = 0; i < cloud.size(); ++i) {
    if (ground.isGround[i]) continue;
    const float x = cloud.x[i], y = cloud.y[i];
    if (!(x * x + y * y <= r2)) continue;  // also drops NaN
    const float gh = ground.groundHeight[i];
    if (!std::isfinite(gh) || !std::isfinite(cloud.z[i])) continue;
    const float h = cloud.z[i] - gh;
    if (h >= config.minHeightAboveGround && h <= config.maxHeightAboveGround)
      idx.push_back(static_cast<std::uint32_t>(i));
  }
  return idx;
}
}  // namespace

std::vector<ObjectAnnotation> detectObjects(const PointCloud& cloud, const GroundResult& ground,
                                            const Ontology& ontology,
                                            const PrelabelConfig& config) {
  std::vector<ObjectAnnotation> out;
  if (cloud.empty() || ground.isGround.size() != cloud.size()) return out;
  const Clusters clusters =
      clusterPoints(cloud, clusterInput(cloud, ground, config), config.cluster);
  for (const auto& members : clusters.members) {
    if (members.size() < config.cluster.minPoints) continue;
    const FitResult observed = fitBoxToPoints(cloud, members, &ground, config.fit);
    if (!observed.ok) continue;
    const SizeRule* rule = classify(observed.box, config.rules);
    if (rule == nullptr) continue;
    const ClassDef* prior = ontology.find(rule->className);
    FitResult fit = prior ? fitBoxToPoints(cloud, members, &ground, config.fit, prior) : observed;
    if (!fit.ok) fit = observed;
    if (fit.confidence < config.minConfidence) continue;
    ObjectAnnotation o;
    o.className = rule->className;
    o.box = fit.box;
    o.provenance = Provenance::Automatic;
    o.confidence = fit.confidence;
    out.push_back(std::move(o));
  }
  return out;
}

namespace {
struct Prepared {
  PointCloud cloud;
  GroundResult ground;
};

Prepared prepare(const SweepLoader& load, std::size_t f, const GroundConfig& gc) {
  Prepared p;
  p.cloud = load(f);
  p.ground = removeGround(p.cloud, gc);
  return p;
}

double frameTime(const Sequence& s, std::size_t f, double dt) {
  const auto t0 = s.frames.front().info.timestampUs, t = s.frames[f].info.timestampUs;
  if (t0 != 0 && (f == 0 || t > t0)) return static_cast<double>(t - t0) * 1e-6;
  return static_cast<double>(f) * dt;
}
}  // namespace

Sequence prelabelSequence(const Sequence& sequence, const SweepLoader& load,
                          const Ontology& ontology, const PrelabelConfig& config,
                          PrelabelStats* stats,
                          const std::function<void(std::size_t, std::size_t)>& progress) {
  const auto start = std::chrono::steady_clock::now();
  Sequence out = sequence;
  TrackerState tracker;
  std::set<std::uint32_t> ids;
  std::size_t boxes = 0;
  const std::size_t n = sequence.frames.size();
  std::future<Prepared> next;
  if (n > 0)
    next = std::async(config.threads > 1 ? std::launch::async : std::launch::deferred, prepare,
                      std::cref(load), 0, std::cref(config.ground));
  for (std::size_t f = 0; f < n; ++f) {
    Prepared cur = next.get();
    if (f + 1 < n)
      next = std::async(config.threads > 1 ? std::launch::async : std::launch::deferred, prepare,
                        std::cref(load), f + 1, std::cref(config.ground));
    TrackFrame tf;
    tf.cloud = &cur.cloud;
    tf.ground = &cur.ground;
    tf.egoPose = egoPoseOf(sequence, f);
    tf.time = frameTime(sequence, f, config.tracker.defaultDt);
    tf.detections = detectObjects(cur.cloud, cur.ground, ontology, config);
    if (f == 0) tracker.time = tf.time;
    TrackStepResult step = trackNextFrame(tracker, tf, config.tracker);
    tracker = std::move(step.state);
    for (ObjectAnnotation& o : step.objects) {
      o.provenance = Provenance::Automatic;
      o.review = ReviewState::Unreviewed;
      ids.insert(o.trackId);
    }
    boxes += step.objects.size();
    out.frames[f].objects = std::move(step.objects);
    if (progress) progress(f + 1, n);
  }
  if (stats != nullptr) {
    stats->frames = n;
    stats->boxes = boxes;
    stats->tracks = ids.size();
    stats->seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  }
  return out;
}

}  // namespace lidarlabel
