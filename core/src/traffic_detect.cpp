#include "lidarlabel/core/traffic_detect.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <map>
#include <vector>

#include "lidarlabel/core/interpolation.h"

namespace lidarlabel {

namespace {
struct Seen {
  std::size_t frame;
  Eigen::Vector3d lidar;  // box centre, LiDAR frame of its sweep
  Eigen::Vector3d world;  // box centre, world frame
};

// +1: the track is oncoming and passes on the ego's left (right-hand traffic); -1: on its right;
// 0: no vote.
int voteOf(const Sequence& s, const std::vector<Seen>& boxes, const TrafficDetectConfig& c) {
  if (boxes.size() < 3) return 0;
  const Eigen::Vector3d travel = boxes.back().world - boxes.front().world;
  const double span = frameTime(s, boxes.back().frame, c.defaultDt) -
                      frameTime(s, boxes.front().frame, c.defaultDt);
  const double dist = travel.head<2>().norm();
  if (dist < c.minTravel || span <= 0.0 || dist / span < c.minSpeed) return 0;
  const Seen& mid = boxes[boxes.size() / 2];
  const Eigen::Vector3d egoX = egoPoseOf(s, mid.frame).linear().col(0);
  const Eigen::Vector2d ego = egoX.head<2>().normalized();
  if (travel.head<2>().normalized().dot(ego) > -c.minOpposite) return 0;
  const Seen* passing = &boxes.front();
  for (const Seen& b : boxes)
    if (std::abs(b.lidar.x()) < std::abs(passing->lidar.x())) passing = &b;
  if (std::abs(passing->lidar.y()) < c.minOffset) return 0;
  return passing->lidar.y() > 0 ? 1 : -1;
}
}  // namespace

TrafficVotes trafficFromTracks(const Sequence& sequence, const Ontology& ontology,
                               const TrafficDetectConfig& config) {
  TrafficVotes v;
  // Without ego poses a parked car seen from a moving vehicle looks oncoming: no vote at all.
  for (const Frame& f : sequence.frames)
    if (!f.info.egoPose) return v;
  std::map<std::uint32_t, std::vector<Seen>> tracks;  // frames in order
  for (std::size_t f = 0; f < sequence.frames.size(); ++f) {
    const Eigen::Isometry3d pose = egoPoseOf(sequence, f);
    for (const ObjectAnnotation& o : sequence.frames[f].objects) {
      const ClassDef* cls = ontology.find(o.className);
      if (o.trackId == 0 || cls == nullptr || !followsTraffic(*cls)) continue;
      tracks[o.trackId].push_back({f, o.box.center, pose * o.box.center});
    }
  }
  for (const auto& [id, boxes] : tracks) {
    const int vote = voteOf(sequence, boxes, config);
    v.right += vote > 0;
    v.left += vote < 0;
  }
  const std::size_t total = v.right + v.left;
  if (total >= config.minVotes && total > 0) {
    const double share = static_cast<double>(std::max(v.right, v.left)) / total;
    if (share >= config.minAgreement)
      v.side = v.right >= v.left ? TrafficSide::Right : TrafficSide::Left;
  }
  return v;
}

Sequence prelabelDetectingTraffic(const Sequence& sequence, const SweepLoader& load,
                                  const Ontology& ontology, const PrelabelConfig& config,
                                  PrelabelStats* stats, TrafficVotes* votes,
                                  const std::function<void(std::size_t, std::size_t)>& progress,
                                  const TrafficDetectConfig& detect) {
  if (config.traffic.side == TrafficSide::Off)  // no road-side rule asked for: nothing to decide
    return prelabelSequence(sequence, load, ontology, config, stats, progress);
  PrelabelStats first;
  Sequence out = prelabelSequence(sequence, load, ontology, config, &first, progress);
  const TrafficVotes v = trafficFromTracks(out, ontology, detect);
  if (votes != nullptr) *votes = v;
  if (v.side && *v.side != config.traffic.side) {
    PrelabelConfig again = config;
    again.traffic.side = *v.side;
    PrelabelStats second;
    out = prelabelSequence(sequence, load, ontology, again, &second, progress);
    second.seconds += first.seconds;
    first = second;
  }
  if (v.side) out.metadata[kTrafficSideKey] = trafficSideName(*v.side);
  if (stats != nullptr) *stats = first;
  return out;
}

}  // namespace lidarlabel
