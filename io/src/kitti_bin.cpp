#include <cmath>
#include <cstring>
#include <fstream>

#include "lidarlabel/core/errors.h"
#include "lidarlabel/io/atomic_file.h"
#include "lidarlabel/io/sweep_io.h"

namespace lidarlabel {

namespace {
constexpr std::size_t kRecord = 4 * sizeof(float);
}

PointCloud readKittiBin(const std::string& path, const SweepReadOptions& options) {
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  if (!in) throw FileError(path, "", "cannot open");
  const auto bytes = static_cast<std::size_t>(in.tellg());
  if (bytes % kRecord != 0) {
    throw FileError(path, atByte(bytes - bytes % kRecord),
                    "size " + std::to_string(bytes) +
                        " is not a multiple of 16 bytes (float32 x, y, z, reflectance): "
                        "truncated or not a KITTI .bin");
  }
  const std::size_t n = bytes / kRecord;
  // One read into a temporary AoS buffer, then de-interleave: at most one extra copy.
  std::vector<float> raw(n * 4);
  in.seekg(0);
  if (!in.read(reinterpret_cast<char*>(raw.data()), static_cast<std::streamsize>(bytes)))
    throw FileError(path, "", "read failed");
  PointCloud cloud;
  cloud.resize(n);
  std::size_t out = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const float* r = &raw[4 * i];
    if (options.nonFinite != NonFinitePolicy::Keep &&
        (!std::isfinite(r[0]) || !std::isfinite(r[1]) || !std::isfinite(r[2]))) {
      if (options.nonFinite == NonFinitePolicy::Reject)
        throw FileError(path, atByte(i * kRecord),
                        "point " + std::to_string(i) + " has a NaN or infinite coordinate");
      continue;
    }
    cloud.x[out] = r[0];
    cloud.y[out] = r[1];
    cloud.z[out] = r[2];
    cloud.intensity[out] = r[3];
    ++out;
  }
  cloud.resize(out);
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
