// A sequence's point labels as nuScenes lidarseg files (FORMATS.md §4.5).
#include <filesystem>
#include <nlohmann/json.hpp>

#include "lidarlabel/io/atomic_file.h"
#include "lidarlabel/io/native_format.h"
#include "lidarlabel/io/nuscenes_lidarseg.h"

namespace fs = std::filesystem;

namespace lidarlabel {

LidarsegExportReport exportNuscenesLidarseg(const Sequence& s, const std::string& dataroot,
                                            const Ontology& ontology,
                                            const NuscenesExportSettings& settings) {
  LidarsegExportReport report;
  nlohmann::json records = nlohmann::json::array();
  const std::string rel = "lidarseg/" + settings.version;
  fs::create_directories(fs::path(dataroot) / "lidarseg");
  replaceDirectoryAtomic((fs::path(dataroot) / rel).string(), [&](const std::string& tmp) {
    for (std::size_t i = 0; i < s.size(); ++i) {
      if (s.frames[i].pointLabelPath.empty()) continue;
      const PointLabels labels = readPointLabels(resolvePath(s.root, s.frames[i].pointLabelPath));
      const std::string sd = nuscenesSampleDataToken(s, i, settings);
      const std::string name = sd + "_lidarseg.bin";
      LabelMappingReport r;
      writeNuscenesLidarseg((fs::path(tmp) / name).string(), labels, ontology, &r);
      report.unknown += r.unknown;
      ++report.frames;
      records.push_back({{"token", sd}, {"sample_data_token", sd}, {"filename", rel + "/" + name}});
    }
  });
  fs::create_directories(fs::path(dataroot) / settings.version);
  writeFileAtomic((fs::path(dataroot) / settings.version / "lidarseg.json").string(),
                  records.dump(1) + "\n");
  return report;
}

}  // namespace lidarlabel
