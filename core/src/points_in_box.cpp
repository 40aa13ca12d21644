#include "lidarlabel/core/points_in_box.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <thread>

namespace lidarlabel {
namespace {

// A box prepared once: centre, world->box rotation rows, half extents (float32).
struct PreparedBox {
  float c[3]{0, 0, 0};
  float r[3][3]{{1, 0, 0}, {0, 1, 0}, {0, 0, 1}};  // rows of R^T
  float hin[3]{0, 0, 0};                           // half size + tolerance
  float hnear[3]{0, 0, 0};                         // half size + margin + tolerance
  float bev[4]{0, 0, -1, -1};  // grown BEV AABB: xmin, ymin, xmax, ymax (empty if max < min)
  float zr[2]{0, -1};          // grown z extent: zmin, zmax
  bool valid = false;
};

bool finiteBox(const Cuboid& b) {
  return b.center.allFinite() && b.size.allFinite() && std::isfinite(b.yaw) &&
         std::isfinite(b.pitch) && std::isfinite(b.roll) && (b.size.array() >= 0.0).all();
}

PreparedBox prepare(const Cuboid& box, float margin, float tol) {
  PreparedBox p;
  if (!finiteBox(box)) return p;
  const Eigen::Matrix3d rt = box.rotation().transpose();
  for (int i = 0; i < 3; ++i) {
    p.c[i] = static_cast<float>(box.center[i]);
    const float h = static_cast<float>(box.size[i] / 2.0);
    p.hin[i] = h + tol;
    p.hnear[i] = h + margin + tol;
    for (int j = 0; j < 3; ++j) p.r[i][j] = static_cast<float>(rt(i, j));
  }
  // BEV extent of the grown box: |R| * hnear projected on x and y.
  const Eigen::Matrix3d r = rt.transpose();
  for (int axis = 0; axis < 2; ++axis) {
    double ext = 0.0;
    for (int j = 0; j < 3; ++j) ext += std::abs(r(axis, j)) * p.hnear[j];
    ext += 1e-3;  // float rounding of the centre
    p.bev[axis] = static_cast<float>(box.center[axis] - ext);
    p.bev[axis + 2] = static_cast<float>(box.center[axis] + ext);
  }
  {
    double ext = 0.0;
    for (int j = 0; j < 3; ++j) ext += std::abs(r(2, j)) * p.hnear[j];
    ext += 1e-3;
    p.zr[0] = static_cast<float>(box.center[2] - ext);
    p.zr[1] = static_cast<float>(box.center[2] + ext);
  }
  p.valid = true;
  return p;
}

// 0 = outside, 1 = nearby band, 2 = inside (branch-free). dist2 = squared distance to the centre.
// NaN coordinates fail every comparison -> 0.
inline int classify(const PreparedBox& b, float x, float y, float z, float& dist2) {
  const float dx = x - b.c[0], dy = y - b.c[1], dz = z - b.c[2];
  const float lx = std::abs(b.r[0][0] * dx + b.r[0][1] * dy + b.r[0][2] * dz);
  const float ly = std::abs(b.r[1][0] * dx + b.r[1][1] * dy + b.r[1][2] * dz);
  const float lz = std::abs(b.r[2][0] * dx + b.r[2][1] * dy + b.r[2][2] * dz);
  dist2 = dx * dx + dy * dy + dz * dz;
  const int nearBand = (lx <= b.hnear[0]) & (ly <= b.hnear[1]) & (lz <= b.hnear[2]);
  const int in = (lx <= b.hin[0]) & (ly <= b.hin[1]) & (lz <= b.hin[2]);
  return nearBand + in;  // hin <= hnear, so in implies nearBand
}

// BEV candidate grid: cell -> boxes whose grown AABB overlaps it (CSR, ascending box index).
struct CandidateGrid {
  float x0 = 0, y0 = 0, inv = 1;
  int nx = 0, ny = 0;
  std::vector<std::uint32_t> start;  // nx*ny + 2 (the last cell is the empty sentinel)
  std::vector<std::uint32_t> boxes;
  std::vector<std::uint8_t> flag;  // nx*ny + 1: 1 = the cell has candidate boxes
  float zmin = 0, zmax = -1;       // union of the boxes' grown z extents
};

// Conservative: false only when the grown box's BEV footprint (a zonotope spanned by the xy
// parts of its three axes) certainly misses the square cell of centre (qx, qy), half edge hc.
bool footprintOverlapsCell(const PreparedBox& b, double qx, double qy, double hc) {
  const double dx = qx - b.c[0], dy = qy - b.c[1];
  for (int k = 0; k < 3; ++k) {
    const double nx = -static_cast<double>(b.r[k][1]), ny = static_cast<double>(b.r[k][0]);
    const double len = std::sqrt(nx * nx + ny * ny);
    if (len < 1e-6) continue;
    double half = 0.0;
    for (int j = 0; j < 3; ++j) half += std::abs(nx * b.r[j][0] + ny * b.r[j][1]) * b.hnear[j];
    const double cellHalf = (std::abs(nx) + std::abs(ny)) * hc;
    if (std::abs(nx * dx + ny * dy) > half + cellHalf + 2e-3 * len) return false;
  }
  return true;
}

CandidateGrid buildGrid(const std::vector<PreparedBox>& boxes, float cell) {
  CandidateGrid g;
  float xmin = std::numeric_limits<float>::max(), ymin = xmin;
  float xmax = -xmin, ymax = -xmin;
  for (const auto& b : boxes) {
    if (!b.valid) continue;
    xmin = std::min(xmin, b.bev[0]);
    ymin = std::min(ymin, b.bev[1]);
    xmax = std::max(xmax, b.bev[2]);
    ymax = std::max(ymax, b.bev[3]);
  }
  if (xmax < xmin) return g;  // no valid box
  // At most 1024 x 1024 cells: very large boxes make the cells coarser, never the grid huge.
  const float span = std::max(xmax - xmin, ymax - ymin);
  cell = std::max({cell, span / 1024.f, 1e-3f});
  g.x0 = xmin;
  g.y0 = ymin;
  g.inv = 1.f / cell;
  g.nx = static_cast<int>((xmax - xmin) * g.inv) + 1;
  g.ny = static_cast<int>((ymax - ymin) * g.inv) + 1;
  // Cell footprint test with slack: float rounding of the point -> cell mapping, of the box.
  const double mag =
      std::max({std::abs(static_cast<double>(xmin)), std::abs(static_cast<double>(xmax)),
                std::abs(static_cast<double>(ymin)), std::abs(static_cast<double>(ymax))});
  const double hc = 0.5 * cell + 0.01 * cell + 1e-3 + 1e-5 * mag;
  const auto keep = [&](const PreparedBox& b, int cx, int cy) {
    const double qx = g.x0 + (cx + 0.5) * static_cast<double>(cell);
    const double qy = g.y0 + (cy + 0.5) * static_cast<double>(cell);
    return footprintOverlapsCell(b, qx, qy, hc);
  };
  const auto cellRange = [&](const PreparedBox& b, int& cx0, int& cy0, int& cx1, int& cy1) {
    cx0 = std::clamp(static_cast<int>((b.bev[0] - g.x0) * g.inv), 0, g.nx - 1);
    cy0 = std::clamp(static_cast<int>((b.bev[1] - g.y0) * g.inv), 0, g.ny - 1);
    cx1 = std::clamp(static_cast<int>((b.bev[2] - g.x0) * g.inv), 0, g.nx - 1);
    cy1 = std::clamp(static_cast<int>((b.bev[3] - g.y0) * g.inv), 0, g.ny - 1);
  };
  // One extra, always empty, cell at index nx*ny: where points outside the grid go.
  std::vector<std::uint32_t> count(static_cast<std::size_t>(g.nx) * g.ny + 2, 0);
  for (const auto& b : boxes) {
    if (!b.valid) continue;
    int cx0, cy0, cx1, cy1;
    cellRange(b, cx0, cy0, cx1, cy1);
    for (int cy = cy0; cy <= cy1; ++cy)
      for (int cx = cx0; cx <= cx1; ++cx)
        if (keep(b, cx, cy)) ++count[static_cast<std::size_t>(cy) * g.nx + cx + 1];
  }
  for (std::size_t i = 1; i < count.size(); ++i) count[i] += count[i - 1];
  g.start = count;
  g.boxes.assign(count.back(), 0u);
  for (std::size_t bi = 0; bi < boxes.size(); ++bi) {
    const auto& b = boxes[bi];
    if (!b.valid) continue;
    int cx0, cy0, cx1, cy1;
    cellRange(b, cx0, cy0, cx1, cy1);
    for (int cy = cy0; cy <= cy1; ++cy)
      for (int cx = cx0; cx <= cx1; ++cx)
        if (keep(b, cx, cy))
          g.boxes[count[static_cast<std::size_t>(cy) * g.nx + cx]++] =
              static_cast<std::uint32_t>(bi);
  }
  const std::size_t cells = static_cast<std::size_t>(g.nx) * g.ny;
  g.flag.assign(cells + 1, 0);  // the sentinel (index cells) stays 0
  for (std::size_t c = 0; c < cells; ++c) g.flag[c] = g.start[c + 1] != g.start[c];
  g.zmin = std::numeric_limits<float>::max();
  g.zmax = -g.zmin;
  for (const auto& b : boxes) {
    if (!b.valid) continue;
    g.zmin = std::min(g.zmin, b.zr[0]);
    g.zmax = std::max(g.zmax, b.zr[1]);
  }
  return g;
}

struct ChunkOut {
  std::vector<std::uint32_t> inside, owned, nearby;
  std::vector<std::vector<std::uint32_t>> lists;
};

// Per chunk, in blocks: pass 1 is branch-free (cell of every point, keep the points whose cell
// has candidate boxes); pass 2 tests only those points against their cell's boxes.
void runChunk(const PointCloud& cloud, const std::vector<PreparedBox>& boxes,
              const CandidateGrid& g, bool lists, std::size_t begin, std::size_t end,
              std::int32_t* owner, ChunkOut& out) {
  const std::size_t m = boxes.size();
  out.inside.assign(m, 0);
  out.owned.assign(m, 0);
  out.nearby.assign(m, 0);
  if (lists) out.lists.assign(m, {});
  const float* xs = cloud.x.data();
  const float* ys = cloud.y.data();
  const float* zs = cloud.z.data();
  const std::uint8_t* flag = g.flag.data();
  const float zmin = g.zmin, zmax = g.zmax;
  const std::uint32_t* start = g.start.data();
  const std::uint32_t* cellBoxes = g.boxes.data();
  const PreparedBox* pb = boxes.data();
  const float fnx = static_cast<float>(g.nx), fny = static_cast<float>(g.ny);
  const float x0 = g.x0, y0 = g.y0, inv = g.inv;
  const std::uint32_t nx = static_cast<std::uint32_t>(g.nx);
  const std::uint32_t sentinel = static_cast<std::uint32_t>(g.nx * g.ny);  // an empty cell
  constexpr std::size_t kBlock = 2048;
  std::uint32_t cellOf[kBlock], candPoint[kBlock], candCell[kBlock];
  for (std::size_t b0 = begin; b0 < end; b0 += kBlock) {
    const std::size_t len = std::min(end, b0 + kBlock) - b0;
    const float* bx = xs + b0;
    const float* by = ys + b0;
    const float* bz = zs + b0;
    // 1a (vectorisable): grid cell of every point; outside / NaN / outside every box's z extent
    // -> the empty sentinel cell.
    for (std::size_t j = 0; j < len; ++j) {
      const float fx = (bx[j] - x0) * inv, fy = (by[j] - y0) * inv, z = bz[j];
      // Every comparison is false for NaN, so NaN -> not ok.
      const bool ok =
          (fx >= 0.f) & (fx < fnx) & (fy >= 0.f) & (fy < fny) & (z >= zmin) & (z <= zmax);
      const auto ix = static_cast<std::uint32_t>(static_cast<std::int32_t>(ok ? fx : 0.f));
      const auto iy = static_cast<std::uint32_t>(static_cast<std::int32_t>(ok ? fy : 0.f));
      cellOf[j] = ok ? iy * nx + ix : sentinel;
    }
    // 1b: keep the points whose cell has candidate boxes (branch-free compaction).
    std::size_t k = 0;
    for (std::size_t j = 0; j < len; ++j) {
      const std::uint32_t cell = cellOf[j];
      candPoint[k] = static_cast<std::uint32_t>(b0 + j);
      candCell[k] = cell;
      k += flag[cell];
    }
    for (std::size_t c = 0; c < k; ++c) {
      const std::uint32_t i = candPoint[c], cell = candCell[c];
      const float x = xs[i], y = ys[i], z = zs[i];
      std::int32_t best = -1;
      float bestD = std::numeric_limits<float>::infinity();
      for (std::uint32_t q = start[cell], e = start[cell + 1]; q < e; ++q) {
        const std::uint32_t b = cellBoxes[q];
        float d2 = 0.f;
        const int cls = classify(pb[b], x, y, z, d2);  // NaN z -> 0
        out.nearby[b] += cls == 1;
        if (cls == 2) {
          ++out.inside[b];
          if (lists) out.lists[b].push_back(i);
          const bool better = d2 < bestD;
          bestD = better ? d2 : bestD;
          best = better ? static_cast<std::int32_t>(b) : best;
        }
      }
      if (best >= 0) {  // owner[] is pre-filled with -1
        owner[i] = best;
        ++out.owned[static_cast<std::size_t>(best)];
      }
    }
  }
}

int threadCount(const PointsInBoxConfig& config, std::size_t n) {
  int t = config.threads > 0 ? config.threads
                             : static_cast<int>(std::min(8u, std::thread::hardware_concurrency()));
  t = std::max(t, 1);
  const std::size_t byWork =
      std::max<std::size_t>(1, n / std::max<std::size_t>(1, config.minPointsPerThread));
  return static_cast<int>(std::min<std::size_t>(static_cast<std::size_t>(t), byWork));
}

}  // namespace

PointsInBoxResult pointsInBoxes(const PointCloud& cloud, const std::vector<Cuboid>& boxes,
                                const PointsInBoxConfig& config) {
  const std::size_t n = cloud.size(), m = boxes.size();
  PointsInBoxResult res;
  res.owner.assign(n, -1);
  res.indices.resize(m);
  res.insideCount.assign(m, 0);
  res.ownedCount.assign(m, 0);
  res.nearbyCount.assign(m, 0);
  std::vector<PreparedBox> prepared;
  prepared.reserve(m);
  for (const auto& b : boxes)
    prepared.push_back(prepare(b, config.nearbyMargin, config.faceTolerance));
  const CandidateGrid grid = buildGrid(prepared, config.gridCell);
  if (grid.nx == 0) return res;
  const int t = threadCount(config, n);
  std::vector<ChunkOut> outs(static_cast<std::size_t>(t));
  const std::size_t step = (n + t - 1) / t;
  const auto work = [&](int k) {
    const std::size_t b = std::min(n, step * k), e = std::min(n, b + step);
    runChunk(cloud, prepared, grid, config.indexLists, b, e, res.owner.data(), outs[k]);
  };
  std::vector<std::thread> pool;
  for (int k = 1; k < t; ++k) pool.emplace_back(work, k);
  work(0);
  for (auto& th : pool) th.join();
  // Merge in chunk order: lists stay ascending, counts are sums -> deterministic.
  for (std::size_t b = 0; b < m; ++b) {
    std::size_t total = 0;
    for (const auto& o : outs) {
      res.insideCount[b] += o.inside[b];
      res.ownedCount[b] += o.owned[b];
      res.nearbyCount[b] += o.nearby[b];
      if (config.indexLists) total += o.lists[b].size();
    }
    if (!config.indexLists) continue;
    res.indices[b].reserve(total);
    for (const auto& o : outs)
      res.indices[b].insert(res.indices[b].end(), o.lists[b].begin(), o.lists[b].end());
  }
  return res;
}

namespace {

// Calls f(i, classification) for every point of the box's grown BEV AABB.
template <typename F>
void forEachNear(const PointCloud& cloud, const PreparedBox& b, F&& f) {
  if (!b.valid) return;
  const std::size_t n = cloud.size();
  for (std::size_t i = 0; i < n; ++i) {
    const float x = cloud.x[i], y = cloud.y[i];
    if (!(x >= b.bev[0] && x <= b.bev[2] && y >= b.bev[1] && y <= b.bev[3])) continue;
    float d2;
    const int c = classify(b, x, y, cloud.z[i], d2);
    if (c) f(i, c);
  }
}

}  // namespace

BoxCount countPointsInBox(const PointCloud& cloud, const Cuboid& box, float nearbyMargin,
                          float faceTolerance) {
  BoxCount out;
  const PreparedBox b = prepare(box, nearbyMargin, faceTolerance);
  forEachNear(cloud, b, [&](std::size_t, int c) { ++(c == 2 ? out.inside : out.nearby); });
  return out;
}

std::vector<std::uint32_t> indicesInBox(const PointCloud& cloud, const Cuboid& box, float margin,
                                        float faceTolerance) {
  std::vector<std::uint32_t> out;
  // Grown box as the "inside" test: margin folded into the tolerance, no nearby band.
  const PreparedBox b = prepare(box, 0.f, std::max(0.f, margin) + faceTolerance);
  forEachNear(cloud, b, [&](std::size_t i, int c) {
    if (c == 2) out.push_back(static_cast<std::uint32_t>(i));
  });
  return out;
}

}  // namespace lidarlabel
