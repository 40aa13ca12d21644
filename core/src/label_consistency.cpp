#include "lidarlabel/core/label_consistency.h"

#include <map>
#include <unordered_map>
#include <unordered_set>

#include "lidarlabel/core/points_in_box.h"

namespace lidarlabel {

namespace {

std::vector<std::int32_t> owners(const PointCloud& cloud,
                                 const std::vector<ObjectAnnotation>& objects) {
  if (objects.empty()) return std::vector<std::int32_t>(cloud.size(), -1);
  std::vector<Cuboid> boxes;
  boxes.reserve(objects.size());
  for (const ObjectAnnotation& o : objects) boxes.push_back(o.box);
  PointsInBoxConfig config;
  config.indexLists = false;
  return pointsInBoxes(cloud, boxes, config).owner;
}

std::uint16_t semanticOf(const Ontology& ontology, const std::string& className) {
  const ClassDef* c = ontology.find(className);
  return c ? static_cast<std::uint16_t>(c->semanticKittiId) : 0;
}

// instance -> index of the box carrying it (the first, should two ids share low 16 bits).
std::unordered_map<std::uint16_t, std::size_t> boxOfInstance(
    const std::vector<ObjectAnnotation>& objects) {
  std::unordered_map<std::uint16_t, std::size_t> m;
  for (std::size_t k = 0; k < objects.size(); ++k) m.emplace(instanceOf(objects[k].trackId), k);
  return m;
}

}  // namespace

std::vector<LabelGroup> labelsFromBoxes(const PointCloud& cloud,
                                        const std::vector<ObjectAnnotation>& objects,
                                        const std::vector<std::size_t>& which,
                                        const Ontology& ontology) {
  const std::vector<std::int32_t> owner = owners(cloud, objects);
  std::vector<LabelGroup> groups;
  std::vector<int> slot(objects.size(), -1);
  for (const std::size_t k : which) {
    if (k >= objects.size() || slot[k] >= 0) continue;
    slot[k] = static_cast<int>(groups.size());
    groups.push_back(
        {semanticOf(ontology, objects[k].className), instanceOf(objects[k].trackId), {}});
  }
  for (std::uint32_t i = 0; i < owner.size(); ++i)
    if (owner[i] >= 0 && slot[static_cast<std::size_t>(owner[i])] >= 0)
      groups[static_cast<std::size_t>(slot[static_cast<std::size_t>(owner[i])])].indices.push_back(
          i);
  return groups;
}

DisagreementResult findDisagreements(const PointCloud& cloud, const PointLabels& labels,
                                     const std::vector<ObjectAnnotation>& objects) {
  DisagreementResult r;
  r.perPoint.assign(cloud.size(), Disagreement::None);
  if (labels.size() != cloud.size() || objects.empty()) return r;
  const std::vector<std::int32_t> owner = owners(cloud, objects);
  const auto boxOf = boxOfInstance(objects);
  std::map<std::pair<std::uint32_t, int>, std::uint32_t> counts;
  for (std::size_t i = 0; i < cloud.size(); ++i) {
    const std::uint16_t inst = labels.instance[i];
    if (inst == 0) continue;
    const std::int32_t o = owner[i];
    Disagreement d = Disagreement::None;
    std::uint32_t track = 0;
    if (o >= 0 && instanceOf(objects[static_cast<std::size_t>(o)].trackId) != inst) {
      d = Disagreement::InsideOtherBox;
      track = objects[static_cast<std::size_t>(o)].trackId;
    } else if (o < 0) {
      if (const auto it = boxOf.find(inst); it != boxOf.end()) {
        d = Disagreement::OutsideOwnBox;
        track = objects[it->second].trackId;
      }
    }
    if (d == Disagreement::None) continue;
    r.perPoint[i] = d;
    ++r.total;
    ++counts[{track, static_cast<int>(d)}];
  }
  for (const auto& [key, n] : counts)
    r.cases.push_back({key.first, static_cast<Disagreement>(key.second), n});
  return r;
}

std::vector<LabelGroup> instancesFromBoxes(const PointCloud& cloud, const PointLabels& labels,
                                           const std::vector<ObjectAnnotation>& objects,
                                           const Ontology& ontology) {
  std::vector<LabelGroup> groups;
  if (cloud.empty()) return groups;
  const bool have = labels.size() == cloud.size();
  const std::vector<std::int32_t> owner = owners(cloud, objects);
  const auto boxOf = boxOfInstance(objects);
  std::unordered_set<std::uint16_t> thing{0};
  for (const ClassDef& c : ontology.classes)
    if (c.isThing) thing.insert(static_cast<std::uint16_t>(c.semanticKittiId));
  std::map<std::pair<std::uint16_t, std::uint16_t>, std::vector<std::uint32_t>> byValue;
  for (std::uint32_t i = 0; i < cloud.size(); ++i) {
    const std::uint16_t sem = have ? labels.semantic[i] : 0, inst = have ? labels.instance[i] : 0;
    std::uint16_t nsem = sem, ninst = inst;
    if (owner[i] >= 0) {
      const ObjectAnnotation& o = objects[static_cast<std::size_t>(owner[i])];
      if (thing.count(sem)) {
        nsem = semanticOf(ontology, o.className);
        ninst = instanceOf(o.trackId);
      } else if (inst != 0 && inst != instanceOf(o.trackId)) {
        ninst = 0;  // stuff inside the box keeps its class and carries no other instance
      }
    } else if (inst != 0 && boxOf.count(inst)) {
      ninst = 0;
    }
    if (nsem != sem || ninst != inst) byValue[{nsem, ninst}].push_back(i);
  }
  for (auto& [value, indices] : byValue)
    groups.push_back({value.first, value.second, std::move(indices)});
  return groups;
}

}  // namespace lidarlabel
