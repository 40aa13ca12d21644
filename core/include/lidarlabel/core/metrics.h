#pragma once
// Quality metrics shared by the tests and the evaluation program, so every figure is computed by
// one piece of code. (Box IoU lives in box_iou.h.)
#include <cstdint>
#include <vector>

#include "lidarlabel/core/annotation.h"

namespace lidarlabel {

// Ground-segmentation protocol of Patchwork++ (Lee et al. 2022) on SemanticKITTI raw ids:
// ground = road 40, parking 44, sidewalk 48, other-ground 49, lane-marking 60, terrain 72;
// vegetation 70, unlabeled 0 and outlier 1 are excluded from numerator AND denominator.
bool isSemanticKittiGround(std::uint16_t semantic);
bool isSemanticKittiGroundExcluded(std::uint16_t semantic);

struct GroundScores {
  std::size_t truePositive = 0, falsePositive = 0, falseNegative = 0, trueNegative = 0;
  std::size_t excluded = 0;  // points skipped by the protocol
  double precision = 0.0;    // percent, 0..100 (0 when undefined)
  double recall = 0.0;       // percent
  double f1 = 0.0;           // percent
};

// mask[i] != 0 = predicted ground; labels.semantic[i] = SemanticKITTI raw id (instance ignored).
// Sizes must match (std::invalid_argument otherwise).
GroundScores groundScores(const std::vector<std::uint8_t>& mask, const PointLabels& labels);
// Pools the counts of several frames (micro average) and recomputes P / R / F1.
GroundScores poolGroundScores(const std::vector<GroundScores>& perFrame);

}  // namespace lidarlabel
