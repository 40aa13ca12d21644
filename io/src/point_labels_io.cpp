// Native point-label sidecar (*.llpl); layout in native_format.h.
#include <cstring>

#include "crc32.h"
#include "lidarlabel/core/errors.h"
#include "lidarlabel/io/atomic_file.h"
#include "lidarlabel/io/native_format.h"

namespace lidarlabel {

namespace {
constexpr char kMagic[4] = {'L', 'L', 'P', 'L'};
constexpr std::uint32_t kVersion = 1;
constexpr std::size_t kHeader = 4 + 4 + 8 + 4;
}  // namespace

void writePointLabels(const std::string& path, const PointLabels& labels) {
  const std::uint64_t n = labels.semantic.size();
  if (labels.instance.size() != n)
    throw FileError(path, "", "semantic and instance label arrays differ in length");
  const std::size_t payload = static_cast<std::size_t>(n) * 4;
  std::string bytes(kHeader + payload, '\0');
  char* p = bytes.data();
  std::memcpy(p + kHeader, labels.semantic.data(), n * 2);
  std::memcpy(p + kHeader + n * 2, labels.instance.data(), n * 2);
  const std::uint32_t crc = crc32(p + kHeader, payload);
  std::memcpy(p, kMagic, 4);
  std::memcpy(p + 4, &kVersion, 4);
  std::memcpy(p + 8, &n, 8);
  std::memcpy(p + 16, &crc, 4);
  writeFileAtomic(path, bytes);
}

PointLabels readPointLabels(const std::string& path, long long expectedCount) {
  const std::string bytes = readFile(path);
  if (bytes.size() < kHeader)
    throw FileError(path, atByte(bytes.size()), "file too short for a point-label header");
  if (std::memcmp(bytes.data(), kMagic, 4) != 0)
    throw FileError(path, atByte(0), "not a lidarlabel point-label file (bad magic)");
  std::uint32_t version = 0, crc = 0;
  std::uint64_t n = 0;
  std::memcpy(&version, bytes.data() + 4, 4);
  std::memcpy(&n, bytes.data() + 8, 8);
  std::memcpy(&crc, bytes.data() + 16, 4);
  if (version > kVersion)
    throw FileError(path, atByte(4),
                    "point-label version " + std::to_string(version) + " is newer than supported");
  if (n > (bytes.size() - kHeader) / 4 || bytes.size() != kHeader + n * 4)
    throw FileError(path, atByte(8),
                    "header says " + std::to_string(n) + " labels but the file holds " +
                        std::to_string((bytes.size() - kHeader) / 4) + " (truncated or damaged)");
  if (crc32(bytes.data() + kHeader, n * 4) != crc)
    throw FileError(path, atByte(kHeader), "checksum mismatch: label data is damaged");
  if (expectedCount >= 0 && static_cast<long long>(n) != expectedCount)
    throw FileError(path, atByte(8),
                    "holds " + std::to_string(n) + " labels but the sweep has " +
                        std::to_string(expectedCount) + " points");
  PointLabels labels;
  labels.semantic.resize(n);
  labels.instance.resize(n);
  std::memcpy(labels.semantic.data(), bytes.data() + kHeader, n * 2);
  std::memcpy(labels.instance.data(), bytes.data() + kHeader + n * 2, n * 2);
  return labels;
}

}  // namespace lidarlabel
