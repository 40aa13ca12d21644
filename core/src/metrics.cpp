#include "lidarlabel/core/metrics.h"

#include <stdexcept>
#include <string>

namespace lidarlabel {

bool isSemanticKittiGround(std::uint16_t s) {
  return s == 40 || s == 44 || s == 48 || s == 49 || s == 60 || s == 72;
}

bool isSemanticKittiGroundExcluded(std::uint16_t s) {
  return s == 0 || s == 1 || s == 70;
}

namespace {

void finish(GroundScores& g) {
  const double tp = static_cast<double>(g.truePositive);
  const double predicted = tp + static_cast<double>(g.falsePositive);
  const double actual = tp + static_cast<double>(g.falseNegative);
  g.precision = predicted > 0 ? 100.0 * tp / predicted : 0.0;
  g.recall = actual > 0 ? 100.0 * tp / actual : 0.0;
  g.f1 = g.precision + g.recall > 0 ? 2.0 * g.precision * g.recall / (g.precision + g.recall) : 0.0;
}

}  // namespace

GroundScores groundScores(const std::vector<std::uint8_t>& mask, const PointLabels& labels) {
  if (mask.size() != labels.semantic.size()) {
    throw std::invalid_argument("groundScores: mask has " + std::to_string(mask.size()) +
                                " entries, labels " + std::to_string(labels.semantic.size()));
  }
  GroundScores g;
  for (std::size_t i = 0; i < mask.size(); ++i) {
    const std::uint16_t s = labels.semantic[i];
    if (isSemanticKittiGroundExcluded(s)) {
      ++g.excluded;
      continue;
    }
    const bool truth = isSemanticKittiGround(s);
    const bool pred = mask[i] != 0;
    if (truth && pred)
      ++g.truePositive;
    else if (!truth && pred)
      ++g.falsePositive;
    else if (truth)
      ++g.falseNegative;
    else
      ++g.trueNegative;
  }
  finish(g);
  return g;
}

GroundScores poolGroundScores(const std::vector<GroundScores>& perFrame) {
  GroundScores g;
  for (const auto& f : perFrame) {
    g.truePositive += f.truePositive;
    g.falsePositive += f.falsePositive;
    g.falseNegative += f.falseNegative;
    g.trueNegative += f.trueNegative;
    g.excluded += f.excluded;
  }
  finish(g);
  return g;
}

}  // namespace lidarlabel
