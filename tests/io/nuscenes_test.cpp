// nuScenes export/import on the real sample (sample_data/nuscenes: one LIDAR_TOP key frame and
// its 69 boxes as nuScenes v1.0 tables in v1.0-mini/, with the official num_lidar_pts).
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "lidarlabel/core/errors.h"
#include "lidarlabel/io/atomic_file.h"
#include "lidarlabel/io/native_format.h"
#include "lidarlabel/io/nuscenes.h"
#include "lidarlabel/io/nuscenes_lidarseg.h"
#include "lidarlabel/io/ontology_io.h"
#include "lidarlabel/io/semantic_kitti.h"
#include "lidarlabel/io/sweep_io.h"
#include "test_paths.h"

namespace lidarlabel {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;
using test::sampleData;
using test::scratchDir;

const std::string kSweep =
    "samples/LIDAR_TOP/n015-2018-07-24-11-22-45+0800__LIDAR_TOP__1532402927647951.pcd.bin";

// The sample's key frame as the nuScenes tables give it, boxes moved into LIDAR_TOP.
struct InfoSample {
  std::string token;
  std::int64_t timestampUs = 0;
  Eigen::Isometry3d lidarToEgo, egoToGlobal;
  std::vector<std::pair<std::string, Cuboid>> boxes;  // detection class name, box
  std::vector<std::size_t> numLidarPts;
};

json sampleTable(const std::string& name) {
  return json::parse(readFile(sampleData("nuscenes/v1.0-mini/" + name + ".json")));
}

Eigen::Isometry3d poseOf(const json& r) {
  const std::vector<double> q = r["rotation"], t = r["translation"];
  Eigen::Isometry3d p = Eigen::Isometry3d::Identity();
  p.linear() = Eigen::Quaterniond(q[0], q[1], q[2], q[3]).normalized().toRotationMatrix();
  p.translation() = Eigen::Vector3d(t[0], t[1], t[2]);
  return p;
}

// The one box whose category is not a detection class (movable_object.debris).
bool isIgnored(const std::string& detectionName) {
  return detectionName.empty();
}

// Read straight from the tables (not through importNuscenes, which other tests check). Boxes are
// 7-DoF in LIDAR_TOP as the devkit-based converters make them (yaw of the sensor-frame box; the
// ~1 degree ego tilt dropped), class = nuScenes detection name ("" for debris).
InfoSample readInfo() {
  const json sample = sampleTable("sample"), ann = sampleTable("sample_annotation"),
             inst = sampleTable("instance"), cat = sampleTable("category");
  InfoSample out;
  out.token = sample[0]["token"];
  out.timestampUs = sample[0]["timestamp"];
  out.lidarToEgo = poseOf(sampleTable("calibrated_sensor")[0]);
  out.egoToGlobal = poseOf(sampleTable("ego_pose")[0]);
  std::map<std::string, std::string> category, categoryOfInstance;
  for (const json& c : cat) category[c["token"]] = c["name"];
  for (const json& i : inst) categoryOfInstance[i["token"]] = category.at(i["category_token"]);
  for (const json& a : ann) {
    NuscenesBox b;
    const std::vector<double> t = a["translation"], wlh = a["size"], q = a["rotation"];
    b.translation = {t[0], t[1], t[2]};
    b.sizeWlh = {wlh[0], wlh[1], wlh[2]};
    b.rotation = Eigen::Quaterniond(q[0], q[1], q[2], q[3]);
    Cuboid c = lidarBoxFromNuscenes(b, out.lidarToEgo, out.egoToGlobal);
    c.pitch = c.roll = 0;
    out.boxes.emplace_back(nuscenesDetectionName(categoryOfInstance.at(a["instance_token"])), c);
    out.numLidarPts.push_back(a["num_lidar_pts"].get<std::size_t>());
  }
  return out;
}

Sequence sampleSequence(const InfoSample& info) {
  Sequence s;
  s.name = "sample";
  s.root = sampleData("nuscenes");
  s.sweepFormat = "nuscenes-bin";
  Frame f;
  f.info.sweepPath = kSweep;
  f.info.timestampUs = info.timestampUs;
  f.info.egoPose = info.egoToGlobal * info.lidarToEgo;
  std::uint32_t track = 1;
  for (const auto& [cls, box] : info.boxes) {
    ObjectAnnotation o;
    o.trackId = track++;
    // The 10 detection names are ontology class names; "misc" has no nuScenes category.
    o.className = isIgnored(cls) ? "misc" : cls;
    o.box = box;
    f.objects.push_back(o);
  }
  s.frames.push_back(f);
  return s;
}

json table(const std::string& dataroot, const std::string& name) {
  return json::parse(readFile(dataroot + "/v1.0-lidarlabel/" + name + ".json"));
}

TEST(NuscenesSample, InBoxCountsMatchTheOfficialNumLidarPts) {
  const InfoSample info = readInfo();
  ASSERT_EQ(info.boxes.size(), 69u);
  const PointCloud cloud = readSweep(sampleData("nuscenes/" + kSweep), "nuscenes-bin");
  ASSERT_EQ(cloud.size(), 34688u);
  std::size_t exact = 0;
  for (std::size_t i = 0; i < info.boxes.size(); ++i) {
    const std::size_t n = countPointsInBoxInclusive(cloud, info.boxes[i].second);
    const std::size_t want = info.numLidarPts[i];
    const std::size_t diff = n > want ? n - want : want - n;
    exact += diff == 0 ? 1 : 0;
    EXPECT_LE(diff, std::max<std::size_t>(2, want / 10))
        << "box " << i << ": " << n << " vs " << want;
  }
  EXPECT_GE(exact, 61u);
}

TEST(NuscenesSample, ImportsAll69BoxesFromTheShippedTables) {
  Sequence s;
  const auto rep = importNuscenes(sampleData("nuscenes/v1.0-mini"), s, defaultOntology());
  EXPECT_EQ(rep.samples, 1u);
  EXPECT_EQ(rep.annotations, 69u);
  ASSERT_EQ(s.size(), 1u);
  EXPECT_EQ(s.frames[0].objects.size(), 69u);
  EXPECT_EQ(s.frames[0].info.timestampUs, 1532402927647951);
  EXPECT_TRUE(fs::exists(s.sweepPathOf(0)));
  std::size_t debris = 0;
  for (const ObjectAnnotation& o : s.frames[0].objects)
    debris += o.attributes.at("nuscenes.category") == "movable_object.debris" ? 1 : 0;
  EXPECT_EQ(debris, 1u);
}

TEST(NuscenesSample, EveryTokenReferenceOfTheTablesResolves) {
  std::map<std::string, std::set<std::string>> tokens;
  for (const char* t :
       {"category", "attribute", "visibility", "instance", "sensor", "calibrated_sensor",
        "ego_pose", "log", "scene", "sample", "sample_data", "sample_annotation", "map"})
    for (const json& r : sampleTable(t)) tokens[t].insert(r["token"].get<std::string>());
  auto expectIn = [&](const std::string& table, const json& token, const std::string& what) {
    EXPECT_TRUE(tokens[table].count(token.get<std::string>())) << what << " " << token;
  };
  for (const json& a : sampleTable("sample_annotation")) {
    expectIn("sample", a["sample_token"], "sample_annotation.sample_token");
    expectIn("instance", a["instance_token"], "sample_annotation.instance_token");
    expectIn("visibility", a["visibility_token"], "sample_annotation.visibility_token");
    for (const json& t : a["attribute_tokens"]) expectIn("attribute", t, "attribute_tokens");
  }
  for (const json& i : sampleTable("instance")) {
    expectIn("category", i["category_token"], "instance.category_token");
    expectIn("sample_annotation", i["first_annotation_token"], "instance.first_annotation_token");
  }
  for (const json& d : sampleTable("sample_data")) {
    expectIn("sample", d["sample_token"], "sample_data.sample_token");
    expectIn("ego_pose", d["ego_pose_token"], "sample_data.ego_pose_token");
    expectIn("calibrated_sensor", d["calibrated_sensor_token"], "sample_data.calibrated_sensor");
    EXPECT_TRUE(fs::exists(sampleData("nuscenes/" + d["filename"].get<std::string>())));
  }
  for (const json& c : sampleTable("calibrated_sensor"))
    expectIn("sensor", c["sensor_token"], "calibrated_sensor.sensor_token");
  for (const json& sc : sampleTable("scene")) {
    expectIn("log", sc["log_token"], "scene.log_token");
    expectIn("sample", sc["first_sample_token"], "scene.first_sample_token");
  }
  for (const json& m : sampleTable("map")) expectIn("log", m["log_tokens"][0], "map.log_tokens");
  EXPECT_EQ(sampleTable("category").size(), 32u);  // the official taxonomy, lidarseg indices
}

TEST(NuscenesGeometry, ChainIsTheDocumentedFormulaAndInvertsExactly) {
  const InfoSample info = readInfo();
  const Cuboid& box = info.boxes[0].second;
  const NuscenesBox b = nuscenesBoxFromLidar(box, info.lidarToEgo, info.egoToGlobal);
  const Eigen::Vector3d expected =
      info.egoToGlobal.linear() *
          (info.lidarToEgo.linear() * box.center + info.lidarToEgo.translation()) +
      info.egoToGlobal.translation();
  EXPECT_LT((b.translation - expected).norm(), 1e-9);
  EXPECT_EQ(b.sizeWlh, Eigen::Vector3d(box.width(), box.length(), box.height()));
  // Heading (box +x) in global = R_ego R_cs Rz(yaw) x.
  const Eigen::Vector3d heading =
      info.egoToGlobal.linear() * info.lidarToEgo.linear() * box.heading();
  EXPECT_LT((b.rotation * Eigen::Vector3d::UnitX() - heading).norm(), 1e-9);
  const Cuboid back = lidarBoxFromNuscenes(b, info.lidarToEgo, info.egoToGlobal);
  EXPECT_LT((back.center - box.center).norm(), 1e-9);
  EXPECT_NEAR(angleDiff(back.yaw, box.yaw), 0, 1e-9);
  EXPECT_LT((back.size - box.size).norm(), 1e-12);
}

TEST(NuscenesExport, WritesTheThirteenTablesTheDevkitNeeds) {
  const InfoSample info = readInfo();
  const std::string out = scratchDir();
  NuscenesExportSettings settings;
  settings.lidarToEgo = info.lidarToEgo;
  const auto rep = exportNuscenes(sampleSequence(info), out, defaultOntology(), settings);
  EXPECT_EQ(rep.samples, 1u);
  EXPECT_EQ(rep.annotations, 68u);
  EXPECT_EQ(rep.skippedNoCategory, 1u);
  for (const char* t :
       {"category", "attribute", "visibility", "instance", "sensor", "calibrated_sensor",
        "ego_pose", "log", "scene", "sample", "sample_data", "sample_annotation", "map"})
    EXPECT_TRUE(fs::exists(out + "/v1.0-lidarlabel/" + t + ".json")) << t;
  const json map = table(out, "map"), log = table(out, "log");
  ASSERT_EQ(map.size(), 1u);
  EXPECT_EQ(map[0]["log_tokens"][0], log[0]["token"]);
  EXPECT_TRUE(fs::exists(out + "/" + map[0]["filename"].get<std::string>()));
  const json sd = table(out, "sample_data");
  ASSERT_EQ(sd.size(), 1u);
  EXPECT_TRUE(fs::exists(out + "/" + sd[0]["filename"].get<std::string>()));
  EXPECT_EQ(table(out, "visibility").size(), 4u);
  // Every category carries an official name and its lidarseg index.
  for (const json& c : table(out, "category")) EXPECT_TRUE(c.contains("index")) << c["name"];
}

TEST(NuscenesExport, AnnotationsCarryWlhGlobalPoseAndSensorFrameCounts) {
  const InfoSample info = readInfo();
  const std::string out = scratchDir();
  NuscenesExportSettings settings;
  settings.lidarToEgo = info.lidarToEgo;
  exportNuscenes(sampleSequence(info), out, defaultOntology(), settings);
  const json ann = table(out, "sample_annotation");
  ASSERT_EQ(ann.size(), 68u);
  std::size_t exact = 0, k = 0;
  for (std::size_t i = 0; i < info.boxes.size(); ++i) {
    if (isIgnored(info.boxes[i].first)) continue;
    const Cuboid& box = info.boxes[i].second;
    const json& a = ann[k++];
    const NuscenesBox b = nuscenesBoxFromLidar(box, info.lidarToEgo, info.egoToGlobal);
    EXPECT_NEAR(a["size"][0].get<double>(), box.width(), 1e-12);
    EXPECT_NEAR(a["size"][1].get<double>(), box.length(), 1e-12);
    EXPECT_NEAR(a["translation"][0].get<double>(), b.translation.x(), 1e-9);
    EXPECT_NEAR(a["rotation"][0].get<double>(), b.rotation.w(), 1e-12);
    exact += a["num_lidar_pts"].get<std::size_t>() == info.numLidarPts[i] ? 1 : 0;
    EXPECT_EQ(a["prev"], "");  // one sample: every chain has one element
  }
  EXPECT_GE(exact, 60u);  // 61 of 69 exact overall; the skipped box is one of them
  const json instances = table(out, "instance");
  EXPECT_EQ(instances.size(), 68u);
  EXPECT_EQ(instances[0]["nbr_annotations"], 1);
}

TEST(NuscenesImport, RoundTripsLidarBoxesThroughSampleAnnotation) {
  const InfoSample info = readInfo();
  const std::string out = scratchDir();
  NuscenesExportSettings settings;
  settings.lidarToEgo = info.lidarToEgo;
  exportNuscenes(sampleSequence(info), out, defaultOntology(), settings);
  Sequence back;
  const auto rep = importNuscenes(out + "/v1.0-lidarlabel", back, defaultOntology());
  EXPECT_EQ(rep.samples, 1u);
  EXPECT_EQ(rep.annotations, 68u);
  ASSERT_EQ(back.size(), 1u);
  ASSERT_EQ(back.frames[0].objects.size(), 68u);
  EXPECT_TRUE(back.frames[0].info.egoPose->isApprox(info.egoToGlobal * info.lidarToEgo, 1e-12));
  std::size_t k = 0;
  for (std::size_t i = 0; i < info.boxes.size(); ++i) {
    if (isIgnored(info.boxes[i].first)) continue;
    const Cuboid& a = info.boxes[i].second;
    const Cuboid& b = back.frames[0].objects[k++].box;
    EXPECT_LT((a.center - b.center).norm(), 1e-9) << i;
    EXPECT_NEAR(angleDiff(a.yaw, b.yaw), 0, 1e-9) << i;
    EXPECT_LT((a.size - b.size).norm(), 1e-9) << i;
    EXPECT_NEAR(b.pitch, 0, 1e-9);
  }
  // The import reads the sweep back from the export's samples/ folder.
  EXPECT_TRUE(fs::exists(back.sweepPathOf(0)));
}

TEST(NuscenesImport, DanglingInstanceTokenNamesTheTableAndField) {
  const InfoSample info = readInfo();
  const std::string out = scratchDir();
  NuscenesExportSettings settings;
  settings.writeSweeps = false;
  exportNuscenes(sampleSequence(info), out, defaultOntology(), settings);
  writeFileAtomic(out + "/v1.0-lidarlabel/instance.json", "[]");
  Sequence back;
  try {
    importNuscenes(out + "/v1.0-lidarlabel", back, defaultOntology());
    FAIL() << "no error";
  } catch (const FileError& e) {
    EXPECT_NE(e.file().find("sample_annotation.json"), std::string::npos) << e.what();
    EXPECT_NE(e.where().find("instance_token"), std::string::npos) << e.what();
  }
}

// Three frames 0.5 s apart, one car moving +1 m in LiDAR x per frame with identity poses.
Sequence movingCar() {
  Sequence s;
  s.name = "moving";
  s.root = sampleData("nuscenes");
  s.sweepFormat = "nuscenes-bin";
  for (int i = 0; i < 3; ++i) {
    Frame f;
    f.info.sweepPath = kSweep;
    f.info.timestampUs = 1000000 + i * 500000;
    ObjectAnnotation car;
    car.trackId = 7;
    car.className = "car";
    car.box.center = {10.0 + i, 0, 0};
    car.box.size = {4, 2, 1.5};
    car.confidence = 0.5f + 0.1f * static_cast<float>(i);
    car.attributes["state"] = "moving";
    ObjectAnnotation misc;  // no nuScenes category: skipped
    misc.trackId = 8;
    misc.className = "misc";
    f.objects = {car, misc};
    s.frames.push_back(f);
  }
  return s;
}

TEST(NuscenesExport, ChainsPrevNextAcrossSamplesAndCountsInstances) {
  const std::string out = scratchDir();
  NuscenesExportSettings settings;
  settings.writeSweeps = false;
  const auto rep = exportNuscenes(movingCar(), out, defaultOntology(), settings);
  EXPECT_EQ(rep.skippedNoCategory, 3u);
  const json ann = table(out, "sample_annotation"), inst = table(out, "instance"),
             sample = table(out, "sample");
  ASSERT_EQ(ann.size(), 3u);
  ASSERT_EQ(inst.size(), 1u);
  EXPECT_EQ(inst[0]["nbr_annotations"], 3);
  EXPECT_EQ(inst[0]["first_annotation_token"], ann[0]["token"]);
  EXPECT_EQ(inst[0]["last_annotation_token"], ann[2]["token"]);
  EXPECT_EQ(ann[1]["prev"], ann[0]["token"]);
  EXPECT_EQ(ann[1]["next"], ann[2]["token"]);
  EXPECT_EQ(sample[1]["prev"], sample[0]["token"]);
  EXPECT_EQ(sample[2]["next"], "");
  EXPECT_EQ(ann[0]["attribute_tokens"].size(), 1u);
}

TEST(NuscenesResults, EverySampleIsAKeyWithDetectionNamesAndCentredVelocity) {
  NuscenesExportSettings settings;
  const Sequence s = movingCar();
  const json doc = json::parse(nuscenesDetectionResultsJson(s, defaultOntology(), settings));
  EXPECT_EQ(doc["meta"]["use_lidar"], true);
  const json& res = doc["results"];
  ASSERT_EQ(res.size(), 3u);
  const std::string token1 = nuscenesToken("sample", "scene-moving/1");
  ASSERT_TRUE(res.contains(token1));
  const json& box = res[token1][0];
  EXPECT_EQ(box["detection_name"], "car");
  EXPECT_EQ(box["attribute_name"], "vehicle.moving");
  EXPECT_NEAR(box["velocity"][0].get<double>(), 2.0, 1e-9);  // 2 m over 1 s
  EXPECT_NEAR(box["velocity"][1].get<double>(), 0.0, 1e-9);
  EXPECT_EQ(box["size"], json({2.0, 4.0, 1.5}));  // w, l, h
  EXPECT_NEAR(box["detection_score"].get<double>(), 0.6, 1e-6);
  EXPECT_EQ(res[token1].size(), 1u);  // misc has no detection class
}

TEST(NuscenesResults, DetectionNamesFollowTheOfficialMapping) {
  EXPECT_EQ(nuscenesDetectionName("vehicle.bus.bendy"), "bus");
  EXPECT_EQ(nuscenesDetectionName("human.pedestrian.police_officer"), "pedestrian");
  EXPECT_EQ(nuscenesDetectionName("movable_object.trafficcone"), "traffic_cone");
  EXPECT_EQ(nuscenesDetectionName("vehicle.construction"), "construction_vehicle");
  EXPECT_EQ(nuscenesDetectionName("human.pedestrian.stroller"), "");
  EXPECT_EQ(nuscenesDetectionName("vehicle.emergency.police"), "");
}

TEST(NuscenesExport, PointLabelsBecomeLidarsegKeyedByTheSampleDataToken) {
  const std::string out = scratchDir();
  Sequence s;
  s.name = "seg";
  s.root = out;
  s.sweepFormat = "kitti-bin";
  Frame f;
  f.info.sweepPath = sampleData("semantickitti/sequences/00/velodyne/000000.bin");
  f.pointLabelPath = "labels/000000.llpl";
  s.frames.push_back(f);
  fs::create_directories(out + "/labels");
  writePointLabels(
      out + "/labels/000000.llpl",
      readSemanticKittiLabelsMapped(sampleData("semantickitti/sequences/00/labels/000000.label"),
                                    defaultOntology(), 124668));
  NuscenesExportSettings settings;
  settings.writeSweeps = false;
  const auto rep = exportNuscenes(s, out + "/nus", defaultOntology(), settings);
  EXPECT_EQ(rep.lidarsegFrames, 1u);
  const json seg = table(out + "/nus", "lidarseg"), sd = table(out + "/nus", "sample_data");
  ASSERT_EQ(seg.size(), 1u);
  EXPECT_EQ(seg[0]["token"], sd[0]["token"]);  // the devkit looks lidarseg up by sd token
  EXPECT_EQ(seg[0]["sample_data_token"], sd[0]["token"]);
  const std::string bin = out + "/nus/" + seg[0]["filename"].get<std::string>();
  EXPECT_EQ(fs::file_size(bin), 124668u);
  // Reading it back through the ontology gives the labels that were exported.
  const PointLabels back = readNuscenesLidarseg(bin, defaultOntology(), 124668);
  const PointLabels orig = readPointLabels(out + "/labels/000000.llpl");
  std::size_t same = 0;
  for (std::size_t i = 0; i < back.size(); ++i)
    same += back.semantic[i] == orig.semantic[i] ? 1 : 0;
  // Classes sharing a lidarseg index collapse to the first (e.g. parking/lane-marking -> road),
  // so only the classes with their own index round-trip; road, sidewalk, vegetation, ... do.
  EXPECT_GT(same, back.size() / 2);
}

}  // namespace
}  // namespace lidarlabel
