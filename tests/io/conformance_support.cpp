// Official-format invariants (conformance_support.h).
#include "conformance_support.h"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <sstream>

#include "lidarlabel/io/atomic_file.h"
#include "lidarlabel/io/nuscenes.h"
#include "lidarlabel/io/sweep_io.h"

namespace lidarlabel::conformance {

namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;

const char* const kTables[] = {
    "category",          "attribute",         "visibility", "instance", "sensor",
    "calibrated_sensor", "ego_pose",          "log",        "scene",    "sample",
    "sample_data",       "sample_annotation", "map"};

using Index = std::map<std::string, const json*>;  // token -> record

Index indexOf(const json& table, const std::string& name) {
  Index out;
  for (const json& r : table) {
    const std::string t = r.at("token").get<std::string>();
    EXPECT_TRUE(out.emplace(t, &r).second) << name << ": duplicate token " << t;
  }
  return out;
}

void expectRef(const Index& idx, const json& rec, const std::string& field,
               const std::string& table, const std::string& target) {
  const std::string t = rec.at(field).get<std::string>();
  EXPECT_TRUE(idx.count(t)) << table << "." << field << " = '" << t << "' not in " << target;
}

// prev/next of a table agree in both directions.
void expectChain(const Index& idx, const std::string& table) {
  for (const auto& [token, rec] : idx) {
    for (const auto& [field, back] : {std::pair{"prev", "next"}, std::pair{"next", "prev"}}) {
      const std::string other = rec->at(field).get<std::string>();
      if (other.empty()) continue;
      ASSERT_TRUE(idx.count(other)) << table << " " << token << " " << field << " dangles";
      EXPECT_EQ(idx.at(other)->at(back).get<std::string>(), token) << table << " " << token;
    }
  }
}

Eigen::Isometry3d poseOf(const json& r) {
  const auto& q = r.at("rotation");
  const auto& t = r.at("translation");
  Eigen::Isometry3d p = Eigen::Isometry3d::Identity();
  p.linear() = Eigen::Quaterniond(q[0].get<double>(), q[1].get<double>(), q[2].get<double>(),
                                  q[3].get<double>())
                   .normalized()
                   .toRotationMatrix();
  p.translation() = Eigen::Vector3d(t[0].get<double>(), t[1].get<double>(), t[2].get<double>());
  return p;
}

void expectUnitQuaternion(const json& q, const std::string& what) {
  ASSERT_EQ(q.size(), 4u) << what;
  double n = 0;
  for (const json& v : q) n += v.get<double>() * v.get<double>();
  EXPECT_NEAR(std::sqrt(n), 1.0, 1e-6) << what;
}

void checkLidarseg(const std::string& dataroot, const std::string& version,
                   const std::map<std::string, json>& t, const Index& sd) {
  const fs::path file = fs::path(dataroot) / version / "lidarseg.json";
  if (!fs::exists(file)) return;
  std::set<int> indices;
  for (const json& c : t.at("category")) indices.insert(c.at("index").get<int>());
  const json records = json::parse(readFile(file.string()));
  for (const json& r : records) {
    const std::string token = r.at("token"), sdToken = r.at("sample_data_token");
    EXPECT_EQ(token, sdToken) << "lidarseg token must equal its sample_data_token";
    ASSERT_TRUE(sd.count(sdToken)) << "lidarseg.sample_data_token dangles: " << sdToken;
    const std::string labels = readFile(dataroot + "/" + r.at("filename").get<std::string>());
    const std::string sweep = dataroot + "/" + sd.at(sdToken)->at("filename").get<std::string>();
    EXPECT_EQ(labels.size() * 20, fs::file_size(sweep)) << r.at("filename") << ": 1 byte per point";
    std::set<int> used;
    for (char c : labels) used.insert(static_cast<unsigned char>(c));
    for (int i : used)
      EXPECT_TRUE(indices.count(i)) << "lidarseg index " << i << " not in category.json";
  }
  std::size_t bins = 0;
  for (const auto& e : fs::directory_iterator(fs::path(dataroot) / "lidarseg" / version))
    bins += e.path().extension() == ".bin" ? 1 : 0;
  EXPECT_EQ(bins, records.size()) << "the devkit asserts one .bin per lidarseg record";
}

void checkCategories(const json& categories) {
  std::set<int> seen;
  for (const json& c : categories) {
    ASSERT_TRUE(c.contains("index")) << c.at("name") << " has no index";
    const int index = c.at("index").get<int>();
    EXPECT_TRUE(seen.insert(index).second) << "category index " << index << " twice";
    if (const NuscenesCategory* o = findNuscenesOfficialCategory(c.at("name").get<std::string>())) {
      EXPECT_EQ(index, o->index) << c.at("name");
    }
  }
}

void checkAnnotations(const std::string& dataroot, const std::map<std::string, Index>& idx,
                      const json& annotations, bool importedCounts) {
  std::map<std::string, PointCloud> sweeps;
  std::map<std::string, const json*> keyFrameOfSample;
  for (const auto& [tok, r] : idx.at("sample_data"))
    if (r->at("is_key_frame").get<bool>()) keyFrameOfSample[r->at("sample_token")] = r;
  for (const json& a : annotations) {
    expectRef(idx.at("sample"), a, "sample_token", "sample_annotation", "sample");
    expectRef(idx.at("instance"), a, "instance_token", "sample_annotation", "instance");
    expectRef(idx.at("visibility"), a, "visibility_token", "sample_annotation", "visibility");
    for (const json& at : a.at("attribute_tokens"))
      EXPECT_TRUE(idx.at("attribute").count(at.get<std::string>())) << "attribute " << at;
    EXPECT_LE(a.at("attribute_tokens").size(), 1u) << "DetectionEval raises on more than one";
    expectUnitQuaternion(a.at("rotation"), "sample_annotation.rotation");
    for (const json& v : a.at("size")) EXPECT_GT(v.get<double>(), 0.0) << "size";
    if (importedCounts || !keyFrameOfSample.count(a.at("sample_token"))) continue;
    const json& sd = *keyFrameOfSample.at(a.at("sample_token"));
    const std::string file = dataroot + "/" + sd.at("filename").get<std::string>();
    if (!sweeps.count(file)) sweeps[file] = readSweep(file, "nuscenes-bin");
    NuscenesBox b;
    b.translation =
        poseOf({{"rotation", {1, 0, 0, 0}}, {"translation", a.at("translation")}}).translation();
    b.sizeWlh = {a["size"][0].get<double>(), a["size"][1].get<double>(),
                 a["size"][2].get<double>()};
    b.rotation = Eigen::Quaterniond(
        poseOf({{"rotation", a.at("rotation")}, {"translation", {0, 0, 0}}}).linear());
    const Cuboid box = lidarBoxFromNuscenes(
        b, poseOf(*idx.at("calibrated_sensor").at(sd.at("calibrated_sensor_token"))),
        poseOf(*idx.at("ego_pose").at(sd.at("ego_pose_token"))));
    EXPECT_EQ(a.at("num_lidar_pts").get<std::size_t>(),
              countPointsInBoxInclusive(sweeps[file], box))
        << "num_lidar_pts of " << a.at("token");
  }
}

void checkInstances(const json& instances, const Index& ann, const Index& category) {
  for (const json& in : instances) {
    expectRef(category, in, "category_token", "instance", "category");
    std::string tok = in.at("first_annotation_token");
    std::size_t n = 0;
    std::string last;
    while (!tok.empty() && n <= ann.size()) {
      ASSERT_TRUE(ann.count(tok)) << "instance chain dangles at " << tok;
      EXPECT_EQ(ann.at(tok)->at("instance_token"), in.at("token"));
      last = tok;
      tok = ann.at(tok)->at("next").get<std::string>();
      ++n;
    }
    EXPECT_EQ(n, in.at("nbr_annotations").get<std::size_t>()) << "instance " << in.at("token");
    EXPECT_EQ(last, in.at("last_annotation_token").get<std::string>());
  }
}

}  // namespace

