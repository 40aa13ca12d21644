#pragma once
// Display colours of per-point labels (RGB8, 3 bytes per point, as colormap.h): by semantic
// class, by instance, by box/label disagreement. Lookup tables are built once, so recolouring
// the few thousand points a brush move changed costs only those points (colorLabelsAt).
#include <array>
#include <cstdint>
#include <vector>

#include "lidarlabel/core/annotation.h"
#include "lidarlabel/core/label_consistency.h"
#include "lidarlabel/core/ontology.h"

namespace lidarlabel {

inline constexpr Rgb kUnlabelledColor{128, 128, 128};    // semantic 0 / instance 0 / agreement
inline constexpr Rgb kOutsideOwnBoxColor{255, 40, 200};  // magenta: instance of a box elsewhere
inline constexpr Rgb kInsideOtherBoxColor{255, 140, 0};  // orange: another instance in a box

enum class LabelColoring { Semantic, Instance };

// A distinct, stable colour per instance id (0 = kUnlabelledColor); never the grey.
Rgb instanceColor(std::uint16_t instance);

// Semantic id -> colour for every uint16 (ontology class colour by semanticKittiId; 0 and
// unknown ids grey). 192 KiB, built once per ontology.
struct SemanticLut {
  std::vector<Rgb> color;  // 65536 entries
};
SemanticLut semanticLut(const Ontology& ontology);

// Colours of every point (labels empty or of another size: all grey).
std::vector<std::uint8_t> colorizeLabels(const PointLabels& labels, std::size_t points,
                                         LabelColoring mode, const SemanticLut& lut);
// Rewrites the colours of the listed points only (rgb holds 3 bytes per point).
void colorLabelsAt(std::vector<std::uint8_t>& rgb, const PointLabels& labels,
                   const std::vector<std::uint32_t>& indices, LabelColoring mode,
                   const SemanticLut& lut);

// Disagreement colouring: None grey, OutsideOwnBox magenta, InsideOtherBox orange.
std::vector<std::uint8_t> colorizeDisagreement(const std::vector<Disagreement>& perPoint);

}  // namespace lidarlabel
