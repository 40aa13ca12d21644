#include "lidarlabel/io/atomic_exports.h"

#include "lidarlabel/io/folder_transaction.h"

namespace lidarlabel {

KittiExportReport exportKittiObjectAtomically(const Sequence& sequence, const std::string& outDir,
                                              const Ontology& ontology,
                                              const KittiExportSettings& settings,
                                              const std::function<void(std::size_t)>& progress) {
  KittiExportReport report;
  writeFolderAtomic(outDir, {"label_2", "calib"}, [&](const std::string& staging) {
    report = exportKittiObject(sequence, staging, ontology, settings, progress);
  });
  return report;
}

KittiTrackingRows exportKittiTrackingAtomically(const Sequence& sequence, const std::string& outDir,
                                                const Ontology& ontology,
                                                const KittiTrackingExportSettings& settings) {
  KittiTrackingRows rows;
  writeFolderAtomic(outDir, {}, [&](const std::string& staging) {
    rows = exportKittiTracking(sequence, staging, ontology, settings);
  });
  return rows;
}

}  // namespace lidarlabel
