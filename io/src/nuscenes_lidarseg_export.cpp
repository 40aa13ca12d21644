// A sequence's point labels as nuScenes lidarseg files (FORMATS.md §4.5).
#include <filesystem>
#include <nlohmann/json.hpp>

#include "lidarlabel/core/errors.h"
#include "lidarlabel/io/atomic_file.h"
#include "lidarlabel/io/folder_transaction.h"
#include "lidarlabel/io/native_format.h"
#include "lidarlabel/io/nuscenes_lidarseg.h"
#include "lidarlabel/io/sweep_io.h"
#include "nuscenes_util.h"

namespace fs = std::filesystem;

namespace lidarlabel {

namespace nusc {

LidarsegExportReport writeLidarseg(const Sequence& s, const std::string& root,
                                   const Ontology& ontology, const NuscenesExportSettings& settings,
                                   const std::vector<long long>& pointCounts) {
  LidarsegExportReport report;
  nlohmann::json records = nlohmann::json::array();
  const std::string rel = "lidarseg/" + settings.version;
  const fs::path dir = fs::path(root) / rel;
  fs::create_directories(dir);
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s.frames[i].pointLabelPath.empty()) continue;
    const long long points =
        i < pointCounts.size()
            ? pointCounts[i]
            : static_cast<long long>(readSweep(s.sweepPathOf(i), s.sweepFormat).size());
    const PointLabels labels =
        readPointLabels(resolvePath(s.root, s.frames[i].pointLabelPath), points);
    const std::string sd = nuscenesSampleDataToken(s, i, settings);
    const std::string name = sd + "_lidarseg.bin";
    LabelMappingReport r;
    writeNuscenesLidarseg((dir / name).string(), labels, ontology, &r);
    report.unknown += r.unknown;
    ++report.frames;
    records.push_back({{"token", sd}, {"sample_data_token", sd}, {"filename", rel + "/" + name}});
  }
  fs::create_directories(fs::path(root) / settings.version);
  writeFileAtomic((fs::path(root) / settings.version / "lidarseg.json").string(),
                  records.dump(1) + "\n");
  return report;
}

}  // namespace nusc

LidarsegExportReport exportNuscenesLidarseg(const Sequence& s, const std::string& dataroot,
                                            const Ontology& ontology,
                                            const NuscenesExportSettings& settings) {
  LidarsegExportReport report;
  writeFolderAtomic(dataroot, {"lidarseg/" + settings.version}, [&](const std::string& root) {
    report = nusc::writeLidarseg(s, root, ontology, settings, {});
  });
  return report;
}

}  // namespace lidarlabel
