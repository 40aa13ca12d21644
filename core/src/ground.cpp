#include "lidarlabel/core/ground.h"

#include "ground_internal.h"

#include <Eigen/Eigenvalues>
#include <algorithm>
#include <cmath>
#include <numbers>
#include <thread>

namespace lidarlabel {
namespace {

using ground_detail::fastAtan2;
using ground_detail::kPi;

// The concentric-zone polar grid.
struct Zones {
  std::vector<float> inner, outer, ringWidth;
  std::vector<int> rings, sectors, binOffset, ringOffset;
  int binCount = 0, ringCount = 0;

  explicit Zones(const GroundConfig& c) {
    float prev = c.minRange;
    const std::size_t nz =
        std::min({c.zoneOuterRadius.size(), c.zoneRings.size(), c.zoneSectors.size()});
    for (std::size_t z = 0; z < nz; ++z) {
      inner.push_back(prev);
      outer.push_back(c.zoneOuterRadius[z]);
      rings.push_back(std::max(1, c.zoneRings[z]));
      sectors.push_back(std::max(1, c.zoneSectors[z]));
      ringWidth.push_back(
          std::max(1e-3f, (outer.back() - prev) / static_cast<float>(rings.back())));
      binOffset.push_back(binCount);
      ringOffset.push_back(ringCount);
      binCount += rings.back() * sectors.back();
      ringCount += rings.back();
      prev = outer.back();
    }
  }
  // Bin of a point at BEV range r (within [inner[0], outer.back())) and angle theta.
  int bin(float r, float theta, int* globalRing = nullptr) const {
    std::size_t z = 0;
    while (z + 1 < outer.size() && r >= outer[z]) ++z;
    const int ring = std::min(rings[z] - 1, static_cast<int>((r - inner[z]) / ringWidth[z]));
    const int sector =
        std::min(sectors[z] - 1,
                 static_cast<int>((theta + kPi) * (static_cast<float>(sectors[z]) / (2 * kPi))));
    if (globalRing) *globalRing = ringOffset[z] + std::max(0, ring);
    return binOffset[z] + std::max(0, ring) * sectors[z] + std::max(0, sector);
  }
};

struct Plane {
  Eigen::Vector3f n{0, 0, 1};
  float d = 0;  // n.p + d = 0, n.z > 0
  bool accepted = false;
  float height(float x, float y) const { return -(n.x() * x + n.y() * y + d) / n.z(); }
};

// PCA plane through points; returns the smallest eigenvalue (flatness, m^2).
float fitPlane(const PointCloud& c, const std::vector<std::uint32_t>& idx, Plane& p) {
  Eigen::Vector3d mean = Eigen::Vector3d::Zero();
  for (auto i : idx) mean += Eigen::Vector3d(c.x[i], c.y[i], c.z[i]);
  mean /= static_cast<double>(idx.size());
  Eigen::Matrix3d cov = Eigen::Matrix3d::Zero();
  for (auto i : idx) {
    const Eigen::Vector3d q = Eigen::Vector3d(c.x[i], c.y[i], c.z[i]) - mean;
    cov += q * q.transpose();
  }
  cov /= static_cast<double>(idx.size());
  Eigen::SelfAdjointEigenSolver<Eigen::Matrix3d> es;
  es.computeDirect(cov);
  Eigen::Vector3d n = es.eigenvectors().col(0);
  if (n.z() < 0) n = -n;
  p.n = n.cast<float>();
  p.d = static_cast<float>(-n.dot(mean));
  return static_cast<float>(es.eigenvalues()(0));
}

struct BinScratch {
  std::vector<float> z;
  std::vector<std::uint32_t> sel;
};

// Fits bin b's ground plane and marks its ground points.
void processBin(const PointCloud& c, const GroundConfig& cfg, float binRange,
                const std::uint32_t* pts, std::size_t k, Plane& plane, std::uint8_t* isGround,
                BinScratch& s) {
  if (k < static_cast<std::size_t>(std::max(3, cfg.minBinPoints))) return;
  // Lowest-point representative: mean of the seedCount lowest z, ignoring points farther below
  // the sensor's road level than the allowed slope explains (reflections / multipath).
  s.z.clear();
  const float floorZ = -cfg.sensorHeight - cfg.elevationMargin - cfg.maxSlope * binRange;
  for (std::size_t j = 0; j < k; ++j)
    if (c.z[pts[j]] > floorZ) s.z.push_back(c.z[pts[j]]);
  if (s.z.size() < 3) return;
  const std::size_t lowN =
      std::min<std::size_t>(s.z.size(), static_cast<std::size_t>(std::max(1, cfg.seedCount)));
  std::nth_element(s.z.begin(), s.z.begin() + static_cast<std::ptrdiff_t>(lowN - 1), s.z.end());
  float lpr = 0;
  for (std::size_t j = 0; j < lowN; ++j) lpr += s.z[j];
  lpr /= static_cast<float>(lowN);
  const float band = cfg.seedBand;
  s.sel.clear();
  for (std::size_t j = 0; j < k; ++j)
    if (c.z[pts[j]] < lpr + band && c.z[pts[j]] > floorZ) s.sel.push_back(pts[j]);
  if (s.sel.size() < 3) return;
  float flatness = fitPlane(c, s.sel, plane);
  for (int it = 0; it < cfg.fitIterations; ++it) {
    s.sel.clear();
    for (std::size_t j = 0; j < k; ++j) {
      const auto i = pts[j];
      if (plane.n.x() * c.x[i] + plane.n.y() * c.y[i] + plane.n.z() * c.z[i] + plane.d <
          cfg.distanceThreshold)
        s.sel.push_back(i);
    }
    if (s.sel.size() < 3) return;
    if (it + 1 < cfg.fitIterations || cfg.fitIterations == 1) flatness = fitPlane(c, s.sel, plane);
  }
  float elevation = 0;  // mean z of the plane's points
  for (auto i : s.sel) elevation += c.z[i];
  elevation /= static_cast<float>(s.sel.size());
  const bool upright = plane.n.z() >= cfg.minNormalZ;
  const bool lowEnough =
      elevation < -cfg.sensorHeight + cfg.maxSlope * binRange + cfg.elevationMargin;
  const bool flat = flatness < cfg.maxFlatness;
  plane.accepted = upright && (lowEnough || flat);
  if (!plane.accepted) return;
  for (auto i : s.sel) isGround[i] = 1;
}

}  // namespace

GroundResult removeGround(const PointCloud& cloud, const GroundConfig& config) {
  const std::size_t n = cloud.size();
  GroundResult res;
  GroundConfig cfg = config;
  if (config.estimateHeight) {
    const float h = estimateSensorHeight(cloud, config);
    res.heightEstimated = std::isfinite(h);
    if (res.heightEstimated) cfg.sensorHeight = h;
  }
  res.sensorHeight = cfg.sensorHeight;
  res.isGround.assign(n, 0);
  res.groundHeight.assign(n, std::numeric_limits<float>::quiet_NaN());
  const Zones zones(cfg);
  if (zones.binCount == 0) return res;
  // Bin every finite point in range (counting sort by bin).
  std::vector<std::int32_t> binOf(n, -1);
  std::vector<std::uint32_t> start(static_cast<std::size_t>(zones.binCount) + 1, 0);
  const float outerRange = std::min(cfg.maxRange, zones.outer.back());
  const float r0 = cfg.minRange * cfg.minRange, r1 = outerRange * outerRange;
  for (std::size_t i = 0; i < n; ++i) {
    const float x = cloud.x[i], y = cloud.y[i], z = cloud.z[i];
    if (!std::isfinite(x) || !std::isfinite(y) || !std::isfinite(z)) continue;
    const float rr = x * x + y * y;
    if (rr < r0 || rr >= r1) continue;
    binOf[i] = zones.bin(std::sqrt(rr), fastAtan2(y, x));
    ++start[static_cast<std::size_t>(binOf[i]) + 1];
  }
  for (std::size_t b = 1; b < start.size(); ++b) start[b] += start[b - 1];
  std::vector<std::uint32_t> order(start.back());
  {
    std::vector<std::uint32_t> fill(start.begin(), start.end() - 1);
    for (std::size_t i = 0; i < n; ++i)
      if (binOf[i] >= 0)
        order[fill[static_cast<std::size_t>(binOf[i])]++] = static_cast<std::uint32_t>(i);
  }
  // Per-bin plane fits (independent: split across threads by bin ranges).
  std::vector<Plane> planes(static_cast<std::size_t>(zones.binCount));
  std::vector<float> binRange(planes.size());
  for (std::size_t z = 0; z < zones.outer.size(); ++z)
    for (int r = 0; r < zones.rings[z]; ++r)
      for (int s = 0; s < zones.sectors[z]; ++s) {
        const std::size_t b =
            static_cast<std::size_t>(zones.binOffset[z] + r * zones.sectors[z] + s);
        binRange[b] = zones.inner[z] + (static_cast<float>(r) + 0.5f) * zones.ringWidth[z];
      }
  const auto work = [&](std::size_t b0, std::size_t b1) {
    BinScratch scratch;
    for (std::size_t b = b0; b < b1; ++b)
      processBin(cloud, cfg, binRange[b], order.data() + start[b], start[b + 1] - start[b],
                 planes[b], res.isGround.data(), scratch);
  };
  const int t = std::max(1, cfg.threads);
  std::vector<std::thread> pool;
  const std::size_t nb = planes.size(), step = (nb + t - 1) / t;
  for (int k = 1; k < t; ++k)
    pool.emplace_back(work, std::min(nb, step * k), std::min(nb, step * (k + 1)));
  work(0, std::min(nb, step));
  for (auto& th : pool) th.join();
  // Fallback ground height per bin: its own plane at the bin centre, else the inner neighbour's.
  std::vector<float> binHeight(planes.size(), -cfg.sensorHeight);
  for (std::size_t z = 0; z < zones.outer.size(); ++z)
    for (int r = 0; r < zones.rings[z]; ++r)
      for (int s = 0; s < zones.sectors[z]; ++s) {
        const std::size_t b =
            static_cast<std::size_t>(zones.binOffset[z] + r * zones.sectors[z] + s);
        const float theta =
            -kPi + (static_cast<float>(s) + 0.5f) * 2 * kPi / static_cast<float>(zones.sectors[z]);
        if (planes[b].accepted) {
          binHeight[b] =
              planes[b].height(binRange[b] * std::cos(theta), binRange[b] * std::sin(theta));
        } else if (binRange[b] - zones.ringWidth[z] > cfg.minRange) {
          const float rin = binRange[b] - zones.ringWidth[z] * 0.5f - 1e-3f;
          binHeight[b] = binHeight[static_cast<std::size_t>(zones.bin(rin, theta))];
        }
      }
  for (std::size_t i = 0; i < n; ++i) {
    const float x = cloud.x[i], y = cloud.y[i];
    if (!std::isfinite(x) || !std::isfinite(y) || !std::isfinite(cloud.z[i])) continue;
    if (binOf[i] >= 0) {
      const Plane& p = planes[static_cast<std::size_t>(binOf[i])];
      res.groundHeight[i] =
          p.accepted ? p.height(x, y) : binHeight[static_cast<std::size_t>(binOf[i])];
      // Bins without an accepted plane: points at the neighbours' ground height are ground.
      if (!p.accepted && std::abs(cloud.z[i] - res.groundHeight[i]) < cfg.rescueBand)
        res.isGround[i] = 1;
    } else {
      const float r = std::sqrt(x * x + y * y);
      if (r < cfg.minRange) {
        // Inside the ego radius: the road height under the sensor; only road-level points are
        // ground (the ego vehicle's body is never at road height).
        res.groundHeight[i] = -cfg.sensorHeight;
        if (std::abs(cloud.z[i] - res.groundHeight[i]) < cfg.distanceThreshold) res.isGround[i] = 1;
      } else {
        res.groundHeight[i] = binHeight[static_cast<std::size_t>(
            zones.bin(zones.outer.back() - 1e-3f, fastAtan2(y, x)))];
      }
    }
  }
  if (cfg.verticalCell > 0.f) ground_detail::revertUnderStructures(cloud, cfg, binOf, res);
  for (std::size_t i = 0; i < n; ++i) res.groundCount += res.isGround[i];
  return res;
}

GroundConfig groundConfigNuscenes() {
  GroundConfig c;
  c.sensorHeight = 1.84f;
  c.minRange = 2.5f;
  c.zoneOuterRadius = {9.f, 22.f, 48.f, 80.f};
  c.zoneRings = {2, 3, 3, 3};
  c.zoneSectors = {12, 24, 36, 24};
  c.minBinPoints = 6;
  return c;
}

}  // namespace lidarlabel
