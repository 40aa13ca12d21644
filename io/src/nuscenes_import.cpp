// nuScenes tables -> LiDAR-frame boxes of the LIDAR_TOP key frames (inverse chain, §4.3).
#include <algorithm>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "json_util.h"
#include "lidarlabel/core/errors.h"
#include "lidarlabel/io/atomic_file.h"
#include "lidarlabel/io/nuscenes.h"
#include "nuscenes_util.h"

namespace fs = std::filesystem;
using json = nlohmann::json;

namespace lidarlabel {

namespace {

struct Table {
  std::string file;
  json doc;
  std::map<std::string, std::size_t> byToken;
  JsonReader at(std::size_t i) const { return JsonReader(doc, file, "").at(i); }
  std::size_t size() const { return doc.size(); }
  // Record with the token; a dangling reference is an error naming the referring field.
  JsonReader get(const std::string& token, const JsonReader& from, const std::string& field) const {
    const auto it = byToken.find(token);
    if (it == byToken.end())
      from.fail(field, "token '" + token + "' not found in " + fs::path(file).filename().string());
    return at(it->second);
  }
};

Table loadTable(const std::string& dir, const std::string& name) {
  Table t;
  t.file = (fs::path(dir) / (name + ".json")).string();
  t.doc = parseJson(readFile(t.file), t.file);
  const JsonReader r(t.doc, t.file, "");
  for (std::size_t i = 0; i < r.arraySize(); ++i) t.byToken[r.at(i).string("token")] = i;
  return t;
}

Eigen::Quaterniond quatOf(const JsonReader& r, const std::string& key) {
  const std::vector<double> q = r.numbers(key, 4);  // w x y z
  const Eigen::Quaterniond out(q[0], q[1], q[2], q[3]);
  if (out.norm() < 1e-6) r.fail(key, "zero quaternion");
  return out.normalized();
}

// File name without its sweep extension, so "000001.pcd.bin" matches "velodyne/000001.bin".
std::string sweepStem(const std::string& path) {
  std::string name = fs::path(path).filename().string();
  for (const std::string ext : {".pcd.bin", ".bin", ".pcd", ".ply"})
    if (name.size() > ext.size() && name.compare(name.size() - ext.size(), ext.size(), ext) == 0)
      return name.substr(0, name.size() - ext.size());
  return name;
}

Eigen::Isometry3d poseOf(const JsonReader& r) {
  Eigen::Isometry3d p = Eigen::Isometry3d::Identity();
  p.linear() = quatOf(r, "rotation").toRotationMatrix();
  p.translation() = r.vec3("translation");
  return p;
}

}  // namespace

NuscenesImportReport importNuscenes(const std::string& versionDir, Sequence& target,
                                    const Ontology& ontology) {
  Sequence sequence = target;  // the target changes only when the whole import succeeded
  const Table sensor = loadTable(versionDir, "sensor"),
              cs = loadTable(versionDir, "calibrated_sensor"),
              ego = loadTable(versionDir, "ego_pose"), sd = loadTable(versionDir, "sample_data"),
              ann = loadTable(versionDir, "sample_annotation"),
              inst = loadTable(versionDir, "instance"), cat = loadTable(versionDir, "category");
  std::optional<Table> attr, vis;
  if (fs::exists(fs::path(versionDir) / "attribute.json"))
    attr = loadTable(versionDir, "attribute");
  if (fs::exists(fs::path(versionDir) / "visibility.json"))
    vis = loadTable(versionDir, "visibility");

  // LIDAR_TOP key frames in time order.
  struct KeyFrame {
    std::size_t sd;
    std::int64_t ts;
    Eigen::Isometry3d lidarToEgo, egoToGlobal;
    std::string file;
  };
  std::vector<KeyFrame> keys;
  for (std::size_t i = 0; i < sd.size(); ++i) {
    const JsonReader r = sd.at(i);
    if (!r.booleanOr("is_key_frame", false)) continue;
    const JsonReader c = cs.get(r.string("calibrated_sensor_token"), r, "calibrated_sensor_token");
    const JsonReader sen = sensor.get(c.string("sensor_token"), c, "sensor_token");
    if (sen.string("channel") != "LIDAR_TOP") continue;
    const JsonReader e = ego.get(r.string("ego_pose_token"), r, "ego_pose_token");
    keys.push_back({i, r.integer("timestamp", 0, std::numeric_limits<long long>::max()), poseOf(c),
                    poseOf(e), r.string("filename")});
  }
  std::stable_sort(keys.begin(), keys.end(),
                   [](const KeyFrame& a, const KeyFrame& b) { return a.ts < b.ts; });

  // Key frame -> sequence frame (by sweep file name; an empty sequence gets one frame each).
  const bool fresh = sequence.frames.empty();
  if (fresh) {
    sequence.root = fs::path(versionDir).parent_path().string();
    sequence.sweepFormat = "nuscenes-bin";
  }
  std::map<std::string, std::size_t> sampleToKey;
  std::vector<std::optional<std::size_t>> frameOfKey(keys.size());
  for (std::size_t k = 0; k < keys.size(); ++k) {
    sampleToKey[sd.at(keys[k].sd).string("sample_token")] = k;
    const std::string name = sweepStem(keys[k].file);
    if (fresh) {
      Frame f;
      f.info.sweepPath = keys[k].file;
      f.info.timestampUs = keys[k].ts;
      f.info.egoPose = keys[k].egoToGlobal * keys[k].lidarToEgo;
      sequence.frames.push_back(std::move(f));
      frameOfKey[k] = k;
      continue;
    }
    for (std::size_t i = 0; i < sequence.size(); ++i)
      if (sweepStem(sequence.frames[i].info.sweepPath) == name) frameOfKey[k] = i;
  }
  if (!keys.empty())
    sequence.metadata[nusc::kLidarToEgoKey] = nusc::poseText(keys.front().lidarToEgo);
  for (const auto& f : frameOfKey)
    if (f) sequence.frames[*f].objects.clear();

  NuscenesImportReport report;
  std::map<std::string, std::uint32_t> trackOf;
  std::uint32_t nextTrack = sequence.maxTrackId() + 1;
  for (std::size_t i = 0; i < ann.size(); ++i) {
    const JsonReader a = ann.at(i);
    const auto key = sampleToKey.find(a.string("sample_token"));
    if (key == sampleToKey.end() || !frameOfKey[key->second]) continue;
    const KeyFrame& kf = keys[key->second];
    const std::string instToken = a.string("instance_token");
    const JsonReader in = inst.get(instToken, a, "instance_token");
    const std::string catName =
        cat.get(in.string("category_token"), in, "category_token").string("name");
    NuscenesBox b;
    b.translation = a.vec3("translation");
    b.sizeWlh = a.vec3("size");
    b.rotation = quatOf(a, "rotation");
    if (b.sizeWlh.minCoeff() < 0) a.fail("size", "negative size");
    ObjectAnnotation o;
    const auto [it, added] = trackOf.emplace(instToken, nextTrack);
    if (added) ++nextTrack;
    o.trackId = it->second;
    const ClassDef* cls = ontology.findByNuscenesName(catName);
    o.className = cls ? cls->name : catName;
    o.box = lidarBoxFromNuscenes(b, kf.lidarToEgo, kf.egoToGlobal);
    o.attributes[nusc::kCategoryKey] = catName;
    o.attributes[nusc::kBoxKey] = nusc::boxText(o.box);
    if (a.has("num_lidar_pts"))
      o.attributes[nusc::kNumLidarPtsKey] =
          std::to_string(a.integer("num_lidar_pts", 0, std::numeric_limits<int>::max()));
    const std::string visToken = a.has("visibility_token") ? a.string("visibility_token") : "";
    if (vis && !visToken.empty())
      o.attributes[nusc::kVisibilityKey] =
          vis->get(visToken, a, "visibility_token").string("level");
    if (attr && a.has("attribute_tokens")) {
      const JsonReader at = a.child("attribute_tokens");
      if (at.arraySize() > 0) {
        const std::string t = at.raw()[0].is_string() ? at.raw()[0].get<std::string>() : "";
        o.attributes["nuscenes.attribute"] = attr->get(t, a, "attribute_tokens").string("name");
      }
    }
    sequence.frames[*frameOfKey[key->second]].objects.push_back(std::move(o));
    ++report.annotations;
  }
  for (const auto& f : frameOfKey) report.samples += f ? 1 : 0;
  report.instances = trackOf.size();
  target = std::move(sequence);
  return report;
}

}  // namespace lidarlabel
