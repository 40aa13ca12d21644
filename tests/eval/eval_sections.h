#pragma once
// The report sections of lidarlabel-eval; each prints markdown to stdout.
#include <cstdint>
#include <string>
#include <vector>

#include "eval_common.h"

namespace lidarlabel::eval {

void groundSection(const std::vector<EvalFrame>& real, const std::vector<EvalFrame>& synthetic);
void fitSection(const std::vector<EvalFrame>& kitti, const std::vector<EvalFrame>& synthetic);
void trackingSection(const std::vector<SyntheticSequence>& sequences);
void prelabelSection(const std::vector<EvalFrame>& kitti,
                     const std::vector<SyntheticSequence>& sequences);
// False boxes per frame of the pre-labels on the real frames (tuning and report split).
void precisionSection(const std::vector<EvalFrame>& semantic, const std::vector<EvalFrame>& kitti,
                      const std::vector<EvalFrame>& nuscenes);
// --effort: the scripted annotator on the bundled KITTI frames and a simulated sequence; prints
// the breakdown and the last line "effort interactions_per_box=... manual_per_box=... boxes=...
// frames=...". Needs the app library (Editor) and a QCoreApplication.
int effortMain(std::uint64_t seed, int frames, bool clutter);
// Google Benchmark JSON files (--benchmark_format=json) -> one markdown table each.
void speedSection(const std::vector<std::string>& jsonFiles);

// Optimal one-to-one matching of truth to predictions by IoU (iou(truth, pred)), keeping pairs
// with IoU >= minIoU. Returns, per truth box, the matched prediction index or -1.
std::vector<int> matchByIoU(const std::vector<Cuboid>& truth, const std::vector<Cuboid>& pred,
                            double (*iou)(const Cuboid&, const Cuboid&), double minIoU);

}  // namespace lidarlabel::eval
