#include "lidarlabel/core/label_colors.h"

#include <algorithm>

#include "lidarlabel/core/colormap.h"

namespace lidarlabel {

namespace {
void put(std::vector<std::uint8_t>& out, std::size_t i, Rgb c) {
  out[3 * i] = c.r;
  out[3 * i + 1] = c.g;
  out[3 * i + 2] = c.b;
}

Rgb colorOf(const PointLabels& labels, std::size_t i, LabelColoring mode, const SemanticLut& lut) {
  return mode == LabelColoring::Semantic ? lut.color[labels.semantic[i]]
                                         : instanceColor(labels.instance[i]);
}
}  // namespace

Rgb instanceColor(std::uint16_t instance) {
  if (instance == 0) return kUnlabelledColor;
  // Golden-ratio steps around the ramp, alternating brightness: neighbours ids look different.
  const float t = static_cast<float>(instance) * 0.6180339887f;
  Rgb c = rampColor(t - static_cast<float>(static_cast<int>(t)));
  if (instance % 2 == 0) {
    c.r = static_cast<std::uint8_t>(c.r / 2 + 127);
    c.g = static_cast<std::uint8_t>(c.g / 2 + 127);
    c.b = static_cast<std::uint8_t>(c.b / 2 + 127);
  }
  if (c == kUnlabelledColor) c.r = 140;
  return c;
}

SemanticLut semanticLut(const Ontology& ontology) {
  SemanticLut lut;
  lut.color.assign(65536, kUnlabelledColor);
  for (auto it = ontology.classes.rbegin(); it != ontology.classes.rend(); ++it)
    if (it->semanticKittiId > 0 && it->semanticKittiId < 65536)
      lut.color[static_cast<std::size_t>(it->semanticKittiId)] = it->color;  // first class wins
  return lut;
}

std::vector<std::uint8_t> colorizeLabels(const PointLabels& labels, std::size_t points,
                                         LabelColoring mode, const SemanticLut& lut) {
  std::vector<std::uint8_t> out(3 * points);
  if (labels.size() != points) {
    for (std::size_t i = 0; i < points; ++i) put(out, i, kUnlabelledColor);
    return out;
  }
  for (std::size_t i = 0; i < points; ++i) put(out, i, colorOf(labels, i, mode, lut));
  return out;
}

void colorLabelsAt(std::vector<std::uint8_t>& rgb, const PointLabels& labels,
                   const std::vector<std::uint32_t>& indices, LabelColoring mode,
                   const SemanticLut& lut) {
  const std::size_t n = std::min(rgb.size() / 3, labels.size());
  for (const std::uint32_t i : indices)
    if (i < n) put(rgb, i, colorOf(labels, i, mode, lut));
}

std::vector<std::uint8_t> colorizeDisagreement(const std::vector<Disagreement>& perPoint) {
  std::vector<std::uint8_t> out(3 * perPoint.size());
  for (std::size_t i = 0; i < perPoint.size(); ++i)
    put(out, i,
        perPoint[i] == Disagreement::OutsideOwnBox    ? kOutsideOwnBoxColor
        : perPoint[i] == Disagreement::InsideOtherBox ? kInsideOtherBoxColor
                                                      : kUnlabelledColor);
  return out;
}

}  // namespace lidarlabel
