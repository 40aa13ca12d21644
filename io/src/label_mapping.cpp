// Per-point label class mapping: SemanticKITTI raw ids and nuScenes lidarseg indices.
#include <array>
#include <optional>

#include "lidarlabel/core/errors.h"
#include "lidarlabel/io/atomic_file.h"
#include "lidarlabel/io/nuscenes_lidarseg.h"
#include "lidarlabel/io/semantic_kitti.h"

namespace lidarlabel {

namespace {

// Lookup tables id -> mapped id, built once per call (ids are 16-bit / 8-bit).
std::vector<int> semanticTable(const Ontology& ontology) {
  std::vector<int> t(65536, -1);
  for (const ClassDef& c : ontology.classes)
    if (c.semanticKittiId >= 0 && c.semanticKittiId < 65536)
      t[static_cast<std::size_t>(c.semanticKittiId)] = c.semanticKittiId;
  return t;
}

}  // namespace

std::uint16_t semanticKittiStaticId(std::uint16_t rawId) {
  switch (rawId) {
    case 252:
      return 10;  // moving-car -> car
    case 253:
      return 31;  // moving-bicyclist -> bicyclist
    case 254:
      return 30;  // moving-person -> person
    case 255:
      return 32;  // moving-motorcyclist -> motorcyclist
    case 256:
      return 16;  // moving-on-rails -> on-rails
    case 257:
      return 13;  // moving-bus -> bus
    case 258:
      return 18;  // moving-truck -> truck
    case 259:
      return 20;  // moving-other-vehicle -> other-vehicle
    default:
      return rawId;
  }
}

PointLabels semanticKittiToOntology(const PointLabels& raw, const Ontology& ontology,
                                    LabelMappingReport* report) {
  const std::vector<int> known = semanticTable(ontology);
  PointLabels out = raw;
  LabelMappingReport r;
  for (std::uint16_t& id : out.semantic) {
    const std::uint16_t s = semanticKittiStaticId(id);
    r.movingMapped += s != id ? 1 : 0;
    if (known[s] < 0) {
      ++r.unknown;
      id = 0;
    } else {
      id = s;
    }
  }
  if (report) *report = r;
  return out;
}

PointLabels readSemanticKittiLabelsMapped(const std::string& path, const Ontology& ontology,
                                          long long expectedCount, LabelMappingReport* report) {
  return semanticKittiToOntology(readSemanticKittiLabels(path, expectedCount), ontology, report);
}

PointLabels readNuscenesLidarseg(const std::string& path, const Ontology& ontology,
                                 long long expectedCount, LabelMappingReport* report) {
  const std::string bytes = readFile(path);
  if (expectedCount >= 0 && static_cast<long long>(bytes.size()) != expectedCount)
    throw FileError(path, "",
                    "holds " + std::to_string(bytes.size()) +
                        " labels (1 byte each) but the sweep has " + std::to_string(expectedCount) +
                        " points");
  std::array<int, 256> byIndex;
  byIndex.fill(-1);
  for (auto it = ontology.classes.rbegin(); it != ontology.classes.rend(); ++it)  // first wins
    if (it->nuscenesLidarsegIndex >= 0 && it->nuscenesLidarsegIndex < 256)
      byIndex[static_cast<std::size_t>(it->nuscenesLidarsegIndex)] = it->semanticKittiId;
  PointLabels out;
  out.resize(bytes.size());
  LabelMappingReport r;
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    const int id = byIndex[static_cast<unsigned char>(bytes[i])];
    if (id < 0) ++r.unknown;
    out.semantic[i] = static_cast<std::uint16_t>(id < 0 ? 0 : id);
  }
  if (report) *report = r;
  return out;
}

void writeNuscenesLidarseg(const std::string& path, const PointLabels& labels,
                           const Ontology& ontology, LabelMappingReport* report) {
  std::vector<int> toIndex(65536, -1);
  for (auto it = ontology.classes.rbegin(); it != ontology.classes.rend(); ++it)  // first wins
    if (it->semanticKittiId >= 0 && it->semanticKittiId < 65536)
      toIndex[static_cast<std::size_t>(it->semanticKittiId)] = it->nuscenesLidarsegIndex;
  std::string bytes(labels.size(), '\0');
  LabelMappingReport r;
  for (std::size_t i = 0; i < labels.size(); ++i) {
    const int idx = toIndex[labels.semantic[i]];
    if (idx < 0 || idx > 255) {
      ++r.unknown;
      continue;
    }
    bytes[i] = static_cast<char>(idx);
  }
  if (report) *report = r;
  writeFileAtomic(path, bytes);
}

}  // namespace lidarlabel
