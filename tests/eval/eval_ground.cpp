// Ground removal quality: Patchwork++ protocol (core/metrics.h), ours vs PCL RANSAC plane, one
// row per frame, pooled per split, and where the remaining errors are (class, range).
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <map>

#include "pcl_baselines.h"

#include "eval_common.h"
#include "eval_ground_data.h"
#include "eval_sections.h"
#include "lidarlabel/core/ground.h"
#include "lidarlabel/core/metrics.h"
#include "lidarlabel/io/ontology_io.h"

namespace lidarlabel::eval {

namespace {
// The baseline people reach for: one RANSAC plane over the whole sweep (PCL SACSegmentation,
// 0.2 m threshold, 100 iterations, fixed seed) on the finite points. Returns the inlier mask.
std::vector<std::uint8_t> ransacGround(const PointCloud& c, double& ms) {
  const auto t0 = std::chrono::steady_clock::now();
  std::vector<std::uint32_t> finite;
  PointCloud kept;
  for (std::size_t i = 0; i < c.size(); ++i)
    if (std::isfinite(c.x[i]) && std::isfinite(c.y[i]) && std::isfinite(c.z[i])) {
      finite.push_back(static_cast<std::uint32_t>(i));
      kept.push(c.x[i], c.y[i], c.z[i], 0.f);
    }
  const pcl::PointIndices inliers = baseline::ransacPlane(baseline::toPcl(kept));
  std::vector<std::uint8_t> mask(c.size(), 0);
  for (int i : inliers.indices) mask[finite[static_cast<std::size_t>(i)]] = 1;
  ms = msSince(t0);
  return mask;
}

// Errors of one frame by (SemanticKITTI class, BEV range band).
using ErrorCounts = std::map<std::pair<std::uint16_t, int>, std::size_t>;
constexpr float kBands[] = {10.f, 20.f, 40.f};
int rangeBand(float x, float y) {
  const float r = std::hypot(x, y);
  int b = 0;
  while (b < 3 && r >= kBands[b]) ++b;
  return b;
}
const char* bandName(int b) {
  static const char* names[] = {"<10 m", "10-20 m", "20-40 m", ">40 m"};
  return names[b];
}

struct Row {
  std::string name, split;
  std::size_t points = 0;
  GroundScores ours, ransac;
  double oursMs = 0, ransacMs = 0;
  float sensorHeight = 0;  // the ground removal's estimate, metres
  ErrorCounts falseNegatives, falsePositives;
  // The scores with trunk (RELLIS "tree") excluded like vegetation: ours, RANSAC.
  GroundScores oursTreeExcluded, ransacTreeExcluded;
  std::size_t flatTrunkFalsePositives = 0;  // trunk points within 0.15 m of the fitted ground
  // Ablations: the sensor height assumed (1.73 m) instead of estimated; and in addition no
  // beam-spacing rule for wall feet (the ground removal before issue 9).
  GroundScores assumedHeight, before;
};

GroundConfig assumedHeightConfig() {
  GroundConfig c;
  c.estimateHeight = false;
  return c;
}
GroundConfig beforeConfig() {
  GroundConfig c = assumedHeightConfig();
  c.verticalBeamSteps = 0.f;
  return c;
}

Row evaluate(const EvalFrame& f, const std::string& split) {
  Row r;
  r.name = f.source;
  r.split = split;
  for (std::size_t i = 0; i < f.cloud.size(); ++i)
    r.points += std::isfinite(f.cloud.x[i]) && std::isfinite(f.cloud.z[i]);
  // Best of 3 runs for the time (the first run warms caches); quality from the first.
  GroundResult g;
  r.oursMs = 1e30;
  for (int k = 0; k < 3; ++k) {
    const auto t0 = std::chrono::steady_clock::now();
    GroundResult gk = removeGround(f.cloud, GroundConfig{});
    r.oursMs = std::min(r.oursMs, msSince(t0));
    if (k == 0) g = std::move(gk);
  }
  r.sensorHeight = g.sensorHeight;
  r.ours = groundScores(g.isGround, f.labels);
  const std::vector<std::uint8_t> ransac = ransacGround(f.cloud, r.ransacMs);
  r.ransac = groundScores(ransac, f.labels);
  PointLabels noTrees = f.labels;
  for (auto& s : noTrees.semantic)
    if (s == 71) s = 70;  // trunk -> vegetation
  r.oursTreeExcluded = groundScores(g.isGround, noTrees);
  r.assumedHeight = groundScores(removeGround(f.cloud, assumedHeightConfig()).isGround, f.labels);
  r.before = groundScores(removeGround(f.cloud, beforeConfig()).isGround, f.labels);
  r.ransacTreeExcluded = groundScores(ransac, noTrees);
  for (std::size_t i = 0; i < f.cloud.size(); ++i) {
    const std::uint16_t s = f.labels.semantic[i];
    if (isSemanticKittiGroundExcluded(s)) continue;
    const bool truth = isSemanticKittiGround(s), predicted = g.isGround[i] != 0;
    if (truth == predicted) continue;
    auto& counts = truth ? r.falseNegatives : r.falsePositives;
    if (s == 71 && std::abs(f.cloud.z[i] - g.groundHeight[i]) < 0.15f) ++r.flatTrunkFalsePositives;
    ++counts[{s, rangeBand(f.cloud.x[i], f.cloud.y[i])}];
  }
  return r;
}

std::vector<std::string> cells(const Row& r) {
  return {r.name,
          r.split,
          std::to_string(r.points),
          fmt(r.sensorHeight, 2),
          fmt(r.ours.precision, 2),
          fmt(r.ours.recall, 2),
          "**" + fmt(r.ours.f1, 2) + "**",
          fmt(r.oursMs, 1),
          fmt(r.ransac.f1, 2),
          fmt(r.ransacMs, 1)};
}

std::vector<std::string> pooledCells(const std::string& name, const std::string& split,
                                     const std::vector<Row>& rows) {
  std::vector<GroundScores> ours, ransac;
  double ms = 0;
  for (const Row& r : rows) {
    ours.push_back(r.ours);
    ransac.push_back(r.ransac);
    ms = std::max(ms, r.oursMs);
  }
  Row p;
  p.ours = poolGroundScores(ours);
  p.ransac = poolGroundScores(ransac);
  auto c = cells(p);
  c[0] = "**" + name + ", pooled over " + std::to_string(rows.size()) + "**";
  c[1] = split;
  c[2] = c[3] = "";
  c[7] = "max " + fmt(ms, 1);
  c[9] = "";
  return c;
}

// "road <10 m: 120, terrain 20-40 m: 80" -- the largest error groups of a set of rows.
std::string topErrors(const std::vector<Row>& rows, bool negatives, std::size_t count) {
  ErrorCounts all;
  std::size_t total = 0;
  for (const Row& r : rows)
    for (const auto& [key, n] : negatives ? r.falseNegatives : r.falsePositives) {
      all[key] += n;
      total += n;
    }
  std::vector<std::pair<std::size_t, std::pair<std::uint16_t, int>>> sorted;
  for (const auto& [key, n] : all) sorted.push_back({n, key});
  std::sort(sorted.rbegin(), sorted.rend());
  std::string s = std::to_string(total) + (total ? ": " : "");
  for (std::size_t k = 0; k < std::min(count, sorted.size()); ++k) {
    const ClassDef* c = defaultOntology().findBySemanticKittiId(sorted[k].second.first);
    s += (k ? ", " : "") + (c ? c->name : std::to_string(sorted[k].second.first)) + " " +
         bandName(sorted[k].second.second) + " " + std::to_string(sorted[k].first);
  }
  return s;
}

struct Group {
  std::string name, split;
  std::vector<Row> rows;
};
}  // namespace

void groundSection(const std::vector<EvalFrame>& real, const std::vector<EvalFrame>& synthetic) {
  std::printf("### Ground removal (Patchwork++ protocol)\n\n");
  std::printf(
      "Ground = road, parking, sidewalk, other-ground, lane-marking, terrain; vegetation, "
      "unlabeled and outlier points are excluded from both numerator and denominator. %s. "
      "P / R / F1 in percent, time in ms per sweep on one core (best of 3; the speed table has "
      "the benchmark), `h` = the sensor height above the road the ground removal estimated from "
      "the sweep (m). Baseline: PCL `SACSegmentation` single RANSAC plane (0.2 m, 100 "
      "iterations) on the same sweep. Reference (issue 5): Patchwork++ defaults on the three "
      "SemanticKITTI frames, P 98.6 / R 99.5 / F1 99.05, 32-38 ms.\n\n",
      rellisMappingText().c_str());
  std::printf(
      "Splits: **tuning** = SemanticKITTI 00 frames 0-2 (the parameters were chosen on them) "
      "and the synthetic default-sensor sequences (seeds 1-3, used while developing); "
      "**report** = frames no parameter was chosen on: the RELLIS-3D Ouster OS1-64 scan "
      "(off-road, another sensor and mounting) and synthetic sweeps of seeds 21 and 22 (never "
      "used while developing) seen by other sensors: 64 beams at 1.2 / 1.73 / 2.5 m, a 32-beam "
      "HDL-32E-like (+10.7..-30.7 deg) and a 128-beam (+15..-25 deg) sensor at 1.73 m. "
      "SemanticKITTI frames 3-5 have no labels and are not scored.\n\n");
  std::vector<Group> groups;
  groups.push_back({"SemanticKITTI 00", "tuning", {}});
  for (const EvalFrame& f : real) groups.back().rows.push_back(evaluate(f, "tuning"));
  groups.push_back({"synthetic default sensor, seeds 1-3", "tuning", {}});
  for (const EvalFrame& f : synthetic) groups.back().rows.push_back(evaluate(f, "tuning"));
  groups.push_back({"RELLIS-3D", "report", {}});
  for (const EvalFrame& f : rellisFrames()) groups.back().rows.push_back(evaluate(f, "report"));
  for (const SyntheticSensor& s : groundSensors()) {
    groups.push_back({"synthetic " + s.name, "report", {}});
    for (std::uint64_t seed : {21u, 22u})
      for (const EvalFrame& f : syntheticGroundFrames(s, seed, 2, 10))
        groups.back().rows.push_back(evaluate(f, "report"));
  }
  Table t;
  t.header = {"frame",  "split",   "points",  "h",         "ours P",
              "ours R", "ours F1", "ours ms", "RANSAC F1", "RANSAC ms"};
  std::vector<Row> tuning, report;
  int wins = 0, total = 0;
  for (const Group& g : groups) {
    if (g.rows.empty()) continue;
    for (std::size_t i = 0; i < g.rows.size(); ++i) {
      // The 120 default-sensor frames: every 10th row, all of them in the pooled row.
      if (g.rows.size() <= 20 || i % 10 == 0) t.rows.push_back(cells(g.rows[i]));
      (g.split == "tuning" ? tuning : report).push_back(g.rows[i]);
      wins += g.rows[i].ours.f1 > g.rows[i].ransac.f1;
      ++total;
    }
    if (g.rows.size() > 1) t.rows.push_back(pooledCells(g.name, g.split, g.rows));
  }
  t.rows.push_back(pooledCells("tuning split", "tuning", tuning));
  t.rows.push_back(pooledCells("report split", "report", report));
  t.print();
  std::printf("Ours beats the RANSAC baseline on F1 on %d of %d frames.\n\n", wins, total);
  std::printf(
      "Where the remaining errors are: misclassified points by SemanticKITTI class and BEV range "
      "(largest groups; false negatives = ground called non-ground).\n\n");
  Table e;
  e.header = {"frames", "false negatives", "false positives"};
  for (const Group& g : groups)
    if (!g.rows.empty())
      e.rows.push_back({g.name, topErrors(g.rows, true, 3), topErrors(g.rows, false, 3)});
  e.print();
  std::printf(
      "What each change brings (pooled F1): **now** = defaults; **height assumed** = "
      "`estimateHeight = false` (the road 1.73 m below the sensor, as before); **before** = "
      "that and `verticalBeamSteps = 0` (no wall-foot rule by the structure's own point "
      "spacing), i.e. the ground removal before this change.\n\n");
  Table a;
  a.header = {"frames", "split", "now F1", "height assumed F1", "before F1"};
  const auto pool = [](const std::vector<Row>& rows, GroundScores Row::*field) {
    std::vector<GroundScores> v;
    for (const Row& r : rows) v.push_back(r.*field);
    return fmt(poolGroundScores(v).f1, 2);
  };
  for (const Group& g : groups)
    if (!g.rows.empty())
      a.rows.push_back({g.name, g.split, pool(g.rows, &Row::ours),
                        pool(g.rows, &Row::assumedHeight), pool(g.rows, &Row::before)});
  a.rows.push_back({"**tuning split**", "tuning", pool(tuning, &Row::ours),
                    pool(tuning, &Row::assumedHeight), pool(tuning, &Row::before)});
  a.rows.push_back({"**report split**", "report", pool(report, &Row::ours),
                    pool(report, &Row::assumedHeight), pool(report, &Row::before)});
  a.print();
  for (const Group& g : groups)
    if (g.name == "RELLIS-3D")
      for (const Row& r : g.rows)
        std::printf(
            "RELLIS-3D: %zu of the %zu false positives are points labelled *tree* within "
            "0.15 m of the fitted ground (seen in the analysis: a patch 4-8 m from the sensor "
            "with almost no tree points above it, cover under a canopy that geometry cannot tell "
            "from the ground). Scoring *tree* like SemanticKITTI vegetation (excluded) instead of "
            "like trunk gives P %s / R %s / F1 %s for ours, F1 %s for RANSAC.\n\n",
            r.flatTrunkFalsePositives, r.ours.falsePositive,
            fmt(r.oursTreeExcluded.precision, 2).c_str(), fmt(r.oursTreeExcluded.recall, 2).c_str(),
            fmt(r.oursTreeExcluded.f1, 2).c_str(), fmt(r.ransacTreeExcluded.f1, 2).c_str());
}

}  // namespace lidarlabel::eval