void checkNuscenes(const std::string& dataroot, const std::string& version, bool importedCounts) {
  std::map<std::string, json> t;
  std::map<std::string, Index> idx;
  for (const char* name : kTables) {
    const fs::path file = fs::path(dataroot) / version / (std::string(name) + ".json");
    ASSERT_TRUE(fs::exists(file)) << file;
    t[name] = json::parse(readFile(file.string()));
    ASSERT_TRUE(t[name].is_array()) << name;
    idx[name] = indexOf(t[name], name);
  }
  checkCategories(t["category"]);
  ASSERT_FALSE(t["map"].empty()) << "NuScenes() reads map[0]";
  std::set<std::string> mappedLogs;
  for (const json& m : t["map"]) {
    EXPECT_TRUE(fs::exists(dataroot + "/" + m.at("filename").get<std::string>()))
        << m.at("filename");
    for (const json& l : m.at("log_tokens")) mappedLogs.insert(l.get<std::string>());
  }
  for (const json& l : t["log"]) EXPECT_TRUE(mappedLogs.count(l.at("token"))) << "log not in a map";
  for (const json& s : t["scene"]) {
    expectRef(idx["log"], s, "log_token", "scene", "log");
    expectRef(idx["sample"], s, "first_sample_token", "scene", "sample");
    expectRef(idx["sample"], s, "last_sample_token", "scene", "sample");
  }
  for (const json& s : t["sample"]) expectRef(idx["scene"], s, "scene_token", "sample", "scene");
  for (const json& c : t["calibrated_sensor"])
    expectRef(idx["sensor"], c, "sensor_token", "calibrated_sensor", "sensor");
  for (const json& sd : t["sample_data"]) {
    expectRef(idx["sample"], sd, "sample_token", "sample_data", "sample");
    expectRef(idx["ego_pose"], sd, "ego_pose_token", "sample_data", "ego_pose");
    expectRef(idx["calibrated_sensor"], sd, "calibrated_sensor_token", "sample_data",
              "calibrated_sensor");
    EXPECT_TRUE(fs::exists(dataroot + "/" + sd.at("filename").get<std::string>()))
        << sd.at("filename");
  }
  expectChain(idx["sample"], "sample");
  expectChain(idx["sample_data"], "sample_data");
  expectChain(idx["sample_annotation"], "sample_annotation");
  checkInstances(t["instance"], idx["sample_annotation"], idx["category"]);
  checkAnnotations(dataroot, idx, t["sample_annotation"], importedCounts);
  const fs::path splits = fs::path(dataroot) / version / "splits.json";
  if (fs::exists(splits)) {
    std::set<std::string> scenes;
    for (const json& s : t["scene"]) scenes.insert(s.at("name"));
    const json doc = json::parse(readFile(splits.string()));
    for (const auto& [name, list] : doc.items())
      for (const json& s : list) EXPECT_TRUE(scenes.count(s)) << "split " << name << " names " << s;
  }
  checkLidarseg(dataroot, version, t, idx["sample_data"]);
}

