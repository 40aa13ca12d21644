#pragma once
// Per-point display colours, computed on the CPU (render/ only uploads them).
#include <cstdint>
#include <vector>

#include "lidarlabel/core/annotation.h"
#include "lidarlabel/core/ontology.h"
#include "lidarlabel/core/point_cloud.h"

namespace lidarlabel {

enum class ColorMode { Height, Intensity, Semantic };

// RGB triplets, 3 bytes per point. Height: z mapped from [zMin, zMax] metres through a
// perceptual ramp; Intensity: robust 1st..99th percentile stretch; Semantic: ontology colour of
// labels.semantic (grey where unlabeled or when labels are empty). No-return (non-finite)
// points get a colour like any other (they are never drawn) but take no part in the stretch.
std::vector<std::uint8_t> colorize(const PointCloud& cloud, ColorMode mode, float zMin = -2.5f,
                                   float zMax = 2.5f, const PointLabels* labels = nullptr,
                                   const Ontology* ontology = nullptr);

// The ramp used above: t in [0,1] -> colour (clamped).
Rgb rampColor(float t);

}  // namespace lidarlabel
