#include "lidarlabel/io/native_format.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "lidarlabel/core/errors.h"
#include "lidarlabel/io/atomic_file.h"
#include "test_paths.h"

namespace lidarlabel {
namespace {

using ::testing::HasSubstr;

Sequence twoFrameSequence() {
  Sequence s;
  s.name = "demo";
  s.sweepFormat = "kitti-bin";
  s.metadata["source"] = "unit test";
  s.frames.resize(2);
  s.frames[0].info = {"velodyne/000000.bin", 1000, std::nullopt};
  Eigen::Isometry3d pose = Eigen::Isometry3d::Identity();
  pose.translation() = Eigen::Vector3d(1.5, -2, 0.25);
  pose.linear() = Eigen::AngleAxisd(0.3, Eigen::Vector3d::UnitZ()).toRotationMatrix();
  s.frames[1].info = {"velodyne/000001.bin", 101000, pose};
  s.frames[1].pointLabelPath = "labels/000001.llpl";
  ObjectAnnotation car;
  car.trackId = 4;
  car.className = "car";
  car.box.center = {12.25, -3.5, -0.9};
  car.box.size = {4.4, 1.8, 1.55};
  car.box.yaw = -3.1;
  car.attributes["state"] = "parked";
  car.provenance = Provenance::Tracked;
  car.review = ReviewState::Accepted;
  car.confidence = 0.75f;
  ObjectAnnotation tilted = car;
  tilted.trackId = 9;
  tilted.box.pitch = 0.05;
  tilted.box.roll = -0.02;
  tilted.attributes.clear();
  s.frames[0].objects = {car};
  s.frames[1].objects = {car, tilted};
  return s;
}

void expectSameSequence(const Sequence& a, const Sequence& b) {
  EXPECT_EQ(a.name, b.name);
  EXPECT_EQ(a.sweepFormat, b.sweepFormat);
  EXPECT_EQ(a.metadata, b.metadata);
  ASSERT_EQ(a.frames.size(), b.frames.size());
  for (std::size_t i = 0; i < a.frames.size(); ++i) {
    EXPECT_EQ(a.frames[i].info.sweepPath, b.frames[i].info.sweepPath);
    EXPECT_EQ(a.frames[i].info.timestampUs, b.frames[i].info.timestampUs);
    EXPECT_EQ(a.frames[i].info.egoPose.has_value(), b.frames[i].info.egoPose.has_value());
    if (a.frames[i].info.egoPose) {  // braces: EXPECT_* expands to an if/else
      EXPECT_TRUE(a.frames[i].info.egoPose->isApprox(*b.frames[i].info.egoPose, 1e-12));
    }
    EXPECT_EQ(a.frames[i].pointLabelPath, b.frames[i].pointLabelPath);
    EXPECT_EQ(a.frames[i].objects, b.frames[i].objects);
  }
}

TEST(NativeFormat, RoundTripsEveryFieldExactly) {
  const Sequence s = twoFrameSequence();
  expectSameSequence(nativeSequenceFromJson(nativeSequenceToJson(s), "mem.json"), s);
}

TEST(NativeFormat, SerialisationIsDeterministic) {
  EXPECT_EQ(nativeSequenceToJson(twoFrameSequence()), nativeSequenceToJson(twoFrameSequence()));
}

TEST(NativeFormat, LoadSetsRootToTheDocumentsFolder) {
  const std::string dir = test::scratchDir();
  const std::string path = dir + "/" + kNativeFileName;
  saveNativeSequence(twoFrameSequence(), path);
  const Sequence loaded = loadNativeSequence(path);
  EXPECT_EQ(loaded.root, dir);
  expectSameSequence(loaded, twoFrameSequence());
}

TEST(NativeFormat, TruncatedFileNamesFileAndLine) {
  const std::string text = nativeSequenceToJson(twoFrameSequence());
  try {
    nativeSequenceFromJson(text.substr(0, text.size() / 2), "seq.json");
    FAIL() << "no error";
  } catch (const FileError& e) {
    EXPECT_EQ(e.file(), "seq.json");
    EXPECT_THAT(e.where(), HasSubstr("line"));
    EXPECT_THAT(e.reason(), HasSubstr("truncated"));
  }
}

TEST(NativeFormat, NewerSchemaVersionIsRefusedWithAnUpgradeHint) {
  std::string text = nativeSequenceToJson(twoFrameSequence());
  text.replace(text.find("\"schema_version\": 1"), 19, "\"schema_version\": 7");
  try {
    nativeSequenceFromJson(text, "seq.json");
    FAIL() << "no error";
  } catch (const FileError& e) {
    EXPECT_THAT(e.what(), HasSubstr("schema_version"));
    EXPECT_THAT(e.what(), HasSubstr("newer"));
  }
}

TEST(NativeFormat, WrongTypedFieldNamesItsJsonPath) {
  std::string text = nativeSequenceToJson(twoFrameSequence());
  // Keys are written sorted, so the second "yaw" is the box of frames[1].objects[0].
  const auto at = text.find("\"yaw\"", text.find("\"yaw\"") + 1);
  text.replace(at, 5, "\"yax\"");
  try {
    nativeSequenceFromJson(text, "seq.json");
    FAIL() << "no error";
  } catch (const FileError& e) {
    EXPECT_EQ(e.where(), "field frames[1].objects[0].box.yaw");
    EXPECT_EQ(e.reason(), "missing");
  }
}

TEST(NativeFormat, UnknownProvenanceIsAnError) {
  std::string text = nativeSequenceToJson(twoFrameSequence());
  text.replace(text.find("\"tracked\""), 9, "\"guessed\"");
  EXPECT_THROW(nativeSequenceFromJson(text, "seq.json"), FileError);
}

TEST(NativeFormat, NonLidarlabelJsonIsRefused) {
  EXPECT_THROW(nativeSequenceFromJson("{\"frames\": []}", "other.json"), FileError);
  EXPECT_THROW(nativeSequenceFromJson("[1, 2]", "other.json"), FileError);
}

TEST(NativeFormat, FailedSaveLeavesThePreviousFileIntact) {
  const std::string dir = test::scratchDir();
  const std::string path = dir + "/" + kNativeFileName;
  Sequence s = twoFrameSequence();
  saveNativeSequence(s, path);
  const std::string before = readFile(path);
  s.frames[0].objects.clear();
  setAtomicWriteHookForTesting([](const std::string&) { throw std::runtime_error("crash"); });
  EXPECT_THROW(saveNativeSequence(s, path), std::runtime_error);
  setAtomicWriteHookForTesting(nullptr);
  EXPECT_EQ(readFile(path), before);
  expectSameSequence(loadNativeSequence(path), twoFrameSequence());
}

}  // namespace
}  // namespace lidarlabel
