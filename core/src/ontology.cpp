#include "lidarlabel/core/ontology.h"

#include <algorithm>

namespace lidarlabel {

namespace {
template <typename Pred>
const ClassDef* findIf(const std::vector<ClassDef>& classes, Pred pred) {
  auto it = std::find_if(classes.begin(), classes.end(), pred);
  return it == classes.end() ? nullptr : &*it;
}
}  // namespace

const ClassDef* Ontology::find(const std::string& className) const {
  return findIf(classes, [&](const ClassDef& c) { return c.name == className; });
}
const ClassDef* Ontology::findById(int id) const {
  return findIf(classes, [&](const ClassDef& c) { return c.id == id; });
}
const ClassDef* Ontology::findBySemanticKittiId(int semanticId) const {
  return findIf(classes, [&](const ClassDef& c) { return c.semanticKittiId == semanticId; });
}
const ClassDef* Ontology::findByKittiName(const std::string& kittiName) const {
  if (kittiName.empty()) return nullptr;
  return findIf(classes, [&](const ClassDef& c) { return c.kittiName == kittiName; });
}
const ClassDef* Ontology::findByNuscenesName(const std::string& nuscenesName) const {
  if (nuscenesName.empty()) return nullptr;
  return findIf(classes, [&](const ClassDef& c) { return c.nuscenesName == nuscenesName; });
}
Rgb Ontology::colorOf(const std::string& className) const {
  const ClassDef* c = find(className);
  return c ? c->color : Rgb{160, 160, 160};
}

}  // namespace lidarlabel
