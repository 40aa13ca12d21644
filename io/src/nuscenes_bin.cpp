// nuScenes LIDAR_TOP .pcd.bin: float32 x, y, z, intensity, ring per point, no header.
#include <cmath>
#include <cstring>

#include "lidarlabel/core/errors.h"
#include "lidarlabel/io/atomic_file.h"
#include "lidarlabel/io/sweep_io.h"
#include "mapped_file.h"
#include "sweep_decode.h"

namespace lidarlabel {

namespace {
constexpr std::size_t kRecord = 5 * sizeof(float);
}

PointCloud readNuscenesBin(const std::string& path, const SweepReadOptions& options) {
  const MappedFile file(path);
  const std::string_view bytes = file.bytes();
  if (bytes.size() % kRecord != 0)
    throw FileError(path, atByte(bytes.size() - bytes.size() % kRecord),
                    "size " + std::to_string(bytes.size()) +
                        " is not a multiple of 20 bytes (float32 x, y, z, intensity, ring): "
                        "truncated or not a nuScenes .pcd.bin");
  const std::size_t n = bytes.size() / kRecord;
  decode::Column cols[decode::kNumChannels];
  for (int c = 0; c < 4; ++c) cols[c] = {bytes.data() + 4 * c, kRecord, decode::Scalar::F32, false};
  PointCloud cloud = decode::assemble(n, cols);
  cloud.ring.resize(n);
  for (std::size_t i = 0; i < n; ++i) {
    float r;
    std::memcpy(&r, bytes.data() + i * kRecord + 16, 4);
    if (!(r >= 0.f && r <= 65535.f) || r != std::floor(r))
      throw FileError(path, atByte(i * kRecord + 16),
                      "point " + std::to_string(i) + ": ring " + std::to_string(r) +
                          " is not an integer in 0..65535");
    cloud.ring[i] = static_cast<std::uint16_t>(r);
  }
  decode::applyNonFinite(cloud, options.nonFinite, path,
                         [](std::size_t i) { return atByte(i * kRecord); });
  return cloud;
}

void writeNuscenesBin(const std::string& path, const PointCloud& cloud) {
  std::string bytes(cloud.size() * kRecord, '\0');
  for (std::size_t i = 0; i < cloud.size(); ++i) {
    const float ring = cloud.hasRing() ? static_cast<float>(cloud.ring[i]) : 0.f;
    const float r[5] = {cloud.x[i], cloud.y[i], cloud.z[i], cloud.intensity[i], ring};
    std::memcpy(bytes.data() + i * kRecord, r, kRecord);
  }
  writeFileAtomic(path, bytes);
}

}  // namespace lidarlabel
