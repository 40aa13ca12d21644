// nuScenes export: the official taxonomy, real visibility tokens, splits.json, and an import ->
// export round trip that keeps every value nobody edited.
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>

#include "export_support.h"
#include "lidarlabel/io/nuscenes.h"
#include "lidarlabel/io/ontology_io.h"

namespace lidarlabel {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;
using test::scratchDir;

json table(const std::string& dataroot, const std::string& name) {
  return json::parse(readFile(dataroot + "/v1.0-lidarlabel/" + name + ".json"));
}
void writeTable(const std::string& dataroot, const std::string& name, const json& t) {
  writeFileAtomic(dataroot + "/v1.0-lidarlabel/" + name + ".json", t.dump(1));
}

TEST(NuscenesTaxonomy, HasTheThirtyTwoOfficialCategoriesIndexedZeroToThirtyOne) {
  const auto& cats = nuscenesOfficialCategories();
  ASSERT_EQ(cats.size(), 32u);
  for (std::size_t i = 0; i < cats.size(); ++i) EXPECT_EQ(cats[i].index, static_cast<int>(i));
  EXPECT_STREQ(cats[10].name, "movable_object.debris");
  EXPECT_STREQ(cats[17].name, "vehicle.car");
  EXPECT_STREQ(cats[24].name, "flat.driveable_surface");
  EXPECT_STREQ(cats[30].name, "static.vegetation");
  EXPECT_STREQ(cats[31].name, "vehicle.ego");
}

TEST(NuscenesTaxonomy, DefaultOntologyMapsEveryStuffClassToAnOfficialCategoryOfItsIndex) {
  for (const ClassDef& c : defaultOntology().classes) {
    if (c.isThing) continue;
    const NuscenesCategory* cat = findNuscenesOfficialCategory(c.nuscenesName);
    ASSERT_NE(cat, nullptr) << c.name << " -> '" << c.nuscenesName << "'";
    EXPECT_EQ(cat->index, c.nuscenesLidarsegIndex) << c.name;
  }
}

TEST(NuscenesExport, CategoryJsonCarriesTheFullTaxonomyAndEveryLidarsegIndex) {
  const std::string scratch = scratchDir();
  const Sequence s = test::syntheticCopy(scratch);
  exportNuscenes(s, scratch + "/out", defaultOntology());
  std::map<int, std::string> byIndex;
  for (const json& c : table(scratch + "/out", "category"))
    byIndex[c["index"].get<int>()] = c["name"].get<std::string>();
  for (const NuscenesCategory& c : nuscenesOfficialCategories())
    EXPECT_EQ(byIndex[c.index], c.name);
  std::set<int> used;
  for (const json& r : table(scratch + "/out", "lidarseg"))
    for (char v : readFile(scratch + "/out/" + r["filename"].get<std::string>()))
      used.insert(static_cast<unsigned char>(v));
  EXPECT_TRUE(used.count(24) && used.count(28) && used.count(30)) << "stuff classes expected";
  for (int i : used) EXPECT_TRUE(byIndex.count(i)) << "index " << i << " not in category.json";
}

TEST(NuscenesExport, EveryVisibilityTokenIsARecordOfTheVisibilityTable) {
  const std::string scratch = scratchDir();
  exportNuscenes(test::syntheticCopy(scratch), scratch + "/out", defaultOntology());
  std::set<std::string> tokens;
  for (const json& v : table(scratch + "/out", "visibility")) tokens.insert(v["token"]);
  const json ann = table(scratch + "/out", "sample_annotation");
  ASSERT_GT(ann.size(), 1000u);
  for (const json& a : ann)
    ASSERT_TRUE(tokens.count(a["visibility_token"])) << a["visibility_token"];
}

TEST(NuscenesExport, SplitsJsonNamesTheExportedScene) {
  const std::string scratch = scratchDir();
  const Sequence s = test::syntheticCopy(scratch);
  exportNuscenes(s, scratch + "/out", defaultOntology());
  const json splits = table(scratch + "/out", "splits");
  const json scene = table(scratch + "/out", "scene");
  EXPECT_EQ(splits, json({{"lidarlabel", {scene[0]["name"]}}}));
}

// An export whose tables were then given a debris instance, a visibility level, an attribute and
// a num_lidar_pts no recount would give; imported into a fresh sequence.
struct RoundTrip {
  std::string first, second;
  Sequence imported;
};
RoundTrip importEditedExport() {
  RoundTrip rt;
  const std::string scratch = scratchDir();
  Sequence s = test::syntheticCopy(scratch);
  for (Frame& f : s.frames) f.pointLabelPath.clear();
  rt.first = scratch + "/first";
  exportNuscenes(s, rt.first, defaultOntology());
  json inst = table(rt.first, "instance"), ann = table(rt.first, "sample_annotation");
  inst[0]["category_token"] = nuscenesToken("category", "movable_object.debris");
  ann[1]["visibility_token"] = "2";
  ann[1]["num_lidar_pts"] = 12345;
  ann[1]["attribute_tokens"] = json::array({nuscenesToken("attribute", "vehicle.stopped")});
  writeTable(rt.first, "instance", inst);
  writeTable(rt.first, "sample_annotation", ann);
  importNuscenes(rt.first + "/v1.0-lidarlabel", rt.imported, defaultOntology());
  rt.imported.name = s.name;  // same scene name -> same tokens
  rt.second = scratch + "/second";
  return rt;
}

TEST(NuscenesRoundTrip, UneditedAnnotationsComeBackWithTheirImportedValues) {
  RoundTrip rt = importEditedExport();
  exportNuscenes(rt.imported, rt.second, defaultOntology());
  const json a = table(rt.first, "sample_annotation"), b = table(rt.second, "sample_annotation");
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    for (const char* key :
         {"visibility_token", "attribute_tokens", "num_lidar_pts", "sample_token"})
      EXPECT_EQ(a[i][key], b[i][key]) << "annotation " << i << " " << key;
    for (const char* key : {"translation", "size", "rotation"})
      for (std::size_t k = 0; k < a[i][key].size(); ++k)
        EXPECT_NEAR(a[i][key][k].get<double>(), b[i][key][k].get<double>(), 1e-9) << key;
  }
  const json ia = table(rt.first, "instance"), ib = table(rt.second, "instance");
  ASSERT_EQ(ia.size(), ib.size());
  std::multiset<std::pair<std::string, int>> ca, cb;  // (category token, annotations)
  for (const json& i : ia) ca.emplace(i["category_token"], i["nbr_annotations"].get<int>());
  for (const json& i : ib) cb.emplace(i["category_token"], i["nbr_annotations"].get<int>());
  EXPECT_EQ(ca, cb);
}

