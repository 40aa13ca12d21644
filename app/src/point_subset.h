#pragma once
// The points of a cloud at the given indices, in that order, with every channel (ring / time
// when present). Used by the views that show part of a sweep (hidden ground, box views).
#include <cstdint>
#include <vector>

#include "lidarlabel/core/point_cloud.h"

namespace lidarlabel {

inline PointCloud pointSubset(const PointCloud& c, const std::vector<std::uint32_t>& index) {
  PointCloud out;
  out.resize(index.size(), c.hasRing(), c.hasTime());
  for (std::size_t k = 0; k < index.size(); ++k) {
    const std::uint32_t i = index[k];
    out.x[k] = c.x[i];
    out.y[k] = c.y[i];
    out.z[k] = c.z[i];
    out.intensity[k] = c.intensity[i];
    if (c.hasRing()) out.ring[k] = c.ring[i];
    if (c.hasTime()) out.time[k] = c.time[i];
  }
  return out;
}

}  // namespace lidarlabel