void checkSemanticKitti(const std::string& labelDir, const std::string& sweepDir) {
  // Raw ids of semantic-kitti.yaml (labels:).
  const std::set<int> ids = {0,  1,  10,  11,  13,  15,  16,  18,  20,  30, 31, 32,
                             40, 44, 48,  49,  50,  51,  52,  60,  70,  71, 72, 80,
                             81, 99, 252, 253, 254, 255, 256, 257, 258, 259};
  std::size_t files = 0;
  for (const auto& e : fs::directory_iterator(labelDir)) {
    ASSERT_EQ(e.path().extension(), ".label") << e.path();
    ++files;
    const std::string bytes = readFile(e.path().string());
    const fs::path sweep = fs::path(sweepDir) / (e.path().stem().string() + ".bin");
    ASSERT_TRUE(fs::exists(sweep)) << sweep;
    EXPECT_EQ(bytes.size() * 4, fs::file_size(sweep)) << e.path() << ": one uint32 per point";
    std::set<int> bad;
    for (std::size_t i = 0; i + 4 <= bytes.size(); i += 4) {
      const int semantic =
          static_cast<unsigned char>(bytes[i]) | (static_cast<unsigned char>(bytes[i + 1]) << 8);
      if (!ids.count(semantic)) bad.insert(semantic);
    }
    EXPECT_TRUE(bad.empty()) << e.path() << ": " << bad.size() << " ids outside the config, e.g. "
                             << *bad.begin();
  }
  EXPECT_GT(files, 0u);
}

