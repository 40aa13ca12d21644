#include <cmath>
#include <cstring>

#include "lidarlabel/core/errors.h"
#include "lidarlabel/io/atomic_file.h"
#include "lidarlabel/io/sweep_io.h"
#include "mapped_file.h"
#include "sweep_decode.h"

namespace lidarlabel {

namespace {
constexpr std::size_t kRecord = 4 * sizeof(float);
}

PointCloud readKittiBin(const std::string& path, const SweepReadOptions& options) {
  // Memory-mapped and de-interleaved straight into the cloud: no heap copy of the file.
  const MappedFile file(path);
  const std::string_view bytes = file.bytes();
  if (bytes.size() % kRecord != 0) {
    throw FileError(path, atByte(bytes.size() - bytes.size() % kRecord),
                    "size " + std::to_string(bytes.size()) +
                        " is not a multiple of 16 bytes (float32 x, y, z, reflectance): "
                        "truncated or not a KITTI .bin");
  }
  decode::Column cols[decode::kNumChannels];
  for (int c = 0; c < 4; ++c) cols[c] = {bytes.data() + 4 * c, kRecord, decode::Scalar::F32, false};
  PointCloud cloud = decode::assemble(bytes.size() / kRecord, cols);
  decode::applyNonFinite(cloud, options.nonFinite, path,
                         [](std::size_t i) { return atByte(i * kRecord); });
  return cloud;
}

void writeKittiBin(const std::string& path, const PointCloud& cloud) {
  std::string bytes(cloud.size() * kRecord, '\0');
  for (std::size_t i = 0; i < cloud.size(); ++i) {
    const float r[4] = {cloud.x[i], cloud.y[i], cloud.z[i], cloud.intensity[i]};
    std::memcpy(bytes.data() + i * kRecord, r, kRecord);
  }
  writeFileAtomic(path, bytes);
}

}  // namespace lidarlabel
