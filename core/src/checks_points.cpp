// The points family of the label checks: boxes against the frame's sweep and per-point labels
// (core/checks.h).
#include <algorithm>
#include <cmath>
#include <map>
#include <unordered_map>

#include "checks_internal.h"
#include "lidarlabel/core/points_in_box.h"

namespace lidarlabel {

using namespace checks_detail;

namespace {

struct PointsContext {
  const Frame& frame;
  std::size_t f;
  const PointCloud& cloud;
  const Ontology& ontology;
  const CheckConfig& config;
  std::vector<Finding>& out;

  Finding& add(const char* id, Severity s, std::vector<std::uint32_t> tracks, std::string msg) {
    Finding x;
    x.check = id;
    x.severity = s;
    x.frame = static_cast<long long>(f);
    x.trackIds = std::move(tracks);
    x.message = std::move(msg);
    out.push_back(std::move(x));
    return out.back();
  }
  void attachPoints(Finding& x, const std::vector<std::uint32_t>& points) const {
    x.pointCount = points.size();
    x.points.assign(
        points.begin(),
        points.begin() + static_cast<long>(std::min(points.size(), config.maxPointsPerFinding)));
  }
  Eigen::Vector3d point(std::uint32_t i) const { return {cloud.x[i], cloud.y[i], cloud.z[i]}; }
};

void tooFewPoints(PointsContext& c, const PointsInBoxResult& in) {
  if (skipped(c.config, "too-few-points")) return;
  for (std::size_t b = 0; b < c.frame.objects.size(); ++b) {
    const ObjectAnnotation& o = c.frame.objects[b];
    const int min = thresholdsFor(c.ontology, o.className).minPoints;
    if (min > 0 && in.insideCount[b] < static_cast<std::uint32_t>(min))
      c.add("too-few-points", Severity::Warning, {o.trackId},
            format("%s %u holds %u points (at least %d expected)", o.className.c_str(), o.trackId,
                   in.insideCount[b], min));
  }
}

// Floating / sunk: the box's bottom face against the median height of the ground points found
// within groundSearchMargin of its footprint.
void groundContact(PointsContext& c) {
  const bool floating = !skipped(c.config, "floating"), sunk = !skipped(c.config, "sunk");
  if (!c.config.groundChecks || (!floating && !sunk) || c.frame.objects.empty()) return;
  const GroundResult ground = removeGround(c.cloud, c.config.ground);
  constexpr double kCell = 1.0;
  auto key = [](std::int64_t x, std::int64_t y) { return (x << 32) ^ (y & 0xffffffff); };
  std::unordered_map<std::int64_t, std::vector<std::uint32_t>> grid;
  for (std::uint32_t i = 0; i < c.cloud.size(); ++i)
    if (ground.isGround[i])
      grid[key(static_cast<std::int64_t>(std::floor(c.cloud.x[i] / kCell)),
               static_cast<std::int64_t>(std::floor(c.cloud.y[i] / kCell)))]
          .push_back(i);
  const double m = c.config.groundSearchMargin;
  for (const ObjectAnnotation& o : c.frame.objects) {
    const Cuboid& b = o.box;
    if (!b.center.allFinite() || !b.size.allFinite()) continue;
    const double r = 0.5 * b.size.head<2>().norm() + m;
    const Eigen::Isometry3d toBox = b.pose().inverse();
    std::vector<double> z;
    for (auto cx = static_cast<std::int64_t>(std::floor((b.center.x() - r) / kCell));
         cx <= static_cast<std::int64_t>(std::floor((b.center.x() + r) / kCell)); ++cx)
      for (auto cy = static_cast<std::int64_t>(std::floor((b.center.y() - r) / kCell));
           cy <= static_cast<std::int64_t>(std::floor((b.center.y() + r) / kCell)); ++cy) {
        const auto it = grid.find(key(cx, cy));
        if (it == grid.end()) continue;
        for (std::uint32_t i : it->second) {
          const Eigen::Vector3d local = toBox * c.point(i);
          // Points inside the box are the object's own (its lowest returns can pass for ground).
          if (std::abs(local.x()) <= 0.5 * b.size.x() + m &&
              std::abs(local.y()) <= 0.5 * b.size.y() + m && !b.contains(c.point(i)))
            z.push_back(c.cloud.z[i]);
        }
      }
    if (static_cast<int>(z.size()) < c.config.minGroundPoints) continue;
    std::nth_element(z.begin(), z.begin() + static_cast<long>(z.size() / 2), z.end());
    const double gap = (b.center.z() - 0.5 * b.size.z()) - z[z.size() / 2];
    const CheckThresholds& t = thresholdsFor(c.ontology, o.className);
    if (floating && t.maxAboveGround > 0 && gap > t.maxAboveGround)
      c.add("floating", Severity::Warning, {o.trackId},
            format("%s %u bottom is %.2f m above the ground around it (limit %.2f m)",
                   o.className.c_str(), o.trackId, gap, t.maxAboveGround));
    if (sunk && t.maxBelowGround > 0 && -gap > t.maxBelowGround)
      c.add("sunk", Severity::Warning, {o.trackId},
            format("%s %u bottom is %.2f m below the ground around it (limit %.2f m)",
                   o.className.c_str(), o.trackId, -gap, t.maxBelowGround));
  }
}

// Per-point instance labels against the boxes (instance = low 16 bits of the track id).
void instancesAgainstBoxes(PointsContext& c, const PointLabels& labels,
                           const PointsInBoxResult& in) {
  const auto& objs = c.frame.objects;
  std::unordered_map<std::uint16_t, std::size_t> boxOf;
  for (std::size_t b = 0; b < objs.size(); ++b)
    boxOf.emplace(static_cast<std::uint16_t>(objs[b].trackId & 0xFFFF), b);
  auto margin = [&](std::size_t b) {
    return thresholdsFor(c.ontology, objs[b].className).pointMargin;
  };
  std::map<std::uint16_t, std::vector<std::uint32_t>> orphan;
  std::vector<std::vector<std::uint32_t>> outside(objs.size());
  std::vector<std::uint8_t> inOwn(c.cloud.size(), 0);  // 1 = inside its own instance's box
  for (std::uint32_t i = 0; i < labels.instance.size(); ++i) {
    const std::uint16_t inst = labels.instance[i];
    if (inst == 0 || !isFinitePoint(c.cloud, i)) continue;
    const auto it = boxOf.find(inst);
    if (it == boxOf.end()) {
      orphan[inst].push_back(i);
    } else if (objs[it->second].box.contains(c.point(i), margin(it->second))) {
      inOwn[i] = 1;
    } else {
      outside[it->second].push_back(i);
    }
  }
  if (c.config.instancesNeedBoxes && !skipped(c.config, "instance-without-box"))
    for (const auto& [inst, pts] : orphan)
      c.attachPoints(c.add("instance-without-box", Severity::Error, {inst},
                           format("%zu points are labelled with instance %u, which has no box in "
                                  "this frame",
                                  pts.size(), inst)),
                     pts);
  for (std::size_t b = 0; b < objs.size(); ++b) {
    if (!outside[b].empty() && !skipped(c.config, "points-outside-box"))
      c.attachPoints(
          c.add("points-outside-box", Severity::Error, {objs[b].trackId},
                format("%zu points labelled %s %u lie outside its box (more than %.2f m)",
                       outside[b].size(), objs[b].className.c_str(), objs[b].trackId, margin(b))),
          outside[b]);
    if (skipped(c.config, "foreign-points-in-box")) continue;
    std::vector<std::uint32_t> foreign;
    std::vector<std::uint32_t> owners;
    const auto own = static_cast<std::uint16_t>(objs[b].trackId & 0xFFFF);
    for (std::uint32_t i : in.indices[b]) {
      const std::uint16_t inst = labels.instance[i];
      if (inst == 0 || inst == own || inOwn[i]) continue;
      foreign.push_back(i);
      owners.push_back(inst);
    }
    if (foreign.empty()) continue;
    std::sort(owners.begin(), owners.end());
    owners.erase(std::unique(owners.begin(), owners.end()), owners.end());
    std::vector<std::uint32_t> tracks{objs[b].trackId};
    tracks.insert(tracks.end(), owners.begin(), owners.end());
    c.attachPoints(c.add("foreign-points-in-box", Severity::Error, tracks,
                         format("%zu points inside %s %u are labelled with other instances and "
                                "lie outside their own boxes",
                                foreign.size(), objs[b].className.c_str(), objs[b].trackId)),
                   foreign);
  }
}

}  // namespace

std::vector<Finding> checkFramePoints(const Frame& frame, std::size_t f, const FramePoints& points,
                                      const Ontology& ontology, const CheckConfig& config) {
  std::vector<Finding> out;
  PointsContext c{frame, f, points.cloud, ontology, config, out};
  std::vector<Cuboid> boxes;
  for (const ObjectAnnotation& o : frame.objects) boxes.push_back(o.box);
  PointsInBoxConfig pib;
  pib.threads = 1;
  const PointsInBoxResult in = pointsInBoxes(points.cloud, boxes, pib);
  tooFewPoints(c, in);
  groundContact(c);
  if (!points.labels.empty() && points.labels.size() == points.cloud.size())
    instancesAgainstBoxes(c, points.labels, in);
  return out;
}

}  // namespace lidarlabel