TEST(NuscenesRoundTrip, CategoryOutsideTheOntologyIsKeptNotDropped) {
  RoundTrip rt = importEditedExport();
  const NuscenesExportReport r = exportNuscenes(rt.imported, rt.second, defaultOntology());
  EXPECT_EQ(r.skippedNoCategory, 0u);
  const std::string debris = nuscenesToken("category", "movable_object.debris");
  std::size_t n = 0;
  for (const json& i : table(rt.second, "instance")) n += i["category_token"] == debris ? 1 : 0;
  EXPECT_EQ(n, 1u);
}

TEST(NuscenesRoundTrip, EditedBoxGetsARecountedNumLidarPts) {
  RoundTrip rt = importEditedExport();
  ObjectAnnotation* edited = nullptr;
  for (ObjectAnnotation& o : rt.imported.frames[0].objects)
    if (o.attributes["nuscenes.num_lidar_pts"] == "12345") edited = &o;
  ASSERT_NE(edited, nullptr);
  edited->box.center.x() += 0.3;
  exportNuscenes(rt.imported, rt.second, defaultOntology());
  const json b = table(rt.second, "sample_annotation");
  EXPECT_NE(b[1]["num_lidar_pts"], 12345);
  EXPECT_EQ(b[1]["visibility_token"], "2");  // not geometry: kept
}

}  // namespace
}  // namespace lidarlabel
