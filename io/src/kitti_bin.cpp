#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <vector>

#include "lidarlabel/core/errors.h"
#include "lidarlabel/io/atomic_file.h"
#include "lidarlabel/io/sweep_io.h"
#include "sweep_decode.h"

namespace lidarlabel {

namespace {
constexpr std::size_t kRecord = 4 * sizeof(float);
}

PointCloud readKittiBin(const std::string& path, const SweepReadOptions& options) {
  // Read in 64 KiB chunks (cache-resident) and de-interleaved into the cloud: the only memory
  // besides the cloud is the chunk buffer.
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw FileError(path, "", std::string("cannot open: ") + std::strerror(errno));
  struct Closer {
    int fd;
    ~Closer() { ::close(fd); }
  } closer{fd};
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode))
    throw FileError(path, "", "not a regular file");
  const auto bytes = static_cast<std::size_t>(st.st_size);
  if (bytes % kRecord != 0) {
    throw FileError(path, atByte(bytes - bytes % kRecord),
                    "size " + std::to_string(bytes) +
                        " is not a multiple of 16 bytes (float32 x, y, z, reflectance): "
                        "truncated or not a KITTI .bin");
  }
  const std::size_t n = bytes / kRecord;
  PointCloud cloud;
  cloud.resize(n);
  constexpr std::size_t kChunkPoints = 4096;
  std::vector<float> chunk(kChunkPoints * 4);
  bool allFinite = true;
  for (std::size_t first = 0; first < n; first += kChunkPoints) {
    const std::size_t count = std::min(kChunkPoints, n - first);
    std::size_t got = 0;
    auto* dst = reinterpret_cast<char*>(chunk.data());
    while (got < count * kRecord) {
      const ::ssize_t r = ::read(fd, dst + got, count * kRecord - got);
      if (r <= 0)
        throw FileError(path, atByte(first * kRecord + got), "read failed (file changed?)");
      got += static_cast<std::size_t>(r);
    }
    float* x = cloud.x.data() + first;
    float* y = cloud.y.data() + first;
    float* z = cloud.z.data() + first;
    float* in = cloud.intensity.data() + first;
    for (std::size_t i = 0; i < count; ++i) {
      x[i] = chunk[4 * i];
      y[i] = chunk[4 * i + 1];
      z[i] = chunk[4 * i + 2];
      in[i] = chunk[4 * i + 3];
      // x - x is 0 for finite x and NaN for NaN/Inf: one branch-free test per point.
      allFinite &= (x[i] - x[i]) + (y[i] - y[i]) + (z[i] - z[i]) == 0.f;
    }
  }
  if (!allFinite)
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
