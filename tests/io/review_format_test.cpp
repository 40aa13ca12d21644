// Review records in the native document (schema_version 2) and check thresholds / review levels
// in the ontology file.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>

#include "lidarlabel/core/errors.h"
#include "lidarlabel/io/atomic_file.h"
#include "lidarlabel/io/native_format.h"
#include "lidarlabel/io/ontology_io.h"
#include "lidarlabel/io/sequence_open.h"
#include "test_paths.h"

namespace lidarlabel {
namespace {

using ::testing::HasSubstr;

const std::vector<std::string> kLevels = {"reviewer", "qa"};

Sequence reviewedSequence() {
  Sequence s;
  s.name = "reviewed";
  s.frames.resize(2);
  s.frames[0].info.sweepPath = "velodyne/000000.bin";
  s.frames[1].info.sweepPath = "velodyne/000001.bin";
  ObjectAnnotation car;
  car.trackId = 3;
  car.className = "car";
  recordObjectDecision(
      car, {"reviewer", ReviewVerdict::Reject, "ana", "2026-12-01T10:00:00Z", "box too short"},
      kLevels);
  recordObjectDecision(car, {"reviewer", ReviewVerdict::Accept, "ana", "2026-12-01T11:00:00Z", ""},
                       kLevels);
  addComment(car.reviewLog, {"rear bumper hidden by the van", "ben", "2026-12-01T10:05:00Z"});
  s.frames[0].objects = {car};
  recordDecision(s.frames[0].review,
                 {"reviewer", ReviewVerdict::Accept, "ana", "2026-12-01T11:01:00Z", ""}, kLevels);
  recordDecision(s.frames[0].review,
                 {"qa", ReviewVerdict::Accept, "lead", "2026-12-02T09:00:00Z", ""}, kLevels);
  addComment(s.frames[1].review, {"check the cyclist", "lead", "2026-12-02T09:01:00Z"});
  s.frames[0].annotationSeconds = 94.5;
  return s;
}

TEST(NativeReview, DecisionsCommentsAndTimesSurviveSaveAndReopen) {
  const std::string path = test::scratchDir() + "/" + kNativeFileName;
  const Sequence s = reviewedSequence();
  saveNativeSequence(s, path);
  const Sequence back = loadNativeSequence(path);
  ASSERT_EQ(back.frames.size(), 2u);
  EXPECT_EQ(back.frames[0].objects[0].reviewLog, s.frames[0].objects[0].reviewLog);
  EXPECT_EQ(back.frames[0].objects[0].review, ReviewState::Accepted);
  EXPECT_EQ(back.frames[0].review, s.frames[0].review);
  EXPECT_EQ(back.frames[1].review, s.frames[1].review);
  EXPECT_DOUBLE_EQ(back.frames[0].annotationSeconds, 94.5);
  EXPECT_TRUE(reviewProgress(back.frames[0].review, kLevels).done);
  EXPECT_FALSE(reviewProgress(back.frames[1].review, kLevels).done);
}

TEST(NativeReview, DocumentWithReviewRecordsIsSchemaVersion2) {
  EXPECT_THAT(nativeSequenceToJson(reviewedSequence()), HasSubstr("\"schema_version\": 2"));
}

TEST(NativeReview, DocumentWithoutReviewRecordsStaysSchemaVersion1ByteForByte) {
  // The bundled sample was written by a schema-1 build: rewriting it gives the same bytes.
  const std::string path = test::sampleData("synthetic/annotations.lidarlabel.json");
  EXPECT_EQ(nativeSequenceToJson(loadNativeSequence(path)), readFile(path));
}

TEST(NativeReview, SchemaVersion1DocumentsStillOpenWithEmptyReviewRecords) {
  const Sequence s = loadNativeSequence(test::sampleData("synthetic/annotations.lidarlabel.json"));
  EXPECT_TRUE(s.frames[0].review.empty());
  EXPECT_TRUE(s.frames[0].objects[0].reviewLog.empty());
}

TEST(NativeReview, UnknownVerdictIsAnErrorNamingTheField) {
  std::string text = nativeSequenceToJson(reviewedSequence());
  const auto at = text.find("\"verdict\": \"reject\"");
  ASSERT_NE(at, std::string::npos);
  text.replace(at, 19, "\"verdict\": \"maybe\"");
  try {
    nativeSequenceFromJson(text, "doc.json");
    FAIL() << "expected a FileError";
  } catch (const FileError& e) {
    EXPECT_THAT(e.what(), HasSubstr("frames[0].objects[0].review_log.decisions[0].verdict"));
  }
}

TEST(OntologyChecks, ThresholdsRequiredAttributesGuidelineAndLevelsRoundTrip) {
  Ontology o = defaultOntology();
  ClassDef& car = o.classes[0];
  car.checks.maxSpeed = 40;
  car.checks.minPoints = 10;
  car.attributes[0].required = true;
  car.guideline = "Include mirrors.";
  o.reviewLevels = {"reviewer", "qa"};
  const std::string path = test::scratchDir() + "/ontology.json";
  saveOntology(o, path);
  EXPECT_EQ(loadOntology(path), o);
}

TEST(OntologyChecks, DefaultOntologySetsPedestrianLimitsAndKeepsDefaultsElsewhere) {
  const Ontology& o = defaultOntology();
  EXPECT_DOUBLE_EQ(o.find("pedestrian")->checks.maxSpeed, 12.0);
  EXPECT_DOUBLE_EQ(o.find("car")->checks.maxSpeed, CheckThresholds{}.maxSpeed);
  EXPECT_DOUBLE_EQ(o.find("traffic_cone")->checks.flipAngleDeg, 0.0);
  EXPECT_EQ(o.reviewLevels, std::vector<std::string>{"reviewer"});
}

TEST(OntologyChecks, UnknownThresholdIsAnErrorNamingTheField) {
  const std::string text = R"({"format":"lidarlabel-ontology","schema_version":1,"classes":[
    {"id":1,"name":"car","color":[1,2,3],"checks":{"max_sped":3}}]})";
  try {
    ontologyFromJson(text, "o.json");
    FAIL() << "expected a FileError";
  } catch (const FileError& e) {
    EXPECT_THAT(e.what(), HasSubstr("classes[0].checks.max_sped"));
  }
}

TEST(OntologyChecks, NegativeThresholdIsAnError) {
  const std::string text = R"({"format":"lidarlabel-ontology","schema_version":1,"classes":[
    {"id":1,"name":"car","color":[1,2,3],"checks":{"max_speed":-1}}]})";
  EXPECT_THROW(ontologyFromJson(text, "o.json"), FileError);
}

TEST(OntologyChecks, DuplicateReviewLevelIsAnError) {
  const std::string text = R"({"format":"lidarlabel-ontology","schema_version":1,
    "review_levels":["qa","qa"],"classes":[]})";
  try {
    ontologyFromJson(text, "o.json");
    FAIL() << "expected a FileError";
  } catch (const FileError& e) {
    EXPECT_THAT(e.what(), HasSubstr("review_levels[1]"));
  }
}

}  // namespace
}  // namespace lidarlabel
