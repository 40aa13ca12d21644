#include "lidarlabel/io/ontology_io.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "lidarlabel/core/errors.h"
#include "test_paths.h"

namespace lidarlabel {
namespace {

using ::testing::HasSubstr;

TEST(DefaultOntology, HasTheDrivingThingsWithTheirExportNames) {
  const Ontology& o = defaultOntology();
  for (const char* name : {"car", "truck", "bus", "pedestrian", "cyclist", "motorcyclist"})
    EXPECT_NE(o.find(name), nullptr) << name;
  EXPECT_EQ(o.find("car")->kittiName, "Car");
  EXPECT_EQ(o.find("car")->nuscenesName, "vehicle.car");
  EXPECT_EQ(o.find("pedestrian")->semanticKittiId, 30);
  EXPECT_TRUE(o.find("car")->isThing);
}

TEST(DefaultOntology, HasTheSemanticKittiStuffClassesForPointLabels) {
  const Ontology& o = defaultOntology();
  for (int id : {40, 44, 48, 49, 50, 51, 52, 60, 70, 71, 72, 80, 81, 99}) {
    const ClassDef* c = o.findBySemanticKittiId(id);
    ASSERT_NE(c, nullptr) << id;
  }
  EXPECT_FALSE(o.find("road")->isThing);
}

TEST(OntologyIo, RoundTripsTheDefault) {
  const std::string path = test::scratchDir() + "/ontology.json";
  saveOntology(defaultOntology(), path);
  EXPECT_EQ(loadOntology(path), defaultOntology());
}

TEST(OntologyIo, DuplicateClassNameIsAnErrorNamingTheEntry) {
  const std::string text = R"({"format":"lidarlabel-ontology","schema_version":1,"classes":[
    {"id":1,"name":"car","color":[1,2,3]},{"id":2,"name":"car","color":[1,2,3]}]})";
  try {
    ontologyFromJson(text, "my.json");
    FAIL();
  } catch (const FileError& e) {
    EXPECT_EQ(e.file(), "my.json");
    EXPECT_EQ(e.where(), "field classes[1].name");
    EXPECT_THAT(e.reason(), HasSubstr("duplicate"));
  }
}

TEST(OntologyIo, ColourOutOfRangeIsAnError) {
  const std::string text = R"({"format":"lidarlabel-ontology","schema_version":1,"classes":[
    {"id":1,"name":"car","color":[1,2,300]}]})";
  EXPECT_THROW(ontologyFromJson(text, "my.json"), FileError);
}

}  // namespace
}  // namespace lidarlabel
