// Which points the user meant: the one-click and rectangle fits pick a cluster, then fit it.
#include <algorithm>
#include <cmath>
#include <limits>

#include "lidarlabel/core/box_fit.h"

namespace lidarlabel {
namespace {

struct BevBox {
  double x0 = std::numeric_limits<double>::infinity(), y0 = x0, x1 = -x0, y1 = -x0;
  void add(double x, double y) {
    x0 = std::min(x0, x), y0 = std::min(y0, y), x1 = std::max(x1, x), y1 = std::max(y1, y);
  }
  void add(const BevBox& o) { add(o.x0, o.y0), add(o.x1, o.y1); }
  double gapTo(const BevBox& o) const {
    return std::hypot(std::max({0.0, o.x0 - x1, x0 - o.x1}), std::max({0.0, o.y0 - y1, y0 - o.y1}));
  }
  double diagonal() const { return std::hypot(x1 - x0, y1 - y0); }
};

BevBox bevBoxOf(const PointCloud& cloud, const std::vector<std::uint32_t>& idx) {
  BevBox b;
  for (auto i : idx) b.add(cloud.x[i], cloud.y[i]);
  return b;
}

// The object the user meant: among the clusters whose nearest point is within pickSlack metres
// of the nearest cluster's, the largest (a stray return near the click does not win) — with a
// class prior, the largest of those that could be one such object (BEV extent within
// maxPriorScale x the prior's diagonal): a click on a car parked by a wall or a hedge takes the
// car, not the larger structure. When none fits, the nearest cluster.
std::vector<std::uint32_t> clusterAtClick(const PointCloud& cloud, const Clusters& clusters,
                                          const Eigen::Vector2d& click, double pickSlack,
                                          const ClassDef* prior, double maxPriorScale) {
  std::vector<double> dist(clusters.members.size(), std::numeric_limits<double>::infinity());
  double dmin = std::numeric_limits<double>::infinity();
  std::size_t nearest = 0;
  for (std::size_t k = 0; k < clusters.members.size(); ++k) {
    for (std::uint32_t i : clusters.members[k])
      dist[k] = std::min(dist[k], (Eigen::Vector2d(cloud.x[i], cloud.y[i]) - click).norm());
    if (dist[k] < dmin) dmin = dist[k], nearest = k;
  }
  if (clusters.members.empty()) return {};
  const double maxDiagonal = prior ? maxPriorScale * prior->defaultSize.head<2>().norm()
                                   : std::numeric_limits<double>::infinity();
  // members are sorted largest first: the first candidate is the largest.
  for (std::size_t k = 0; k < clusters.members.size(); ++k)
    if (dist[k] <= dmin + pickSlack &&
        bevBoxOf(cloud, clusters.members[k]).diagonal() <= maxDiagonal)
      return clusters.members[k];
  return clusters.members[nearest];
}

// Parts of the same object the BEV grid split apart (a bumper below a hood the rings skipped):
// clusters within partGap metres (BEV bounding boxes) of the picked one are absorbed, nearest
// first, while the union still fits the class prior's footprint (its diagonal + 10 %).
std::vector<std::uint32_t> absorbParts(const PointCloud& cloud, const Clusters& clusters,
                                       std::vector<std::uint32_t> picked, const ClassDef& prior,
                                       double partGap) {
  if (picked.empty() || partGap <= 0) return picked;
  const double maxDiagonal = 1.1 * prior.defaultSize.head<2>().norm();
  BevBox box = bevBoxOf(cloud, picked);
  std::vector<std::pair<double, std::size_t>> order;
  std::vector<BevBox> boxes(clusters.members.size());
  for (std::size_t k = 0; k < clusters.members.size(); ++k) {
    if (clusters.members[k].front() == picked.front()) continue;  // the picked one itself
    boxes[k] = bevBoxOf(cloud, clusters.members[k]);
    order.emplace_back(box.gapTo(boxes[k]), k);
  }
  std::sort(order.begin(), order.end());
  for (const auto& [gap, k] : order) {
    if (box.gapTo(boxes[k]) > partGap) continue;
    BevBox merged = box;
    merged.add(boxes[k]);
    if (merged.diagonal() > maxDiagonal) continue;
    box = merged;
    picked.insert(picked.end(), clusters.members[k].begin(), clusters.members[k].end());
  }
  std::sort(picked.begin(), picked.end());
  return picked;
}

}  // namespace

FitResult fitBoxAtPoint(const PointCloud& cloud, const GroundResult& ground,
                        const Eigen::Vector3d& click, const FitConfig& config,
                        const ClassDef* prior) {
  NeighbourhoodConfig nb = config.neighbourhood;
  if (prior)
    nb.radius =
        std::max<float>(nb.radius, static_cast<float>(0.6 * prior->defaultSize.head<2>().norm()));
  std::vector<std::uint32_t> near = nonGroundNeighbourhood(cloud, ground, click.head<2>(), nb);
  if (near.empty()) {  // a click in the middle of a big, sparsely seen object: look wider
    nb.radius *= 2.f;
    near = nonGroundNeighbourhood(cloud, ground, click.head<2>(), nb);
  }
  const Clusters clusters = clusterPoints(cloud, near, config.cluster);
  std::vector<std::uint32_t> picked = clusterAtClick(cloud, clusters, click.head<2>(),
                                                     config.pickSlack, prior, config.maxPriorScale);
  if (prior) picked = absorbParts(cloud, clusters, std::move(picked), *prior, config.partGap);
  return fitBoxToPoints(cloud, picked, &ground, config, prior);
}

FitResult fitBoxAtPoint(const PointCloud& cloud, const GroundResult& ground,
                        std::uint32_t clickedIndex, const FitConfig& config,
                        const ClassDef* prior) {
  if (clickedIndex >= cloud.size()) return FitResult{};
  const Eigen::Vector3d p(cloud.x[clickedIndex], cloud.y[clickedIndex], cloud.z[clickedIndex]);
  if (!p.allFinite()) return FitResult{};
  return fitBoxAtPoint(cloud, ground, p, config, prior);
}

FitResult fitBoxInRect(const PointCloud& cloud, const GroundResult& ground, const BevRect& rect,
                       const FitConfig& config, const ClassDef* prior) {
  const auto inside = nonGroundInRect(cloud, ground, rect, config.neighbourhood);
  const Clusters clusters = clusterPoints(cloud, inside, config.cluster);
  if (clusters.members.empty()) return FitResult{};
  return fitBoxToPoints(cloud, clusters.members.front(), &ground, config, prior);
}

}  // namespace lidarlabel