namespace {
std::vector<std::vector<std::string>> rows(const std::string& file) {
  std::vector<std::vector<std::string>> out;
  std::istringstream in(readFile(file));
  for (std::string line; std::getline(in, line);) {
    std::istringstream ls(line);
    std::vector<std::string> cols;
    for (std::string c; ls >> c;) cols.push_back(c);
    if (!cols.empty()) out.push_back(cols);
  }
  return out;
}

// The 15 label_2 columns starting at `c`: type .. rotation_y (+ score).
// maxTruncated: 1 (object: a fraction) or 2 (tracking: a level 0/1/2).
void checkObjectColumns(const std::vector<std::string>& r, std::size_t c, const std::string& where,
                        int w, int h, double maxTruncated) {
  static const std::set<std::string> types = {
      "Car", "Van", "Truck", "Pedestrian", "Person_sitting", "Cyclist", "Tram", "Misc", "DontCare"};
  EXPECT_TRUE(types.count(r[c])) << where << ": type " << r[c];
  std::vector<double> v;
  for (std::size_t k = c + 1; k < r.size(); ++k) v.push_back(std::stod(r[k]));
  if (v.size() < 14) {
    ADD_FAILURE() << where << ": " << v.size() << " numeric columns";
    return;
  }
  const bool dontCare = r[c] == "DontCare";
  const int occluded = static_cast<int>(v[1]);
  EXPECT_TRUE(occluded >= -1 && occluded <= 3) << where << ": occluded " << occluded;
  if (dontCare) return;
  EXPECT_TRUE(v[0] >= 0 && v[0] <= maxTruncated) << where << ": truncated " << v[0];
  EXPECT_TRUE(std::abs(v[2]) <= M_PI + 1e-6) << where << ": alpha " << v[2];
  EXPECT_TRUE(v[3] >= 0 && v[3] <= v[5] && v[5] <= w && v[4] >= 0 && v[4] <= v[6] && v[6] <= h)
      << where << ": 2-D box";
  EXPECT_TRUE(v[7] > 0 && v[8] > 0 && v[9] > 0) << where << ": dimensions";
  EXPECT_TRUE(std::abs(v[13]) <= M_PI + 1e-6) << where << ": rotation_y " << v[13];
}
}  // namespace

void checkKittiObject(const std::string& outDir, int w, int h) {
  std::size_t files = 0;
  for (const auto& e : fs::directory_iterator(fs::path(outDir) / "label_2")) {
    ++files;
    for (const auto& r : rows(e.path().string())) {
      ASSERT_TRUE(r.size() == 15 || r.size() == 16) << e.path() << ": " << r.size() << " columns";
      checkObjectColumns(r, 0, e.path().string(), w, h, 1.0);
    }
    const fs::path calib = fs::path(outDir) / "calib" / e.path().filename();
    ASSERT_TRUE(fs::exists(calib)) << calib;
    std::map<std::string, std::size_t> keys;
    for (const auto& r : rows(calib.string())) keys[r[0]] = r.size() - 1;
    for (const char* k : {"P0:", "P1:", "P2:", "P3:", "Tr_velo_to_cam:", "Tr_imu_to_velo:"})
      EXPECT_EQ(keys[k], 12u) << calib << " " << k;
    EXPECT_EQ(keys["R0_rect:"], 9u) << calib;
  }
  EXPECT_GT(files, 0u);
}

