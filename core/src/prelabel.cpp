#include "lidarlabel/core/prelabel.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <future>
#include <map>
#include <numbers>
#include <set>
#include <unordered_map>

#include "lidarlabel/core/interpolation.h"
#include "lidarlabel/core/object_cues.h"

namespace lidarlabel {

std::vector<SizeRule> defaultSizeRules() {
  // Observed sizes of partly seen objects: a car seen from behind shows ~1.8 x 0.5 m, so the
  // height separates it from a cyclist (riders are taller than cars, vans are wider).
  // Riders of real bicycles are 1.45-2.0 m tall (a 1.56 m cyclist exists); cars are at most
  // ~2.1 m (SUVs), taller vehicles of car length are vans. Buses are 9.5-13 m, trams longer.
  return {
      // name        length        width         height
      {"pedestrian", 0.3f, 1.2f, 0.1f, 1.0f, 1.0f, 2.1f},
      {"cyclist", 1.2f, 2.3f, 0.2f, 1.0f, 1.45f, 2.1f},
      {"car", 1.2f, 6.0f, 0.1f, 2.4f, 0.8f, 2.1f},
      {"van", 3.5f, 6.5f, 1.4f, 2.4f, 2.1f, 3.0f},
      {"tram", 16.f, 45.f, 2.0f, 3.2f, 2.6f, 4.2f},
      {"bus", 9.5f, 16.f, 2.0f, 3.2f, 2.7f, 4.2f},
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

bool isPerson(const std::string& c) {
  return c == "pedestrian" || c == "cyclist";
}

// Static structure by its cues (see PrelabelConfig): see-through, no ground contact, continuing
// above, hollow, scattered, as high at its ends as in the middle.
bool isStructure(const PointCloud& cloud, const GroundResult& ground,
                 const std::vector<std::uint32_t>& members, const RayIndex& rays,
                 const AboveIndex& above, const Cuboid& observed, const SizeRule& rule,
                 const PrelabelConfig& config) {
  const ClusterCues cu = clusterCues(cloud, ground, members, rays, above, config.cues);
  const float maxSee =
      isPerson(rule.className) ? config.maxSeeThroughPerson : config.maxSeeThroughVehicle;
  if (cu.seeThrough > maxSee) return true;
  const auto range = static_cast<float>(observed.center.head<2>().norm());
  if (cu.bottom > config.maxBottom + config.bottomPerMetre * range && cu.occludedBelow < 0.5f)
    return true;
  if (config.rejectTallStructure && cu.continuesAbove) return true;
  if (!isPerson(rule.className)) {
    if (hollowness(cloud, members, observed, config.hollow).share > config.maxVehicleHollow)
      return true;
    const SurfaceScatter sc = surfaceScatter(cloud, members, config.scatter);
    if (sc.samples >= config.minScatterSamples && sc.variation > config.maxVehicleScatter)
      return true;
  }
  if (rule.className == "car" &&
      std::max(observed.size.x(), observed.size.y()) >= config.profileMinLength &&
      endHeightRatio(cloud, ground, members, observed) > config.maxCarEndRatio)
    return true;
  return false;
}

// Clusters of the low band (bodies of road users up to lowBandTop), then the higher points that
// continue one of its BEV cells upwards without a gap (a van's or a bus's upper body) are added;
// a tree crown above a parked car leaves a gap and stays out.
Clusters clusterWithTops(const PointCloud& cloud, const GroundResult& ground,
                         const std::vector<std::uint32_t>& input, const PrelabelConfig& config) {
  std::vector<std::uint32_t> low;
  std::vector<std::pair<float, std::uint32_t>> high;  // (height above ground, index)
  for (std::uint32_t i : input) {
    const float h = cloud.z[i] - ground.groundHeight[i];
    if (h <= config.lowBandTop)
      low.push_back(i);
    else
      high.emplace_back(h, i);
  }
  Clusters clusters = clusterPoints(cloud, low, config.cluster);
  if (high.empty() || clusters.members.empty()) return clusters;
  const float cell = config.cluster.cellSize;
  const auto key = [&](std::uint32_t i) {
    const auto cx = static_cast<std::int64_t>(std::floor(cloud.x[i] / cell));
    const auto cy = static_cast<std::int64_t>(std::floor(cloud.y[i] / cell));
    return (cx << 32) ^ (cy & 0xffffffff);
  };
  std::unordered_map<std::int64_t, std::pair<std::size_t, float>> top;  // cluster, top height
  for (std::size_t c = 0; c < clusters.members.size(); ++c)
    for (std::uint32_t i : clusters.members[c]) {
      const float h = cloud.z[i] - ground.groundHeight[i];
      const auto [it, fresh] = top.try_emplace(key(i), c, h);
      if (!fresh && it->second.first == c) it->second.second = std::max(it->second.second, h);
    }
  std::sort(high.begin(), high.end());
  for (const auto& [h, i] : high) {
    const auto it = top.find(key(i));
    if (it == top.end() || h - it->second.second > config.attachGap) continue;
    clusters.members[it->second.first].push_back(i);
    it->second.second = h;
  }
  for (auto& m : clusters.members) std::sort(m.begin(), m.end());
  return clusters;
}

std::vector<std::uint32_t> clusterInput(const PointCloud& cloud, const GroundResult& ground,
                                        const PrelabelConfig& config) {
  std::vector<std::uint32_t> idx;
  const float r2 = config.maxRange * config.maxRange;
  const float ego2 = config.ground.minRange * config.ground.minRange;
  for (std::size_t i = 0; i < cloud.size(); ++i) {
    if (ground.isGround[i]) continue;
    const float x = cloud.x[i], y = cloud.y[i];
    if (!(x * x + y * y <= r2)) continue;  // also drops NaN
    if (x * x + y * y < ego2) continue;    // the ego vehicle's own returns
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
      clusterWithTops(cloud, ground, clusterInput(cloud, ground, config), config);
  PrelabelConfig cfg = config;
  cfg.cues.bandTop = config.maxHeightAboveGround;  // "above" = above the clustered band
  const RayIndex rays = buildRayIndex(cloud, cfg.cues);
  const AboveIndex above = buildAboveIndex(cloud, ground, cfg.cues);
  for (const auto& members : clusters.members) {
    if (members.size() < config.cluster.minPoints) continue;
    const FitResult observed = fitBoxToPoints(cloud, members, &ground, config.fit);
    if (!observed.ok) continue;
    const SizeRule* rule = classify(observed.box, config.rules);
    if (rule == nullptr) continue;
    if (isStructure(cloud, ground, members, rays, above, observed.box, *rule, cfg)) continue;
    const ClassDef* prior = ontology.find(rule->className);
    FitResult fit = prior ? fitBoxToPoints(cloud, members, &ground, config.fit, prior) : observed;
    if (!fit.ok) fit = observed;
    if (fit.confidence < config.minConfidence) continue;
    int heading = 0;  // +1 keep, -1 turn by pi, 0 undecided (traffic_side.h, object_cues.h)
    if (prior && followsTraffic(*prior)) heading = headingFromTraffic(fit.box, config.traffic);
    if (heading == 0 && config.headingFromShape &&
        (rule->className == "car" || rule->className == "van"))
      heading = headingFromProfile(cloud, ground, members, fit.box);
    if (heading < 0) fit.box.yaw = wrapAngle(fit.box.yaw + std::numbers::pi);
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

// A track that moves faster than minSpeed heads where it goes: its yaw (world frame, and the
// boxes of this step) is turned by pi when it points against the velocity.
void headingFromMotion(TrackerState& tracker, std::vector<ObjectAnnotation>& objects,
                       double minSpeed) {
  for (Track& t : tracker.tracks) {
    const Eigen::Vector2d v = t.filter.velocity().head<2>();
    if (t.hits < 3 || v.norm() < minSpeed) continue;
    if (std::abs(angleDiff(std::atan2(v.y(), v.x()), t.filter.yaw())) <= std::numbers::pi / 2)
      continue;
    t.filter.x(3) = wrapAngle(t.filter.x(3) + std::numbers::pi);
    for (ObjectAnnotation& o : objects)
      if (o.trackId == t.id) o.box.yaw = wrapAngle(o.box.yaw + std::numbers::pi);
  }
}

// One heading per track, decided over the whole sequence (world frame): a track whose centre
// moves at least minTravel metres from its first to its last box heads that way (pedestrians,
// whose round bodies give the fit no yaw, take the direction of travel as their yaw; vehicles
// and cyclists are turned by pi where they point against it); a track that stays put takes
// the heading most of its boxes agree on (ties: its first box's).
void orientTracks(Sequence& out, double minTravel) {
  struct Box {
    std::size_t frame, index;
    Eigen::Vector2d centre, heading;  // world frame
  };
  std::map<std::uint32_t, std::vector<Box>> tracks;
  std::vector<Eigen::Isometry3d> poses;
  for (std::size_t f = 0; f < out.frames.size(); ++f) {
    poses.push_back(egoPoseOf(out, f));
    const auto& objs = out.frames[f].objects;
    for (std::size_t i = 0; i < objs.size(); ++i) {
      const Cuboid& b = objs[i].box;
      const Eigen::Vector3d c = poses[f] * b.center;
      const Eigen::Vector3d h =
          poses[f].linear() * Eigen::Vector3d(std::cos(b.yaw), std::sin(b.yaw), 0);
      tracks[objs[i].trackId].push_back({f, i, c.head<2>(), h.head<2>()});
    }
  }
  for (auto& [id, boxes] : tracks) {
    const Eigen::Vector2d travel = boxes.back().centre - boxes.front().centre;
    const bool moving = boxes.size() >= 3 && travel.norm() >= minTravel;
    Eigen::Vector2d want = boxes.front().heading;
    if (moving) {
      want = travel.normalized();
    } else {
      int agree = 0;
      for (const Box& b : boxes) agree += b.heading.dot(want) >= 0 ? 1 : -1;
      if (agree < 0) want = -want;
    }
    for (const Box& b : boxes) {
      ObjectAnnotation& o = out.frames[b.frame].objects[b.index];
      if (moving && o.className == "pedestrian") {
        const Eigen::Vector3d local =
            poses[b.frame].linear().transpose() * Eigen::Vector3d(want.x(), want.y(), 0.0);
        o.box.yaw = std::atan2(local.y(), local.x());
      } else if (b.heading.dot(want) < 0) {
        o.box.yaw = wrapAngle(o.box.yaw + std::numbers::pi);
      }
    }
  }
}

// One size per track (TrackerConfig::sizeFromDetections): every box of a track takes the size
// the track ended with, the faces the sensor saw kept in place.
void sizeTracks(Sequence& out, const std::map<std::uint32_t, Eigen::Vector3d>& finalSize,
                const Eigen::Vector3d& sensor) {
  for (Frame& frame : out.frames)
    for (ObjectAnnotation& o : frame.objects) {
      const auto it = finalSize.find(o.trackId);
      if (it != finalSize.end()) o.box = resizeKeepingSeenFaces(o.box, it->second, sensor);
    }
}
}  // namespace

double frameTime(const Sequence& s, std::size_t f, double dt) {
  const auto t0 = s.frames.front().info.timestampUs, t = s.frames[f].info.timestampUs;
  if (t0 != 0 && (f == 0 || t > t0)) return static_cast<double>(t - t0) * 1e-6;
  return static_cast<double>(f) * dt;
}

Sequence prelabelSequence(const Sequence& sequence, const SweepLoader& load,
                          const Ontology& ontology, const PrelabelConfig& config,
                          PrelabelStats* stats,
                          const std::function<void(std::size_t, std::size_t)>& progress) {
  const auto start = std::chrono::steady_clock::now();
  Sequence out = sequence;
  TrackerState tracker;
  std::set<std::uint32_t> ids;
  std::map<std::uint32_t, std::vector<std::pair<std::size_t, ObjectAnnotation>>> pending;
  std::map<std::uint32_t, Eigen::Vector3d> finalSize;  // per track, its latest size
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
    for (const Track& t : tracker.tracks) finalSize[t.id] = t.size;
    // Offline: a track's boxes from before its confirmation are kept aside and written back
    // into their frames once it is confirmed; tracks that never are leave nothing.
    for (ObjectAnnotation& o : step.tentative) pending[o.trackId].emplace_back(f, std::move(o));
    for (const ObjectAnnotation& o : step.objects) {
      const auto it = pending.find(o.trackId);
      if (it == pending.end()) continue;
      for (auto& [pf, po] : it->second) {
        po.provenance = Provenance::Automatic;
        po.review = ReviewState::Unreviewed;
        out.frames[pf].objects.push_back(std::move(po));
        ids.insert(o.trackId);
        ++boxes;
      }
      pending.erase(it);
    }
    for (std::uint32_t id : step.removedTracks) pending.erase(id);
    headingFromMotion(tracker, step.objects, config.minHeadingSpeed);
    for (ObjectAnnotation& o : step.objects) {
      o.provenance = Provenance::Automatic;
      o.review = ReviewState::Unreviewed;
      ids.insert(o.trackId);
    }
    boxes += step.objects.size();
    out.frames[f].objects = std::move(step.objects);
    if (progress) progress(f + 1, n);
  }
  if (config.tracker.sizeFromDetections) sizeTracks(out, finalSize, config.fit.sensorOrigin);
  if (config.orientTracks) orientTracks(out, config.minTravel);
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
