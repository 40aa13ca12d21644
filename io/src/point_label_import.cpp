#include "lidarlabel/io/point_label_import.h"

#include <filesystem>

#include "lidarlabel/core/errors.h"
#include "lidarlabel/io/folder_transaction.h"
#include "lidarlabel/io/kitti_object.h"
#include "lidarlabel/io/native_format.h"
#include "lidarlabel/io/nuscenes_lidarseg.h"
#include "lidarlabel/io/semantic_kitti.h"
#include "lidarlabel/io/sweep_io.h"

namespace fs = std::filesystem;

namespace lidarlabel {

namespace {
constexpr const char* kSidecarDir = "point_labels";  // native sidecars, relative to the root
}

PointLabelSource semanticKittiLabelSource(const std::string& dir, const Sequence& sequence,
                                          const Ontology& ontology) {
  return {[dir, &sequence](std::size_t i) {
            return (fs::path(dir) / (kittiFrameStem(sequence, i) + ".label")).string();
          },
          [&ontology](const std::string& file, long long points) {
            return readSemanticKittiLabelsMapped(file, ontology, points);
          }};
}

PointLabelSource lidarsegLabelSource(const std::string& dir, const Sequence& sequence,
                                     const Ontology& ontology,
                                     const NuscenesExportSettings& settings) {
  return {[dir, &sequence, settings](std::size_t i) {
            const fs::path byToken =
                fs::path(dir) / (nuscenesSampleDataToken(sequence, i, settings) + "_lidarseg.bin");
            if (fs::exists(byToken)) return byToken.string();
            std::string stem = fs::path(sequence.frames[i].info.sweepPath).filename().string();
            stem = stem.substr(0, stem.find('.'));
            return (fs::path(dir) / (stem + "_lidarseg.bin")).string();
          },
          [&ontology](const std::string& file, long long points) {
            return readNuscenesLidarseg(file, ontology, points);
          }};
}

PointLabelImportReport importPointLabels(Sequence& sequence, const std::string& docPath,
                                         const PointLabelSource& source,
                                         const std::function<void(std::size_t)>& progress) {
  const fs::path root = sequence.root.empty() ? fs::path(".") : fs::path(sequence.root);
  const fs::path docName = fs::path(docPath).filename();
  if (fs::absolute(fs::path(docPath)).parent_path().lexically_normal() !=
      fs::absolute(root).lexically_normal())
    throw FileError(docPath, "",
                    "the annotation file must lie in the sequence folder " + root.string());
  Sequence updated = sequence;
  PointLabelImportReport report;
  writeFolderAtomic(root.string(), {}, [&](const std::string& staging) {
    fs::create_directories(fs::path(staging) / kSidecarDir);
    for (std::size_t i = 0; i < updated.size(); ++i) {
      const std::string src = source.fileFor(i);
      if (!src.empty() && fs::exists(src)) {
        const long long points =
            static_cast<long long>(readSweep(updated.sweepPathOf(i), updated.sweepFormat).size());
        const PointLabels labels = source.read(src, points);
        const std::string rel =
            std::string(kSidecarDir) + "/" + kittiFrameStem(updated, i) + ".llpl";
        writePointLabels((fs::path(staging) / rel).string(), labels);
        updated.frames[i].pointLabelPath = rel;
        ++report.frames;
      }
      if (progress) progress(i + 1);
    }
    saveNativeSequence(updated, (fs::path(staging) / docName).string());
  });
  sequence = std::move(updated);
  return report;
}

}  // namespace lidarlabel
