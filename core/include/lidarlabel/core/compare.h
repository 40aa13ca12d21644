#pragma once
// Agreement between two annotation sets of the same sequence ("reference" A, "test" B): boxes
// matched per class and frame by the Hungarian method on IoU, and per-point label agreement.
// This is the number a lead uses to score an annotator against a reviewer, or a pre-label set
// against ground truth. Frames are paired by index; boxes are in each sweep's LiDAR frame.
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "lidarlabel/core/annotation.h"
#include "lidarlabel/core/sequence.h"

namespace lidarlabel {

struct CompareConfig {
  double minIoU = 0.5;  // a reference and a test box of one class match when IoU >= this
  bool bev = false;     // true: bird's-eye-view IoU; false: 3D IoU (core/box_iou.h)
};

// Pooled counts and sums, so that results of frames, classes, sequences and shards add up
// exactly (merge = add); the means are derived.
struct MatchStats {
  std::size_t truePositives = 0;   // matched pairs
  std::size_t falsePositives = 0;  // test boxes without a match
  std::size_t falseNegatives = 0;  // reference boxes without a match
  double sumIoU = 0.0;             // over matched pairs
  double sumCentreError = 0.0;     // metres, Euclidean distance of the centres
  double sumYawErrorDeg = 0.0;     // degrees, |heading difference| in [0, 180]
  double sumSizeError = 0.0;       // metres, mean |difference| of length, width, height
  std::size_t idSwitches = 0;      // a reference track matched to another test track than before

  double precision() const;  // TP / (TP + FP); 1 when there are no test boxes
  double recall() const;     // TP / (TP + FN); 1 when there are no reference boxes
  double meanIoU() const;    // over matches; 0 when none
  double meanCentreError() const;
  double meanYawErrorDeg() const;
  double meanSizeError() const;
  void add(const MatchStats& other);
};

// Per semantic id: points labelled that id in A and in B (intersection) and in either (union).
struct PointAgreement {
  std::map<int, std::pair<std::size_t, std::size_t>> intersectionUnion;  // id -> (I, U)
  std::size_t points = 0, agreeing = 0;  // compared points, those with equal semantic ids
  std::size_t frames = 0;                // frames where both sets have labels
  // IoU per id with U > 0, except `ignore` (0 = unlabeled by default).
  std::map<int, double> classIoU(int ignore = 0) const;
  double meanIoU(int ignore = 0) const;  // mean of classIoU; 0 when none
  void add(const PointAgreement& other);
};

struct CompareResult {
  MatchStats overall;
  std::map<std::string, MatchStats> perClass;  // by class name (reference's or test's)
  std::vector<MatchStats> perFrame;            // one per frame
  PointAgreement points;
};

// Frame f's per-point labels of A and B (either may be empty = not labelled).
using LabelPairLoader = std::function<std::pair<PointLabels, PointLabels>(std::size_t frame)>;

// Matches frame by frame. std::invalid_argument when the frame counts differ. `labels` may be
// empty (no point agreement).
CompareResult compareSequences(const Sequence& reference, const Sequence& test,
                               const CompareConfig& config = {},
                               const LabelPairLoader& labels = {});

// Point agreement of one frame (sizes must match; std::invalid_argument otherwise).
PointAgreement comparePointLabels(const PointLabels& a, const PointLabels& b);

}  // namespace lidarlabel
