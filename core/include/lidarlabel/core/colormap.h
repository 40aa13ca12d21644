#pragma once
// Per-point display colours, computed on the CPU (render/ only uploads them).
#include <cstdint>
#include <vector>

#include "lidarlabel/core/annotation.h"
#include "lidarlabel/core/cuboid.h"
#include "lidarlabel/core/ontology.h"
#include "lidarlabel/core/point_cloud.h"

namespace lidarlabel {

enum class ColorMode { Height, Intensity, Semantic, BoxMembership };

// The boxes of ColorMode::BoxMembership: a point inside boxes[k] (closed box, the rule of
// points_in_box.h; overlaps resolved by its nearest box centre) gets colors[k], every other
// point (and every non-finite one) gets `outside`.
struct BoxColors {
  std::vector<Cuboid> boxes;
  std::vector<Rgb> colors;     // one per box (missing entries: `outside`)
  Rgb outside{110, 110, 110};  // grey
};

// RGB triplets, 3 bytes per point. Height: z mapped from [zMin, zMax] metres through a
// perceptual ramp; Intensity: robust 1st..99th percentile stretch; Semantic: ontology colour of
// labels.semantic (grey where unlabeled or when labels are empty); BoxMembership: see BoxColors
// (every point `outside` grey when boxes is null).
std::vector<std::uint8_t> colorize(const PointCloud& cloud, ColorMode mode, float zMin = -2.5f,
                                   float zMax = 2.5f, const PointLabels* labels = nullptr,
                                   const Ontology* ontology = nullptr,
                                   const BoxColors* boxes = nullptr);

// ColorMode::BoxMembership on its own.
std::vector<std::uint8_t> colorizeByBoxes(const PointCloud& cloud, const BoxColors& boxes);

// The ramp used above: t in [0,1] -> colour (clamped).
Rgb rampColor(float t);

}  // namespace lidarlabel
