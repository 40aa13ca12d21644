// Pre-labelling recall: share of GT objects that a pre-labelled box covers at BEV IoU >= 0.5; of
// those, how close the boxes are (3D IoU >= 0.7, the vehicles' length error).
#include <chrono>
#include <cmath>
#include <cstdio>
#include <map>

#include "eval_common.h"
#include "eval_sections.h"
#include "lidarlabel/core/box_iou.h"
#include "lidarlabel/core/ground.h"
#include "lidarlabel/core/prelabel.h"
#include "lidarlabel/io/ontology_io.h"

namespace lidarlabel::eval {

namespace {
constexpr std::size_t kMinPoints = 30;
constexpr double kRecallIoU = 0.5;

bool isVehicle(const std::string& c) {
  return c == "car" || c == "van" || c == "truck" || c == "bus";
}

// The object's length as `box` measures it: its side along the object's heading (a box turned
// across its object measures the object's length with its width).
double lengthAlong(const Cuboid& box, double heading) {
  const double off = std::abs(std::cos(angleDiff(box.yaw, heading)));
  return off >= std::sqrt(0.5) ? box.size.x() : box.size.y();
}

struct Recall {
  std::map<std::string, std::pair<std::size_t, std::size_t>> byClass;  // found, total
  std::size_t close = 0;          // found objects whose box has 3D IoU >= 0.7
  std::vector<double> lengthErr;  // found vehicles: |box length - GT length|, metres
  std::size_t boxes = 0, frames = 0;
  double seconds = 0;
  void add(const EvalFrame& f, const std::vector<ObjectAnnotation>& pred) {
    std::vector<Cuboid> truth, boxes_;
    std::vector<std::string> cls;
    for (const ObjectAnnotation& o : f.objects) {
      if (instancePoints(f, o.trackId) < kMinPoints) continue;
      truth.push_back(o.box);
      cls.push_back(o.className);
    }
    for (const ObjectAnnotation& o : pred) boxes_.push_back(o.box);
    const std::vector<int> m = matchByIoU(truth, boxes_, bevIoU, kRecallIoU);
    for (std::size_t i = 0; i < truth.size(); ++i) {
      auto& c = byClass[cls[i]];
      c.second++;
      c.first += m[i] >= 0;
      if (m[i] < 0) continue;
      const Cuboid& b = boxes_[static_cast<std::size_t>(m[i])];
      close += iou3d(b, truth[i]) >= 0.7;
      if (isVehicle(cls[i]))
        lengthErr.push_back(std::abs(lengthAlong(b, truth[i].yaw) - truth[i].size.x()));
    }
    boxes += pred.size();
    frames++;
  }
  std::string pct(std::pair<std::size_t, std::size_t> c) const {
    return c.second ? fmt(100.0 * static_cast<double>(c.first) / static_cast<double>(c.second), 1) +
                          " (" + std::to_string(c.first) + "/" + std::to_string(c.second) + ")"
                    : "-";
  }
  std::vector<std::string> row(const std::string& name) const {
    std::pair<std::size_t, std::size_t> all{0, 0}, vehicles{0, 0};
    for (const auto& [k, v] : byClass) {
      all.first += v.first;
      all.second += v.second;
      if (isVehicle(k)) {
        vehicles.first += v.first;
        vehicles.second += v.second;
      }
    }
    auto get = [&](const char* k) {
      auto it = byClass.find(k);
      return it == byClass.end() ? std::pair<std::size_t, std::size_t>{0, 0} : it->second;
    };
    return {name,
            std::to_string(frames),
            "**" + pct(all) + "**",
            pct(vehicles),
            pct(get("pedestrian")),
            pct(get("cyclist")),
            pct({close, all.first}),
            lengthErr.empty() ? std::string("-") : fmt(median(lengthErr), 2),
            fmt(static_cast<double>(boxes) / std::max<std::size_t>(1, frames), 1),
            seconds > 0 ? fmt(static_cast<double>(frames) / seconds, 1) : "-"};
  }
};
}  // namespace

void prelabelSection(const std::vector<EvalFrame>& kitti,
                     const std::vector<SyntheticSequence>& sequences) {
  std::printf("### Pre-labelling\n\n");
  std::printf(
      "`prelabelSequence` (ground -> clustering -> L-shape fit with class priors -> tracking), "
      "no input but the sweeps and ego poses. Recall: GT objects with 30+ points covered by a "
      "pre-labelled box at BEV IoU >= 0.5 (one-to-one Hungarian matching per frame), found/total "
      "in brackets. Of the objects found: the share whose box has 3D IoU >= 0.7 with the GT box "
      "(the KITTI car standard and the effort benchmark's: such a box needs no geometry edit), "
      "and the median error of the "
      "vehicles' length (the box's side along the GT heading). KITTI GT covers the camera "
      "field of view only, so boxes/frame there include objects behind and beside the car. fps = "
      "whole pipeline incl. ground removal, 2 "
      "threads.\n\n");
  const Ontology& ontology = defaultOntology();
  Table t;
  t.header = {"data",
              "frames",
              "recall, all",
              "vehicles",
              "pedestrians",
              "cyclists",
              "found at 3D IoU >= 0.7",
              "vehicle length err (m)",
              "boxes / frame",
              "fps"};
  {
    Recall r;
    const auto t0 = std::chrono::steady_clock::now();
    std::vector<std::vector<ObjectAnnotation>> preds;
    for (const EvalFrame& f : kitti)
      preds.push_back(detectObjects(f.cloud, removeGround(f.cloud), ontology));
    r.seconds = msSince(t0) / 1000.0;
    for (std::size_t i = 0; i < kitti.size(); ++i) r.add(kitti[i], preds[i]);
    t.rows.push_back(r.row("KITTI object 000000-000005 (single sweeps, detection only)"));
  }
  for (const SyntheticSequence& seq : sequences) {
    Sequence s;
    s.name = seq.name;
    for (const EvalFrame& f : seq.frames) {
      Frame fr;
      fr.info.egoPose = f.egoPose;
      fr.info.timestampUs = static_cast<std::int64_t>(f.time * 1e6 + 0.5);
      s.frames.push_back(fr);
    }
    PrelabelStats stats;
    const Sequence out = prelabelSequence(
        s, [&](std::size_t i) { return seq.frames[i].cloud; }, ontology, {}, &stats);
    Recall r;
    r.seconds = stats.seconds;
    for (std::size_t i = 0; i < seq.frames.size(); ++i) r.add(seq.frames[i], out.frames[i].objects);
    t.rows.push_back(r.row(seq.name + " (whole sequence, tracked)"));
  }
  t.print();
}

}  // namespace lidarlabel::eval
