#pragma once
// One LiDAR sweep as structure-of-arrays.
//
// Frame: the LiDAR sensor frame, x forward, y left, z up, metres (right-handed).
// intensity: as stored by the source format, not rescaled (KITTI 0..1, nuScenes 0..255).
// ring: laser index, 0 = the beam the source numbers first; empty when unknown.
// time: seconds relative to the sweep's timestamp; empty when unknown.
// Memory: 16 bytes per point (+2 with ring, +4 with time).
#include <cstddef>
#include <cstdint>
#include <vector>

namespace lidarlabel {

struct PointCloud {
  std::vector<float> x, y, z, intensity;
  std::vector<std::uint16_t> ring;  // empty or size()
  std::vector<float> time;          // empty or size()

  std::size_t size() const { return x.size(); }
  bool empty() const { return x.empty(); }
  bool hasRing() const { return !ring.empty(); }
  bool hasTime() const { return !time.empty(); }

  // Resizes every present channel; withRing/withTime add those channels. A channel is "present"
  // when its vector is non-empty, so an empty cloud has no optional channels.
  void resize(std::size_t n, bool withRing = false, bool withTime = false);
  void reserve(std::size_t n);
  // Appends one point; ring/time are appended only if those channels are present.
  void push(float px, float py, float pz, float pi, std::uint16_t pring = 0, float ptime = 0.f);
  // True when every present channel has size() elements.
  bool consistent() const;
  std::size_t memoryBytes() const;
};

// Point i has a return: finite x, y and z. Non-finite points ("no return" pixels of organised
// sweeps, kept so that point indices match the file) are never drawn, in no box, never ground,
// never clustered, fitted, tracked or counted by any algorithm.
inline bool isFinitePoint(const PointCloud& cloud, std::size_t i) {
  // v - v is 0 for finite v and NaN for NaN/Inf; the sum is 0 only when all three are finite.
  return (cloud.x[i] - cloud.x[i]) + (cloud.y[i] - cloud.y[i]) + (cloud.z[i] - cloud.z[i]) == 0.f;
}
// Number of points without a return (NaN or infinite x, y or z).
std::size_t countNonFinite(const PointCloud& cloud);

// Axis-aligned bounds of the finite points; valid == false for a cloud with none.
struct Bounds {
  float min[3]{0, 0, 0};
  float max[3]{0, 0, 0};
  bool valid = false;
};
Bounds computeBounds(const PointCloud& cloud);

}  // namespace lidarlabel
