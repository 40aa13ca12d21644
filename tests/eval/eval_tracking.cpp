// Tracking / propagation: from the first frame's GT boxes only, propagate through the sequence
// and score against the GT of every frame (CLEAR MOT).
#include <chrono>
#include <cstdio>
#include <map>
#include <set>

#include "eval_common.h"
#include "eval_sections.h"
#include "lidarlabel/core/box_iou.h"
#include "lidarlabel/core/ground.h"
#include "lidarlabel/core/tracking.h"

namespace lidarlabel::eval {

namespace {
constexpr std::size_t kMinPoints = 30;
constexpr double kMatchIoU = 0.25;  // 3D IoU for a true positive (AB3DMOT / KITTI-style)

struct MotStats {
  std::size_t gt = 0, tp = 0, fp = 0, fn = 0, idsw = 0, tracks = 0;
  double iouSum = 0.0, bevSum = 0.0;
  std::vector<double> stepMs;
  double mota() const {
    return gt ? 100.0 * (1.0 - static_cast<double>(fn + fp + idsw) / static_cast<double>(gt)) : 0.0;
  }
};

void runSequence(const SyntheticSequence& seq, MotStats& s) {
  if (seq.frames.empty()) return;
  const EvalFrame& first = seq.frames.front();
  std::vector<ObjectAnnotation> start;
  for (const ObjectAnnotation& o : first.objects)
    if (instancePoints(first, o.trackId) >= kMinPoints) start.push_back(o);
  std::set<std::uint32_t> startIds;
  for (const auto& o : start) startIds.insert(o.trackId);
  s.tracks += start.size();
  TrackerState state = startTracks(start, first.egoPose, first.time);
  std::map<std::uint32_t, std::uint32_t> lastMatch;  // gt id -> predicted id
  for (std::size_t fi = 1; fi < seq.frames.size(); ++fi) {
    const EvalFrame& f = seq.frames[fi];
    const GroundResult ground = removeGround(f.cloud);
    TrackFrame tf;
    tf.cloud = &f.cloud;
    tf.ground = &ground;
    tf.egoPose = f.egoPose;
    tf.time = f.time;
    const auto t0 = std::chrono::steady_clock::now();
    TrackStepResult r = trackNextFrame(state, tf);
    s.stepMs.push_back(msSince(t0));
    state = std::move(r.state);
    // Evaluated truth: started objects with 30+ points here. Truth objects with fewer points
    // (or not started) are "don't care": predictions on them are neither TP nor FP.
    std::vector<Cuboid> truth, careless, pred;
    std::vector<std::uint32_t> truthIds, predIds;
    for (const ObjectAnnotation& o : f.objects) {
      if (startIds.count(o.trackId) && instancePoints(f, o.trackId) >= kMinPoints) {
        truth.push_back(o.box);
        truthIds.push_back(o.trackId);
      } else {
        careless.push_back(o.box);
      }
    }
    for (const ObjectAnnotation& o : r.objects) {
      pred.push_back(o.box);
      predIds.push_back(o.trackId);
    }
    const std::vector<int> m = matchByIoU(truth, pred, iou3d, kMatchIoU);
    std::vector<char> used(pred.size(), 0);
    s.gt += truth.size();
    for (std::size_t i = 0; i < truth.size(); ++i) {
      if (m[i] < 0) {
        ++s.fn;
        continue;
      }
      used[m[i]] = 1;
      ++s.tp;
      s.iouSum += iou3d(truth[i], pred[m[i]]);
      s.bevSum += bevIoU(truth[i], pred[m[i]]);
      auto it = lastMatch.find(truthIds[i]);
      if (it != lastMatch.end() && it->second != predIds[m[i]]) ++s.idsw;
      lastMatch[truthIds[i]] = predIds[m[i]];
    }
    for (std::size_t j = 0; j < pred.size(); ++j) {
      if (used[j]) continue;
      bool dontCare = false;
      for (const Cuboid& c : careless) dontCare |= iou3d(c, pred[j]) >= kMatchIoU;
      s.fp += !dontCare;
    }
  }
}
}  // namespace

void trackingSection(const std::vector<SyntheticSequence>& sequences) {
  std::printf("### Tracking / propagation\n\n");
  std::printf(
      "Start: the GT boxes of frame 0 (objects with 30+ points); every later frame is "
      "propagated by `trackNextFrame` (world-frame Kalman prediction with ego poses, re-fit to "
      "the sweep's non-ground points, same size) with no further input. Scored against the GT "
      "of every frame on those objects while they have 30+ points: a true positive needs 3D "
      "IoU >= %.2f (Hungarian matching); predictions on other GT objects are ignored. MOTA = 1 - "
      "(FN + FP + IDSW) / GT. Mean IoU over true positives.\n\n",
      kMatchIoU);
  Table t;
  t.header = {"sequence",    "frames",       "tracks", "GT boxes", "MOTA (%)",      "ID switches",
              "mean 3D IoU", "mean BEV IoU", "FN",     "FP",       "median step ms"};
  for (const SyntheticSequence& seq : sequences) {
    MotStats s;
    runSequence(seq, s);
    const double tpd = static_cast<double>(std::max<std::size_t>(1, s.tp));
    t.rows.push_back({seq.name, std::to_string(seq.frames.size()), std::to_string(s.tracks),
                      std::to_string(s.gt), fmt(s.mota(), 1), "**" + std::to_string(s.idsw) + "**",
                      "**" + fmt(s.iouSum / tpd, 3) + "**", fmt(s.bevSum / tpd, 3),
                      std::to_string(s.fn), std::to_string(s.fp), fmt(median(s.stepMs), 2)});
  }
  t.print();
  std::printf("Targets: zero ID switches, mean 3D IoU >= 0.7 on objects with 30+ points.\n\n");
}

}  // namespace lidarlabel::eval
