#include "lidarlabel/core/point_cloud.h"

#include <algorithm>
#include <cmath>

namespace lidarlabel {

void PointCloud::resize(std::size_t n, bool withRing, bool withTime) {
  x.resize(n);
  y.resize(n);
  z.resize(n);
  intensity.resize(n);
  if (withRing || hasRing()) ring.resize(n);
  if (withTime || hasTime()) time.resize(n);
}

void PointCloud::reserve(std::size_t n) {
  x.reserve(n);
  y.reserve(n);
  z.reserve(n);
  intensity.reserve(n);
}

void PointCloud::push(float px, float py, float pz, float pi, std::uint16_t pring, float ptime) {
  const bool withRing = hasRing();
  const bool withTime = hasTime();
  x.push_back(px);
  y.push_back(py);
  z.push_back(pz);
  intensity.push_back(pi);
  if (withRing) ring.push_back(pring);
  if (withTime) time.push_back(ptime);
}

bool PointCloud::consistent() const {
  const std::size_t n = x.size();
  return y.size() == n && z.size() == n && intensity.size() == n &&
         (ring.empty() || ring.size() == n) && (time.empty() || time.size() == n);
}

std::size_t PointCloud::memoryBytes() const {
  return (x.capacity() + y.capacity() + z.capacity() + intensity.capacity() + time.capacity()) *
             sizeof(float) +
         ring.capacity() * sizeof(std::uint16_t);
}

std::size_t countNonFinite(const PointCloud& cloud) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < cloud.size(); ++i) n += isFinitePoint(cloud, i) ? 0 : 1;
  return n;
}

Bounds computeBounds(const PointCloud& cloud) {
  Bounds b;
  for (std::size_t i = 0; i < cloud.size(); ++i) {
    const float p[3] = {cloud.x[i], cloud.y[i], cloud.z[i]};
    if (!std::isfinite(p[0]) || !std::isfinite(p[1]) || !std::isfinite(p[2])) continue;
    for (int k = 0; k < 3; ++k) {
      if (!b.valid) {
        b.min[k] = b.max[k] = p[k];
      } else {
        b.min[k] = std::min(b.min[k], p[k]);
        b.max[k] = std::max(b.max[k], p[k]);
      }
    }
    b.valid = true;
  }
  return b;
}

}  // namespace lidarlabel
