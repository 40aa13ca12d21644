// One-click fitting: click the GT centre, then a point jittered inside the GT box; compare the
// fitted box with the GT box.
#include <chrono>
#include <cmath>
#include <cstdio>
#include <numbers>
#include <random>

#include "eval_common.h"
#include "eval_sections.h"
#include "lidarlabel/core/box_fit.h"
#include "lidarlabel/core/box_iou.h"
#include "lidarlabel/core/ground.h"
#include "lidarlabel/io/ontology_io.h"

namespace lidarlabel::eval {

namespace {
struct FitStats {
  std::vector<double> iou, yawDeg, ms;
  std::size_t turned = 0;  // fits of long objects (length >= 1.3 x width) off by more than 45 deg
  std::vector<double> topErr;     // metres, |fitted top - GT top|, successful fits only
  std::vector<double> bottomErr;  // metres, |fitted bottom - GT bottom|, successful fits only
  std::size_t objects = 0, failed = 0;
};

// Yaw error in degrees modulo 180 (one sweep cannot tell a box's front from its back).
double yawErrorDeg(double a, double b) {
  double d = std::abs(angleDiff(a, b));
  if (d > std::numbers::pi / 2) d = std::numbers::pi - d;
  return d * 180.0 / std::numbers::pi;
}

void fitFrame(const EvalFrame& f, const std::vector<std::string>& classes, std::size_t minPoints,
              FitStats& s, std::mt19937& rng) {
  const GroundResult ground = removeGround(f.cloud);
  const Ontology& ontology = defaultOntology();
  std::uniform_real_distribution<double> u(-0.3, 0.3);
  for (const ObjectAnnotation& o : f.objects) {
    if (std::find(classes.begin(), classes.end(), o.className) == classes.end()) continue;
    if (instancePoints(f, o.trackId) < minPoints) continue;
    ++s.objects;
    const ClassDef* prior = ontology.find(o.className);
    const Eigen::Vector3d jitter =
        o.box.rotation() * Eigen::Vector3d(u(rng) * o.box.size.x(), u(rng) * o.box.size.y(), 0.0);
    for (const Eigen::Vector3d& click : {o.box.center, Eigen::Vector3d(o.box.center + jitter)}) {
      const auto t0 = std::chrono::steady_clock::now();
      const FitResult r = fitBoxAtPoint(f.cloud, ground, click, FitConfig{}, prior);
      s.ms.push_back(msSince(t0));
      if (!r.ok) {
        ++s.failed;
        s.iou.push_back(0.0);
        s.yawDeg.push_back(90.0);
        s.turned += o.box.size.x() >= 1.3 * o.box.size.y();
        continue;
      }
      s.iou.push_back(bevIoU(r.box, o.box));
      s.yawDeg.push_back(yawErrorDeg(r.box.yaw, o.box.yaw));
      s.turned += o.box.size.x() >= 1.3 * o.box.size.y() && s.yawDeg.back() > 45.0;
      s.bottomErr.push_back(std::abs(r.box.center.z() - r.box.size.z() / 2 -
                                     (o.box.center.z() - o.box.size.z() / 2)));
      s.topErr.push_back(std::abs(r.box.center.z() + r.box.size.z() / 2 -
                                  (o.box.center.z() + o.box.size.z() / 2)));
    }
  }
}

std::vector<std::string> row(const std::string& name, const FitStats& s, const char* target) {
  std::size_t above = 0;
  for (double v : s.iou) above += v >= 0.7;
  return {name,
          std::to_string(s.objects),
          std::to_string(s.iou.size()),
          "**" + fmt(median(s.iou), 3) + "**",
          fmt(100.0 * static_cast<double>(above) / std::max<std::size_t>(1, s.iou.size()), 0),
          fmt(median(s.yawDeg), 2),
          std::to_string(s.turned),
          s.topErr.empty() ? std::string("-") : fmt(median(s.topErr), 2),
          s.bottomErr.empty() ? std::string("-") : fmt(median(s.bottomErr), 2),
          std::to_string(s.failed),
          fmt(median(s.ms), 2),
          target};
}
}  // namespace

void fitSection(const std::vector<EvalFrame>& kitti, const std::vector<EvalFrame>& synthetic) {
  std::printf("### One-click box fitting\n\n");
  std::printf(
      "Two clicks per ground-truth object: its box centre, then a point jittered uniformly within "
      "+-30 %% of its length and width (fixed seed). `fitBoxAtPoint` with the class's default "
      "size as prior, ground from `removeGround`. BEV IoU against the GT box; yaw error in "
      "degrees modulo 180 (a single sweep cannot tell front from back); \"turned\" counts fits "
      "of long objects (GT length >= 1.3 x width: not the square pedestrians, whose yaw a sweep "
      "does not show) off by more than 45 deg (length and width swapped); "
      "top error = |fitted box top - GT box top| (the top is raised by half the beam gap above the "
      "highest return, "
      "`FitConfig::maxTopGap`); bottom error likewise (the bottom is the local ground). KITTI GT: "
      "`label_2` converted with io/kitti_object.h.\n\n");
  std::mt19937 rng(7);
  FitStats real, syn;
  for (const EvalFrame& f : kitti) fitFrame(f, {"car"}, 50, real, rng);
  for (const EvalFrame& f : synthetic)
    fitFrame(f, {"car", "van", "truck", "bus", "pedestrian", "cyclist"}, 50, syn, rng);
  Table t;
  t.header = {"data",
              "objects",
              "clicks",
              "median BEV IoU",
              "IoU >= 0.7 (%)",
              "median yaw err (deg)",
              "turned > 45 deg",
              "median top err (m)",
              "median bottom err (m)",
              "no fit",
              "median ms",
              "target"};
  t.rows.push_back(row("KITTI object 000000-000005, cars with 50+ points", real, "median >= 0.80"));
  if (!synthetic.empty())
    t.rows.push_back(row("synthetic, all road users with 50+ points (" +
                             std::to_string(synthetic.size()) + " frames)",
                         syn, "median >= 0.85"));
  t.print();
}

}  // namespace lidarlabel::eval
