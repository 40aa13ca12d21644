// ASAM OpenLABEL 1.0.0 cuboids: write -> read round trip and the schema's key rules.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <regex>

#include "lidarlabel/core/errors.h"
#include "lidarlabel/io/openlabel.h"
#include "test_paths.h"

namespace lidarlabel {
namespace {

using json = nlohmann::json;

Sequence twoFrames() {
  Sequence s;
  s.name = "ol";
  for (int i = 0; i < 3; ++i) {
    Frame f;
    f.info.sweepPath = "velodyne/00000" + std::to_string(i) + ".bin";
    f.info.timestampUs = 1000000 + 100000 * i;
    s.frames.push_back(f);
  }
  ObjectAnnotation car;
  car.trackId = 3;
  car.className = "car";
  car.box.center = {12.5, -3.25, -0.8};
  car.box.size = {4.4, 1.8, 1.5};
  car.box.yaw = 2.5;
  car.attributes["state"] = "parked";
  car.provenance = Provenance::Interpolated;
  car.review = ReviewState::Accepted;
  car.confidence = 0.5f;
  ObjectAnnotation tilted = car;
  tilted.trackId = 12;
  tilted.className = "pedestrian";
  tilted.box.pitch = 0.1;
  tilted.box.roll = -0.05;
  tilted.attributes.clear();
  s.frames[0].objects = {car, tilted};  // trackId order, as read back
  s.frames[2].objects = {car};          // track 3 absent in frame 1: two intervals
  return s;
}

void expectSameObjects(const Frame& a, const Frame& b) {
  ASSERT_EQ(a.objects.size(), b.objects.size());
  for (std::size_t i = 0; i < a.objects.size(); ++i) {
    const ObjectAnnotation &x = a.objects[i], &y = b.objects[i];
    EXPECT_EQ(x.trackId, y.trackId);
    EXPECT_EQ(x.className, y.className);
    EXPECT_LT((x.box.center - y.box.center).norm(), 1e-12);
    EXPECT_LT((x.box.size - y.box.size).norm(), 1e-12);
    EXPECT_NEAR(angleDiff(x.box.yaw, y.box.yaw), 0, 1e-12);
    EXPECT_NEAR(x.box.pitch, y.box.pitch, 1e-12);
    EXPECT_NEAR(x.box.roll, y.box.roll, 1e-12);
    EXPECT_EQ(x.attributes, y.attributes);
    EXPECT_EQ(x.provenance, y.provenance);
    EXPECT_EQ(x.review, y.review);
    EXPECT_FLOAT_EQ(x.confidence, y.confidence);
  }
}

TEST(OpenLabel, RoundTripsCuboidsFramesAndSweepUris) {
  const Sequence s = twoFrames();
  const std::string path = test::scratchDir() + "/labels.openlabel.json";
  writeOpenLabel(s, path);
  const Sequence back = readOpenLabel(path);
  ASSERT_EQ(back.size(), 3u);
  for (std::size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(back.frames[i].info.sweepPath, s.frames[i].info.sweepPath);
    EXPECT_EQ(back.frames[i].info.timestampUs, s.frames[i].info.timestampUs);
    expectSameObjects(s.frames[i], back.frames[i]);
  }
}

TEST(OpenLabel, FollowsTheSchemaKeysAndValLayout) {
  const json doc = json::parse(openLabelToJson(twoFrames()));
  ASSERT_EQ(doc.size(), 1u);  // only "openlabel" at the root
  const json& ol = doc["openlabel"];
  EXPECT_EQ(ol["metadata"]["schema_version"], "1.0.0");
  const std::regex uid("^-?[0-9]+$");
  for (const auto& [key, obj] : ol["objects"].items()) {
    EXPECT_TRUE(std::regex_match(key, uid)) << key;
    EXPECT_TRUE(obj.contains("name") && obj.contains("type"));
    EXPECT_TRUE(ol["coordinate_systems"].contains(obj["coordinate_system"].get<std::string>()));
  }
  EXPECT_EQ(ol["coordinate_systems"]["LIDAR_TOP"]["parent"], "");
  EXPECT_EQ(ol["streams"]["LIDAR_TOP"]["type"], "lidar");
  EXPECT_EQ(ol["objects"]["3"]["frame_intervals"],
            json::parse(R"([{"frame_start":0,"frame_end":0},{"frame_start":2,"frame_end":2}])"));
  const json& val = ol["frames"]["0"]["objects"]["3"]["object_data"]["cuboid"][0]["val"];
  ASSERT_EQ(val.size(), 10u);
  // yaw 2.5 about z: q = (0, 0, sin 1.25, cos 1.25) as x, y, z, w; then l, w, h
  EXPECT_NEAR(val[5].get<double>(), std::sin(1.25), 1e-12);
  EXPECT_NEAR(val[6].get<double>(), std::cos(1.25), 1e-12);
  EXPECT_DOUBLE_EQ(val[7].get<double>(), 4.4);
  EXPECT_DOUBLE_EQ(val[9].get<double>(), 1.5);
}

TEST(OpenLabel, ReadsNineValueEulerCuboids) {
  const std::string doc = R"({"openlabel":{"metadata":{"schema_version":"1.0.0"},
    "objects":{"0":{"name":"a","type":"car"}},
    "frames":{"0":{"objects":{"0":{"object_data":{"cuboid":[{"name":"c","val":[1,2,3,0,0,0.5,4,2,1.5]}]}}}}}}})";
  const Sequence s = openLabelFromJson(doc, "e.json");
  ASSERT_EQ(s.frames[0].objects.size(), 1u);
  EXPECT_NEAR(s.frames[0].objects[0].box.yaw, 0.5, 1e-12);
  EXPECT_EQ(s.frames[0].objects[0].box.size, Eigen::Vector3d(4, 2, 1.5));
}

TEST(OpenLabel, WrongValLengthNamesTheField) {
  const std::string doc = R"({"openlabel":{"metadata":{"schema_version":"1.0.0"},
    "objects":{"0":{"name":"a","type":"car"}},
    "frames":{"0":{"objects":{"0":{"object_data":{"cuboid":[{"name":"c","val":[1,2,3]}]}}}}}}})";
  try {
    openLabelFromJson(doc, "bad.json");
    FAIL() << "no error";
  } catch (const FileError& e) {
    EXPECT_EQ(e.file(), "bad.json");
    EXPECT_NE(e.where().find("val"), std::string::npos) << e.what();
  }
}

TEST(OpenLabel, MissingSchemaVersionIsAnError) {
  EXPECT_THROW(openLabelFromJson(R"({"openlabel":{"metadata":{}}})", "m.json"), FileError);
}

}  // namespace
}  // namespace lidarlabel
