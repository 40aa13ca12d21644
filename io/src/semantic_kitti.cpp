#include "lidarlabel/io/semantic_kitti.h"

#include <cstring>

#include "lidarlabel/core/errors.h"
#include "lidarlabel/io/atomic_file.h"

namespace lidarlabel {

PointLabels readSemanticKittiLabels(const std::string& path, long long expectedCount) {
  const std::string bytes = readFile(path);
  if (bytes.size() % 4 != 0)
    throw FileError(path, atByte(bytes.size() - bytes.size() % 4),
                    "size " + std::to_string(bytes.size()) +
                        " is not a multiple of 4 bytes (uint32 per point): truncated?");
  const std::size_t n = bytes.size() / 4;
  if (expectedCount >= 0 && static_cast<long long>(n) != expectedCount)
    throw FileError(path, "",
                    "holds " + std::to_string(n) + " labels but the sweep has " +
                        std::to_string(expectedCount) + " points");
  PointLabels labels;
  labels.resize(n);
  for (std::size_t i = 0; i < n; ++i) {
    std::uint32_t v = 0;
    std::memcpy(&v, bytes.data() + 4 * i, 4);
    labels.semantic[i] = static_cast<std::uint16_t>(v & 0xFFFFu);
    labels.instance[i] = static_cast<std::uint16_t>(v >> 16);
  }
  return labels;
}

void writeSemanticKittiLabels(const std::string& path, const PointLabels& labels) {
  if (labels.instance.size() != labels.semantic.size())
    throw FileError(path, "", "semantic and instance label arrays differ in length");
  std::string bytes(labels.size() * 4, '\0');
  for (std::size_t i = 0; i < labels.size(); ++i) {
    const std::uint32_t v = (static_cast<std::uint32_t>(labels.instance[i]) << 16) | labels.semantic[i];
    std::memcpy(bytes.data() + 4 * i, &v, 4);
  }
  writeFileAtomic(path, bytes);
}

}  // namespace lidarlabel
