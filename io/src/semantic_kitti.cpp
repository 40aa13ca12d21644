#include "lidarlabel/io/semantic_kitti.h"

#include <cstring>
#include <filesystem>

#include "lidarlabel/core/errors.h"
#include "lidarlabel/io/atomic_file.h"
#include "lidarlabel/io/folder_transaction.h"
#include "lidarlabel/io/kitti_object.h"
#include "lidarlabel/io/native_format.h"
#include "lidarlabel/io/sweep_io.h"

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
    const std::uint32_t v =
        (static_cast<std::uint32_t>(labels.instance[i]) << 16) | labels.semantic[i];
    std::memcpy(bytes.data() + 4 * i, &v, 4);
  }
  writeFileAtomic(path, bytes);
}

SemanticKittiExportReport exportSemanticKitti(const Sequence& s, const std::string& outDir,
                                              const std::function<void(std::size_t)>& progress) {
  SemanticKittiExportReport report;
  writeFolderAtomic(outDir, {"labels"}, [&](const std::string& tmp) {
    report = {};
    const std::filesystem::path dir = std::filesystem::path(tmp) / "labels";
    std::filesystem::create_directories(dir);
    for (std::size_t i = 0; i < s.size(); ++i) {
      if (!s.frames[i].pointLabelPath.empty()) {
        const long long points =
            static_cast<long long>(readSweep(s.sweepPathOf(i), s.sweepFormat).size());
        const PointLabels l =
            readPointLabels(resolvePath(s.root, s.frames[i].pointLabelPath), points);
        writeSemanticKittiLabels((dir / (kittiFrameStem(s, i) + ".label")).string(), l);
        ++report.frames;
      }
      if (progress) progress(i + 1);
    }
  });
  return report;
}

}  // namespace lidarlabel