void checkKittiTracking(const std::string& labelFile) {
  int lastFrame = -1;
  std::set<std::pair<int, int>> seen;
  for (const auto& r : rows(labelFile)) {
    ASSERT_TRUE(r.size() == 17 || r.size() == 18) << labelFile << ": " << r.size() << " columns";
    const int frame = std::stoi(r[0]), track = std::stoi(r[1]);
    EXPECT_GE(frame, lastFrame) << labelFile << ": frames out of order";
    lastFrame = frame;
    if (r[2] == "DontCare") {
      EXPECT_EQ(track, -1);
    } else {
      EXPECT_GE(track, 0);
      EXPECT_TRUE(seen.emplace(frame, track).second)
          << "frame " << frame << " track " << track << " twice";
    }
    checkObjectColumns(r, 2, labelFile + " frame " + r[0], 1242, 375, 2.0);
  }
  EXPECT_GE(lastFrame, 0) << labelFile << " is empty";
}

void checkOpenLabel(const std::string& file) {
  const json doc = json::parse(readFile(file));
  ASSERT_EQ(doc.size(), 1u) << "only the openlabel key is allowed at the root";
  const json& ol = doc.at("openlabel");
  EXPECT_EQ(ol.at("metadata").at("schema_version"), "1.0.0");
  const std::regex uid("^-?[0-9]+$"), frameKey("^[0-9]+$");
  for (const auto& [id, o] : ol.at("objects").items()) {
    EXPECT_TRUE(std::regex_match(id, uid)) << "object uid " << id;
    EXPECT_TRUE(o.contains("name") && o.contains("type")) << "object " << id;
  }
  const json systems = ol.value("coordinate_systems", json::object());
  const json streams = ol.value("streams", json::object());
  const json frames = ol.value("frames", json::object());
  for (const auto& [name, cs] : systems.items())
    EXPECT_TRUE(cs.contains("type") && cs.contains("parent")) << "coordinate system " << name;
  static const std::set<std::string> streamTypes = {"camera", "lidar", "radar", "gps_imu", "other"};
  for (const auto& [name, st] : streams.items())
    EXPECT_TRUE(streamTypes.count(st.value("type", ""))) << "stream " << name;
  std::size_t cuboids = 0;
  for (const auto& [key, f] : frames.items()) {
    EXPECT_TRUE(std::regex_match(key, frameKey)) << "frame key " << key;
    const json objects = f.value("objects", json::object());
    for (const auto& [id, o] : objects.items()) {
      EXPECT_TRUE(ol.at("objects").contains(id))
          << "frame " << key << " object " << id << " undeclared";
      const json cuboidList = o.at("object_data").value("cuboid", json::array());
      for (const json& c : cuboidList) {
        const json& v = c.at("val");
        ASSERT_EQ(v.size(), 10u) << "frame " << key << " object " << id;
        expectUnitQuaternion(json::array({v[3], v[4], v[5], v[6]}), "cuboid quaternion");
        // A yaw-only rotation has qx = qy = 0 in x, y, z, w order; w first would put 0s at 4, 5.
        const bool xyzw =
            std::abs(v[3].get<double>()) < 1e-9 && std::abs(v[4].get<double>()) < 1e-9;
        const bool wxyz =
            std::abs(v[4].get<double>()) < 1e-9 && std::abs(v[5].get<double>()) < 1e-9;
        EXPECT_FALSE(wxyz && !xyzw)
            << "frame " << key << " object " << id << ": quaternion w first";
        for (int k = 7; k < 10; ++k) EXPECT_GT(v[k].get<double>(), 0.0) << "cuboid size";
        ++cuboids;
      }
    }
  }
  EXPECT_GT(cuboids, 0u);
}

}  // namespace lidarlabel::conformance
