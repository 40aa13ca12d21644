#include "lidarlabel/core/tracking.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>
#include <thread>

#include "lidarlabel/core/assignment.h"
#include "lidarlabel/core/box_iou.h"
#include "lidarlabel/core/clustering.h"
#include "lidarlabel/core/interpolation.h"
#include "lidarlabel/core/points_in_box.h"

namespace lidarlabel {

namespace {
Eigen::Vector4d poseOf(const Cuboid& world) {
  return {world.center.x(), world.center.y(), world.center.z(), world.yaw};
}

Cuboid boxOf(const Track& t) {
  Cuboid b;
  b.center = t.filter.position();
  b.yaw = t.filter.yaw();
  b.size = t.size;
  b.pitch = t.boxPitch;
  b.roll = t.boxRoll;
  return b;
}

Track makeTrack(const ObjectAnnotation& o, std::uint32_t id, const Cuboid& world,
                const TrackFilterConfig& fc) {
  Track t;
  t.id = id;
  t.className = o.className;
  t.attributes = o.attributes;
  t.size = o.box.size;
  t.sizeSamples.push_back({o.box.size, o.confidence});
  t.boxPitch = o.box.pitch;
  t.boxRoll = o.box.roll;
  t.filter = initTrackFilter(poseOf(world), fc);
  t.confidence = o.confidence;
  return t;
}

Cuboid grown(const Cuboid& b, double margin) {
  Cuboid g = b;
  g.size += Eigen::Vector3d(2 * margin, 2 * margin, 0.5);
  return g;
}

// Points usable for re-fitting box b: non-ground and above the ground band (or, without a ground
// result, above the lowest 0.2 m of the box).
std::vector<std::uint32_t> usablePoints(const std::vector<std::uint32_t>& candidates,
                                        const PointCloud& cloud, const GroundResult* ground,
                                        const Cuboid& b, double minHeight) {
  std::vector<std::uint32_t> out;
  out.reserve(candidates.size());
  const double floorZ = b.center.z() - b.size.z() / 2 + 0.2;
  for (std::uint32_t i : candidates) {
    if (ground != nullptr && i < ground->isGround.size()) {
      if (ground->isGround[i]) continue;
      const float gh = ground->groundHeight[i];
      if (std::isfinite(gh) && cloud.z[i] - gh < minHeight) continue;
    } else if (cloud.z[i] < floorZ) {
      continue;
    }
    out.push_back(i);
  }
  return out;
}

// Cost of pairing a track box with a detection: 1 - IoU3d when they overlap, else 1 + d / dmax.
double pairCost(const Cuboid& a, const Cuboid& b, const TrackerConfig& c) {
  const double iou = iou3d(a, b);
  if (iou >= c.minAssociationIoU) return 1.0 - iou;
  const double d = (a.center.head<2>() - b.center.head<2>()).norm();
  return 1.0 + d / c.maxAssociationDistance;
}

// Every k-th index so that at most maxCount remain (all when maxCount is 0 or not exceeded).
std::vector<std::uint32_t> thinned(std::vector<std::uint32_t> idx, std::size_t maxCount) {
  if (maxCount == 0 || idx.size() <= maxCount) return idx;
  std::vector<std::uint32_t> out;
  out.reserve(maxCount);
  const double step = static_cast<double>(idx.size()) / static_cast<double>(maxCount);
  for (std::size_t k = 0; k < maxCount; ++k)
    out.push_back(idx[static_cast<std::size_t>(static_cast<double>(k) * step)]);
  return out;
}

// How far p lies outside box b (0 inside), metres, plus a tiny centre-distance tie-break.
double outsideDistance(const Cuboid& b, const Eigen::Matrix3d& rt, const Eigen::Vector3d& p) {
  const Eigen::Vector3d local = rt * (p - b.center);
  const Eigen::Vector3d out = (local.cwiseAbs() - b.size / 2).cwiseMax(0.0);
  return out.norm() + 1e-3 * local.norm();
}

// Per track, the gathered points it owns. A point in several search regions goes to the track
// whose predicted box it lies in (or is nearest to, measured from the box surface), so the side of
// a parked car does not feed the cyclist riding past it.
std::vector<std::vector<std::uint32_t>> splitSharedPoints(const PointsInBoxResult& inside,
                                                          const std::vector<Cuboid>& predicted,
                                                          const PointCloud& cloud) {
  std::vector<std::uint8_t> count(cloud.size(), 0);
  bool shared = false;
  for (const auto& list : inside.indices)
    for (std::uint32_t i : list) {
      shared |= count[i] == 1;
      count[i] = static_cast<std::uint8_t>(std::min(count[i] + 1, 2));
    }
  std::vector<float> bestD;
  std::vector<std::int32_t> bestK;
  if (shared) {
    bestD.assign(cloud.size(), std::numeric_limits<float>::infinity());
    bestK.assign(cloud.size(), -1);
    for (std::size_t k = 0; k < inside.indices.size(); ++k) {
      const Eigen::Matrix3d rt = predicted[k].rotation().transpose();
      for (std::uint32_t i : inside.indices[k]) {
        if (count[i] < 2) continue;
        const float d = static_cast<float>(
            outsideDistance(predicted[k], rt, Eigen::Vector3d(cloud.x[i], cloud.y[i], cloud.z[i])));
        if (d < bestD[i]) {
          bestD[i] = d;
          bestK[i] = static_cast<std::int32_t>(k);
        }
      }
    }
  }
  std::vector<std::vector<std::uint32_t>> owned(inside.indices.size());
  for (std::size_t k = 0; k < inside.indices.size(); ++k)
    for (std::uint32_t i : inside.indices[k])
      if (count[i] < 2 || bestK[i] == static_cast<std::int32_t>(k)) owned[k].push_back(i);
  return owned;
}

// BEV connected components of a track's few hundred points, with exactly the cells, reach and
// vertical-gap rule of clusterPoints (cellSize 0.25 m, cellGap 2, default gapPerMetre and
// maxVerticalGap), but without hash maps: the occupied cells are sorted and neighbours found by
// a sweep along x. Scratch buffers are per thread and reused across tracks.
struct SmallClusterScratch {
  struct Cell {
    std::int64_t cx, cy;
    float zmin, zmax;
    int reach;
  };
  std::vector<std::pair<std::pair<std::int64_t, std::int64_t>, std::uint32_t>> keyed;  // cell, k
  std::vector<std::uint32_t> pointCell;  // per kept point
  std::vector<std::uint32_t> kept;       // cloud indices of the finite points
  std::vector<char> near;                // per kept point: inside the grown prediction
  std::vector<Cell> cells;
  std::vector<std::uint32_t> parent;
  std::vector<std::uint32_t> size, minIndex;
  std::vector<char> touches;
};

std::uint32_t findRoot(std::vector<std::uint32_t>& parent, std::uint32_t a) {
  while (parent[a] != a) a = parent[a] = parent[parent[a]];
  return a;
}

// The gathered points that belong to the predicted object: BEV clusters with at least one point
// inside the predicted box (grown by 0.5 m). A pole or bush beside a pedestrian, or the kerb-side
// hedge along a parked car, is its own cluster and is dropped. When the largest cluster does not
// touch the box (the object moved more than predicted), all points are kept.
std::vector<std::uint32_t> connectedToBox(std::vector<std::uint32_t> idx, const PointCloud& cloud,
                                          const Cuboid& box) {
  if (idx.size() < 2) return idx;
  thread_local SmallClusterScratch s;
  // Same arithmetic as clusterPoints for ClusterConfig{cellSize 0.25, cellGap 2}.
  const ClusterConfig cc = [] {
    ClusterConfig c;
    c.cellSize = 0.25f;
    c.cellGap = 2;
    return c;
  }();
  bool allNear = true;
  s.kept.clear();
  s.near.clear();
  s.keyed.clear();
  const float inv = 1.f / std::max(cc.cellSize, 1e-3f);
  // box.contains(p, 0.5), with the rotation computed once.
  const Eigen::Matrix3d rt = box.rotation().transpose();
  const Eigen::Vector3d h = box.size / 2.0 + Eigen::Vector3d::Constant(0.5);
  for (std::uint32_t i : idx) {
    const Eigen::Vector3d local =
        rt * (Eigen::Vector3d(cloud.x[i], cloud.y[i], cloud.z[i]) - box.center);
    const bool in = std::abs(local.x()) <= h.x() && std::abs(local.y()) <= h.y() &&
                    std::abs(local.z()) <= h.z();
    allNear = allNear && in;
    if (i >= cloud.size() || !std::isfinite(cloud.x[i]) || !std::isfinite(cloud.y[i]) ||
        !std::isfinite(cloud.z[i]))
      continue;
    const auto gx = static_cast<std::int64_t>(std::floor(cloud.x[i] * inv));
    const auto gy = static_cast<std::int64_t>(std::floor(cloud.y[i] * inv));
    s.keyed.push_back({{gx, gy}, static_cast<std::uint32_t>(s.kept.size())});
    s.kept.push_back(i);
    s.near.push_back(in ? 1 : 0);
  }
  if (allNear) return idx;  // every cluster touches the box: nothing to drop
  const std::size_t n = s.kept.size();
  if (n == 0) return idx;  // clusterPoints would find no cluster
  // Occupied cells, sorted by (cx, cy).
  std::sort(s.keyed.begin(), s.keyed.end());
  s.cells.clear();
  s.pointCell.assign(n, 0);
  const float cell = 1.f / inv;
  int maxReach = 0;
  for (std::size_t k = 0; k < n; ++k) {
    const auto& [key, pk] = s.keyed[k];
    const float z = cloud.z[s.kept[pk]];
    if (k == 0 || key != s.keyed[k - 1].first) {
      const float range = std::hypot((static_cast<float>(key.first) + 0.5f) * cell,
                                     (static_cast<float>(key.second) + 0.5f) * cell);
      const int g = std::max(std::max(0, cc.cellGap),
                             static_cast<int>(std::lround(range * cc.gapPerMetre / cell)));
      maxReach = std::max(maxReach, g);
      s.cells.push_back({key.first, key.second, z, z, g});
    }
    auto& c = s.cells.back();
    c.zmin = std::min(c.zmin, z);
    c.zmax = std::max(c.zmax, z);
    s.pointCell[pk] = static_cast<std::uint32_t>(s.cells.size() - 1);
  }
  const std::size_t m = s.cells.size();
  s.parent.resize(m);
  for (std::uint32_t c = 0; c < m; ++c) s.parent[c] = c;
  // Cells a and b are joined when either one reaches the other (Chebyshev distance within its
  // reach) and their z ranges are within maxVerticalGap: the union clusterPoints builds.
  for (std::size_t a = 0; a < m; ++a) {
    const auto& ca = s.cells[a];
    for (std::size_t b = a + 1; b < m; ++b) {
      const auto& cb = s.cells[b];
      const std::int64_t dx = cb.cx - ca.cx;  // >= 0, cells sorted by cx
      if (dx > maxReach) break;
      const std::int64_t dy = cb.cy > ca.cy ? cb.cy - ca.cy : ca.cy - cb.cy;
      const std::int64_t d = std::max(dx, dy);
      if (d > std::max(ca.reach, cb.reach)) continue;
      const float gap = std::max(ca.zmin, cb.zmin) - std::min(ca.zmax, cb.zmax);
      if (gap > cc.maxVerticalGap) continue;
      const std::uint32_t ra = findRoot(s.parent, static_cast<std::uint32_t>(a));
      const std::uint32_t rb = findRoot(s.parent, static_cast<std::uint32_t>(b));
      if (ra != rb) s.parent[std::max(ra, rb)] = std::min(ra, rb);
    }
  }
  // Per cluster (root cell): size, smallest cloud index, touches the box.
  s.size.assign(m, 0);
  s.minIndex.assign(m, std::numeric_limits<std::uint32_t>::max());
  s.touches.assign(m, 0);
  std::size_t clusters = 0;
  for (std::size_t k = 0; k < n; ++k) {
    const std::uint32_t r = findRoot(s.parent, s.pointCell[k]);
    if (s.size[r]++ == 0) ++clusters;
    s.minIndex[r] = std::min(s.minIndex[r], s.kept[k]);
    s.touches[r] |= s.near[k];
  }
  if (clusters < 2) return idx;
  // The largest cluster (ties: the one with the smallest index, as clusterPoints orders them).
  std::uint32_t biggest = 0;
  bool first = true;
  for (std::uint32_t c = 0; c < m; ++c) {
    if (s.size[c] == 0) continue;
    if (first || s.size[c] > s.size[biggest] ||
        (s.size[c] == s.size[biggest] && s.minIndex[c] < s.minIndex[biggest])) {
      biggest = c;
      first = false;
    }
  }
  if (!s.touches[biggest]) return idx;  // the biggest part is off the prediction: keep all
  std::vector<std::uint32_t> keep;
  keep.reserve(n);
  for (std::size_t k = 0; k < n; ++k)
    if (s.touches[findRoot(s.parent, s.pointCell[k])]) keep.push_back(s.kept[k]);
  if (!std::is_sorted(keep.begin(), keep.end())) std::sort(keep.begin(), keep.end());
  return keep;
}

// TrackerConfig::sizeFromDetections: a matched detection's size joins the track's samples; when
// the track's size changes, its box keeps the faces the sensor (world frame) sees in place.
void addSizeSample(Track& t, const ObjectAnnotation& d, double trackYaw,
                   const Eigen::Vector3d& sensor, const TrackerConfig& c) {
  const double off = std::abs(angleDiff(d.box.yaw, trackYaw));  // 0..pi
  if (d.className != t.className || std::min(off, std::numbers::pi - off) > c.sizeMaxYawOff) return;
  auto& v = t.sizeSamples;
  if (v.size() < std::max<std::size_t>(c.maxSizeSamples, 1)) {
    v.push_back({d.box.size, d.confidence});
  } else {  // full: the new view replaces the lightest one if it weighs more
    auto lightest = std::min_element(
        v.begin(), v.end(), [](const auto& a, const auto& b) { return a.weight < b.weight; });
    if (lightest->weight >= d.confidence) return;
    *lightest = {d.box.size, d.confidence};
  }
  const auto size = weightedQuantileSize(t.sizeSamples, c.sizeQuantile);
  if (!size || size->isApprox(t.size)) return;
  t.filter.x.head<3>() = resizeKeepingSeenFaces(boxOf(t), *size, sensor).center;
  t.size = *size;
}

void addUnique(std::vector<std::uint32_t>& v, std::uint32_t id) {
  if (std::find(v.begin(), v.end(), id) == v.end()) v.push_back(id);
}
}  // namespace

TrackerState startTracks(const std::vector<ObjectAnnotation>& objects,
                         const Eigen::Isometry3d& egoPose, double time,
                         const TrackerConfig& config) {
  TrackerState s;
  s.time = time;
  for (const ObjectAnnotation& o : objects) s.nextId = std::max(s.nextId, o.trackId + 1);
  for (const ObjectAnnotation& o : objects) {
    const std::uint32_t id = o.trackId != 0 ? o.trackId : s.nextId++;
    s.tracks.push_back(makeTrack(o, id, transformBox(o.box, egoPose), config.filter));
  }
  return s;
}

void calibrateTracks(TrackerState& state, const PointCloud& cloud, const GroundResult* ground,
                     const Eigen::Isometry3d& egoPose, const TrackerConfig& config,
                     double maxBias) {
  const Eigen::Isometry3d worldToLidar = egoPose.inverse();
  for (Track& t : state.tracks) {
    t.fitBias.setZero();
    const Cuboid truth = transformBox(boxOf(t), worldToLidar);
    const FitResult r = refitBox(truth, cloud, ground, config);
    if (!r.ok) continue;
    const Eigen::Vector3d d = r.box.center - truth.center;
    if (d.head<2>().norm() > maxBias) continue;
    const double c = std::cos(truth.yaw), s = std::sin(truth.yaw);
    t.fitBias << c * d.x() + s * d.y(), -s * d.x() + c * d.y(), d.z(),
        angleDiff(alignYaw(r.box.yaw, truth.yaw), truth.yaw);
  }
}

FitResult refitBox(const Cuboid& box, const PointCloud& cloud, const GroundResult* ground,
                   const TrackerConfig& config) {
  const std::vector<std::uint32_t> near = indicesInBox(cloud, grown(box, config.searchMargin), 0.f);
  const auto idx = thinned(usablePoints(near, cloud, ground, box, config.minHeightAboveGround),
                           config.maxRefitPoints);
  if (idx.size() < config.minRefitPoints) return {};
  FitHint hint;
  hint.size = box.size;
  hint.yaw = box.yaw;
  hint.yawWindow = config.refitYawWindow;
  FitResult r = fitBoxToPoints(cloud, idx, ground, config.fit, nullptr, hint);
  if (r.ok && (r.box.center.head<2>() - box.center.head<2>()).norm() > config.maxJump) r.ok = false;
  return r;
}

TrackStepResult trackNextFrame(const TrackerState& state, const TrackFrame& frame,
                               const TrackerConfig& config) {
  TrackStepResult out;
  out.state = state;
  std::vector<Track>& tracks = out.state.tracks;
  const double time = frame.time >= 0 ? frame.time : state.time + config.defaultDt;
  const double dt = std::max(0.0, time - state.time);
  out.state.time = time;
  const Eigen::Isometry3d worldToLidar = frame.egoPose.inverse();
  const PointCloud& cloud = *frame.cloud;

  // 1. Predict; predicted boxes in this sweep's LiDAR frame.
  std::vector<Cuboid> predicted;
  for (Track& t : tracks) {
    t.filter = predictTrack(t.filter, dt, config.filter);
    predicted.push_back(transformBox(boxOf(t), worldToLidar));
  }

  // 2. Gather points per track in one pass (nearest predicted centre owns shared points).
  std::vector<Cuboid> search;
  for (const Cuboid& p : predicted) search.push_back(grown(p, config.searchMargin));
  PointsInBoxConfig pib;
  pib.nearbyMargin = 0.f;
  pib.threads = std::max(1, config.threads);
  const PointsInBoxResult inside = pointsInBoxes(cloud, search, pib);

  const std::vector<std::vector<std::uint32_t>> owned = splitSharedPoints(inside, predicted, cloud);

  // 3. Re-fit each track to its points (independent per track: split over the threads).
  std::vector<FitResult> fits(tracks.size());
  std::vector<char> measured(tracks.size(), 0);
  auto refitRange = [&](std::size_t begin, std::size_t end) {
    for (std::size_t k = begin; k < end; ++k) {
      std::vector<std::uint32_t> own =
          usablePoints(owned[k], cloud, frame.ground, predicted[k], config.minHeightAboveGround);
      if (own.size() < config.minRefitPoints) continue;
      own = connectedToBox(thinned(std::move(own), config.maxRefitPoints), cloud, predicted[k]);
      FitHint hint;
      hint.size = tracks[k].size;
      hint.yaw = predicted[k].yaw;
      hint.yawWindow = config.refitYawWindow;
      fits[k] = fitBoxToPoints(cloud, own, frame.ground, config.fit, nullptr, hint);
      if (!fits[k].ok) continue;
      fits[k].box.yaw = alignYaw(fits[k].box.yaw, predicted[k].yaw);
      if ((fits[k].box.center.head<2>() - predicted[k].center.head<2>()).norm() > config.maxJump)
        continue;
      measured[k] = 1;
    }
  };
  const std::size_t workers = std::min<std::size_t>(
      static_cast<std::size_t>(std::max(1, config.threads)), tracks.size() / 8 + 1);
  std::vector<std::thread> pool;
  for (std::size_t w = 1; w < workers; ++w)
    pool.emplace_back(refitRange, tracks.size() * w / workers, tracks.size() * (w + 1) / workers);
  refitRange(0, tracks.size() / workers);
  for (std::thread& t : pool) t.join();

  // Tracks whose boxes overlap each other are competing for the same points.
  for (std::size_t a = 0; a < tracks.size(); ++a)
    for (std::size_t b = a + 1; b < tracks.size(); ++b) {
      const Cuboid& ba = measured[a] ? fits[a].box : predicted[a];
      const Cuboid& bb = measured[b] ? fits[b].box : predicted[b];
      if (bevIoU(ba, bb) > config.ambiguousOverlap) {
        addUnique(out.ambiguousTracks, tracks[a].id);
        addUnique(out.ambiguousTracks, tracks[b].id);
      }
    }

  // 4. Associate with detections.
  const auto& dets = frame.detections;
  std::vector<int> detOfTrack(tracks.size(), -1);
  std::vector<char> detUsed(dets.size(), 0);
  if (!dets.empty() && !tracks.empty()) {
    Eigen::MatrixXd cost(tracks.size(), dets.size());
    for (std::size_t k = 0; k < tracks.size(); ++k)
      for (std::size_t d = 0; d < dets.size(); ++d)
        cost(k, d) = pairCost(measured[k] ? fits[k].box : predicted[k], dets[d].box, config);
    detOfTrack = solveGatedAssignment(cost, 2.0);
    for (std::size_t k = 0; k < tracks.size(); ++k) {
      if (detOfTrack[k] < 0) continue;
      detUsed[detOfTrack[k]] = 1;
      int close = 0;
      for (std::size_t d = 0; d < dets.size(); ++d)
        if (cost(k, d) <= 2.0 && cost(k, d) - cost(k, detOfTrack[k]) < config.ambiguityMargin)
          ++close;
      if (close > 1) addUnique(out.ambiguousTracks, tracks[k].id);
    }
  }

  // 5. Update, coast, remove.
  std::vector<Track> kept;
  for (std::size_t k = 0; k < tracks.size(); ++k) {
    Track t = tracks[k];
    const Cuboid* meas = measured[k] ? &fits[k].box : nullptr;
    float conf = measured[k] ? fits[k].confidence : 0.f;
    if (meas == nullptr && detOfTrack[k] >= 0) {
      meas = &dets[detOfTrack[k]].box;
      conf = dets[detOfTrack[k]].confidence;
    }
    if (meas != nullptr) {
      const double n = measured[k] ? static_cast<double>(fits[k].clusterIndices.size()) : 30.0;
      const double scale = std::clamp(std::sqrt(30.0 / std::max(n, 1.0)), 1.0, 3.0);
      Cuboid m = *meas;
      if (measured[k]) {  // the re-fit's known bias on this object (calibrateTracks)
        const double c = std::cos(m.yaw), s = std::sin(m.yaw);
        const Eigen::Vector4d& b = t.fitBias;
        m.center -= Eigen::Vector3d(c * b(0) - s * b(1), s * b(0) + c * b(1), b(2));
        m.yaw = wrapAngle(m.yaw - b(3));
      }
      const Cuboid w = transformBox(m, frame.egoPose);
      t.filter = updateTrack(t.filter, poseOf(w), config.filter, scale);
      if (config.sizeFromDetections && detOfTrack[k] >= 0)
        addSizeSample(t, dets[static_cast<std::size_t>(detOfTrack[k])], predicted[k].yaw,
                      frame.egoPose * config.fit.sensorOrigin, config);
      t.hits++;
      t.missed = 0;
      t.confidence = conf;
      t.sinceDetection = detOfTrack[k] >= 0 ? 0 : t.sinceDetection + 1;
      if (config.maxFramesWithoutDetection > 0 &&
          t.sinceDetection > config.maxFramesWithoutDetection) {
        out.removedTracks.push_back(t.id);  // only re-fits to leftovers: static structure
        continue;
      }
      ObjectAnnotation o;
      o.trackId = t.id;
      o.className = t.className;
      o.attributes = t.attributes;
      o.box = transformBox(boxOf(t), worldToLidar);
      o.provenance = Provenance::Tracked;
      o.confidence = conf;
      (t.hits < config.confirmHits ? out.tentative : out.objects).push_back(std::move(o));
    } else {
      t.missed++;
      t.sinceDetection++;
      out.lostTracks.push_back(t.id);
      if (t.missed > config.maxCoastFrames || t.hits < config.confirmHits) {
        out.removedTracks.push_back(t.id);
        continue;
      }
    }
    kept.push_back(std::move(t));
  }
  for (std::size_t d = 0; d < dets.size(); ++d) {
    if (detUsed[d]) continue;
    const std::uint32_t id = out.state.nextId++;
    kept.push_back(makeTrack(dets[d], id, transformBox(dets[d].box, frame.egoPose), config.filter));
    out.newTracks.push_back(id);
    ObjectAnnotation o = dets[d];
    o.trackId = id;
    o.provenance = Provenance::Automatic;
    (config.confirmHits > 1 ? out.tentative : out.objects).push_back(std::move(o));
  }
  tracks = std::move(kept);
  return out;
}

}  // namespace lidarlabel
