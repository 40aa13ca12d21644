#include "lidarlabel/core/clustering.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <unordered_map>

namespace lidarlabel {
namespace {

bool finitePoint(const PointCloud& c, std::size_t i) {
  return std::isfinite(c.x[i]) && std::isfinite(c.y[i]) && std::isfinite(c.z[i]);
}

// Height band test against the ground result; a ground result of the wrong size means "no
// ground known": every finite point passes, no height filter.
template <typename Inside>
std::vector<std::uint32_t> selectNonGround(const PointCloud& cloud, const GroundResult& ground,
                                           const NeighbourhoodConfig& cfg, Inside&& inside) {
  std::vector<std::uint32_t> out;
  const bool haveGround =
      ground.isGround.size() == cloud.size() && ground.groundHeight.size() == cloud.size();
  for (std::size_t i = 0; i < cloud.size(); ++i) {
    if (!finitePoint(cloud, i) || !inside(cloud.x[i], cloud.y[i])) continue;
    if (haveGround) {
      if (ground.isGround[i]) continue;
      const float h = cloud.z[i] - ground.groundHeight[i];
      if (std::isfinite(h) && (h < cfg.minHeightAboveGround || h > cfg.maxHeightAboveGround))
        continue;
    }
    out.push_back(static_cast<std::uint32_t>(i));
  }
  return out;
}

struct DisjointSets {
  std::vector<std::uint32_t> parent;
  explicit DisjointSets(std::size_t n) : parent(n) { std::iota(parent.begin(), parent.end(), 0u); }
  std::uint32_t find(std::uint32_t a) {
    while (parent[a] != a) a = parent[a] = parent[parent[a]];
    return a;
  }
  void unite(std::uint32_t a, std::uint32_t b) {
    a = find(a);
    b = find(b);
    if (a != b) parent[std::max(a, b)] = std::min(a, b);
  }
};

std::int64_t cellKey(std::int64_t cx, std::int64_t cy) {
  return (cx << 32) ^ (cy & 0xffffffff);
}

}  // namespace

std::vector<std::uint32_t> nonGroundNeighbourhood(const PointCloud& cloud,
                                                  const GroundResult& ground,
                                                  const Eigen::Vector2d& center,
                                                  const NeighbourhoodConfig& config) {
  const float cx = static_cast<float>(center.x()), cy = static_cast<float>(center.y());
  const float r2 = config.radius * config.radius;
  return selectNonGround(cloud, ground, config, [&](float x, float y) {
    return (x - cx) * (x - cx) + (y - cy) * (y - cy) <= r2;
  });
}

std::vector<std::uint32_t> nonGroundInRect(const PointCloud& cloud, const GroundResult& ground,
                                           const BevRect& rect, const NeighbourhoodConfig& config) {
  const float c = static_cast<float>(std::cos(rect.yaw)),
              s = static_cast<float>(std::sin(rect.yaw));
  const float ox = static_cast<float>(rect.center.x()), oy = static_cast<float>(rect.center.y());
  const float hx = static_cast<float>(rect.size.x() / 2),
              hy = static_cast<float>(rect.size.y() / 2);
  return selectNonGround(cloud, ground, config, [&](float x, float y) {
    const float dx = x - ox, dy = y - oy;
    return std::abs(c * dx + s * dy) <= hx && std::abs(-s * dx + c * dy) <= hy;
  });
}

Clusters clusterPoints(const PointCloud& cloud, const std::vector<std::uint32_t>& indices,
                       const ClusterConfig& config) {
  Clusters out;
  const float inv = 1.f / std::max(config.cellSize, 1e-3f);
  // Occupied cells: z range and member points.
  std::unordered_map<std::int64_t, std::uint32_t> cellId;
  cellId.reserve(indices.size());
  std::vector<std::int64_t> cx, cy;
  std::vector<float> zmin, zmax;
  std::vector<std::uint32_t> pointCell;
  std::vector<std::uint32_t> kept;
  for (std::uint32_t i : indices) {
    if (i >= cloud.size() || !finitePoint(cloud, i)) continue;
    const auto gx = static_cast<std::int64_t>(std::floor(cloud.x[i] * inv));
    const auto gy = static_cast<std::int64_t>(std::floor(cloud.y[i] * inv));
    const auto [it, fresh] =
        cellId.try_emplace(cellKey(gx, gy), static_cast<std::uint32_t>(cx.size()));
    if (fresh) {
      cx.push_back(gx);
      cy.push_back(gy);
      zmin.push_back(cloud.z[i]);
      zmax.push_back(cloud.z[i]);
    }
    const std::uint32_t c = it->second;
    zmin[c] = std::min(zmin[c], cloud.z[i]);
    zmax[c] = std::max(zmax[c], cloud.z[i]);
    pointCell.push_back(c);
    kept.push_back(i);
  }
  DisjointSets sets(cx.size());
  const float cell = 1.f / inv;
  for (std::uint32_t c = 0; c < cx.size(); ++c) {
    // Farther cells see sparser rings: their reach grows with the BEV range of the cell.
    const float range = std::hypot((static_cast<float>(cx[c]) + 0.5f) * cell,
                                   (static_cast<float>(cy[c]) + 0.5f) * cell);
    const int g = std::max(std::max(0, config.cellGap),
                           static_cast<int>(std::lround(range * config.gapPerMetre / cell)));
    for (int dy = -g; dy <= g; ++dy) {
      for (int dx = -g; dx <= g; ++dx) {
        if (dx == 0 && dy == 0) continue;
        const auto it = cellId.find(cellKey(cx[c] + dx, cy[c] + dy));
        if (it == cellId.end()) continue;
        const std::uint32_t o = it->second;
        const float gap = std::max(zmin[c], zmin[o]) - std::min(zmax[c], zmax[o]);
        if (gap <= config.maxVerticalGap) sets.unite(c, o);
      }
    }
  }
  // Group points by root cell; kept is in input order, sort each cluster's members.
  std::unordered_map<std::uint32_t, std::size_t> clusterOf;
  for (std::size_t k = 0; k < kept.size(); ++k) {
    const std::uint32_t root = sets.find(pointCell[k]);
    const auto [it, fresh] = clusterOf.try_emplace(root, out.members.size());
    if (fresh) out.members.emplace_back();
    out.members[it->second].push_back(kept[k]);
  }
  for (auto& m : out.members) std::sort(m.begin(), m.end());
  std::erase_if(out.members, [&](const auto& m) {
    return m.size() < std::max<std::size_t>(1, config.minPoints);
  });
  std::sort(out.members.begin(), out.members.end(), [](const auto& a, const auto& b) {
    return a.size() != b.size() ? a.size() > b.size() : a.front() < b.front();
  });
  return out;
}

std::vector<std::uint32_t> clusterNearest(const PointCloud& cloud, const Clusters& clusters,
                                          const Eigen::Vector2d& seed) {
  std::size_t best = clusters.members.size();
  double bestD = std::numeric_limits<double>::infinity();
  for (std::size_t k = 0; k < clusters.members.size(); ++k) {
    for (std::uint32_t i : clusters.members[k]) {
      const double dx = cloud.x[i] - seed.x(), dy = cloud.y[i] - seed.y();
      const double d = dx * dx + dy * dy;
      if (d < bestD) {
        bestD = d;
        best = k;
      }
    }
  }
  return best < clusters.members.size() ? clusters.members[best] : std::vector<std::uint32_t>{};
}

}  // namespace lidarlabel
