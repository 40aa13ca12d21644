// A nuScenes folder records where its scenes were driven and which side of the road the traffic
// keeps to there (sample -> scene -> log.location).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <vector>

#include "lidarlabel/core/errors.h"
#include "lidarlabel/core/traffic_side.h"
#include "lidarlabel/io/native_format.h"
#include "lidarlabel/io/sequence_open.h"
#include "lidarlabel/io/sweep_io.h"
#include "test_paths.h"

namespace fs = std::filesystem;

namespace lidarlabel {
namespace {

using test::sampleData;
using test::scratchDir;
using test::writeText;
using ::testing::HasSubstr;

// A nuScenes folder with one sweep per location, each in its own scene and log. `withLog`:
// write log.json.
fs::path nuscenesFolder(const std::vector<std::string>& locations, bool withLog = true) {
  const fs::path dir = scratchDir();
  fs::create_directories(dir / "samples/LIDAR_TOP");
  PointCloud c;
  c.push(1, 2, 3, 4);
  c.ring.push_back(0);
  std::string sd = "[", sample = "[", scene = "[", log = "[";
  for (std::size_t i = 0; i < locations.size(); ++i) {
    const std::string k = std::to_string(i), sep = i ? "," : "";
    const std::string name = "n0__LIDAR_TOP__100" + k + ".pcd.bin";
    writeSweep((dir / "samples/LIDAR_TOP" / name).string(), c, "nuscenes-bin");
    sd += sep + R"({"token":"sd)" + k + R"(","sample_token":"s)" + k +
          R"(","filename":"samples/LIDAR_TOP/)" + name + R"("})";
    sample += sep + R"({"token":"s)" + k + R"(","scene_token":"sc)" + k + R"("})";
    scene += sep + R"({"token":"sc)" + k + R"(","log_token":"l)" + k + R"("})";
    log += sep + R"({"token":"l)" + k + R"(","location":")" + locations[i] + R"("})";
  }
  writeText(dir / "v1.0-mini/sample_data.json", sd + "]");
  writeText(dir / "v1.0-mini/sample.json", sample + "]");
  writeText(dir / "v1.0-mini/scene.json", scene + "]");
  if (withLog) writeText(dir / "v1.0-mini/log.json", log + "]");
  return dir;
}

TEST(NuscenesLocation, TheBundledSingaporeSceneRecordsLeftHandTraffic) {
  const Sequence s = openSequence(sampleData("nuscenes"));
  EXPECT_EQ(s.metadata.at("nuscenes.location"), "singapore-onenorth");
  EXPECT_EQ(s.metadata.at(kTrafficSideKey), "left");
}

TEST(NuscenesLocation, ABostonSceneRecordsRightHandTraffic) {
  const Sequence s = openSequence(nuscenesFolder({"boston-seaport"}).string());
  EXPECT_EQ(s.metadata.at("nuscenes.location"), "boston-seaport");
  EXPECT_EQ(trafficSideOf(s.metadata, TrafficSide::Off), TrafficSide::Right);
}

TEST(NuscenesLocation, SweepsFromBothCitiesRecordBothLocationsAndNoSide) {
  const Sequence s =
      openSequence(nuscenesFolder({"singapore-queenstown", "boston-seaport"}).string());
  EXPECT_EQ(s.metadata.at("nuscenes.location"), "boston-seaport, singapore-queenstown");
  EXPECT_EQ(s.metadata.count(kTrafficSideKey), 0u);
}

TEST(NuscenesLocation, AnUnknownCityRecordsItsLocationAndNoSide) {
  const Sequence s = openSequence(nuscenesFolder({"pittsburgh-downtown"}).string());
  EXPECT_EQ(s.metadata.at("nuscenes.location"), "pittsburgh-downtown");
  EXPECT_EQ(s.metadata.count(kTrafficSideKey), 0u);
}

TEST(NuscenesLocation, WithoutTheLogTableNothingIsRecorded) {
  const Sequence s = openSequence(nuscenesFolder({"singapore-onenorth"}, false).string());
  EXPECT_EQ(s.size(), 1u);
  EXPECT_EQ(s.metadata.count("nuscenes.location"), 0u);
  EXPECT_EQ(s.metadata.count(kTrafficSideKey), 0u);
}

TEST(NuscenesLocation, ASceneMissingFromTheSceneTableIsAnErrorNamingTheSampleTable) {
  const fs::path dir = nuscenesFolder({"singapore-onenorth"});
  writeText(dir / "v1.0-mini/scene.json", "[]");
  try {
    openSequence(dir.string());
    FAIL() << "expected a FileError";
  } catch (const FileError& e) {
    EXPECT_THAT(e.file(), HasSubstr("sample.json"));
    EXPECT_EQ(e.where(), "scene_token");
    EXPECT_THAT(e.reason(), HasSubstr("'sc0' not found in scene.json"));
  }
}

TEST(NuscenesLocation, TheNativeDocumentKeepsTheSide) {
  const fs::path dir = nuscenesFolder({"singapore-onenorth"});
  saveNativeSequence(openSequence(dir.string()), nativePathFor(dir.string()));
  EXPECT_EQ(trafficSideOf(openSequence(dir.string()).metadata, TrafficSide::Right),
            TrafficSide::Left);
}

}  // namespace
}  // namespace lidarlabel
