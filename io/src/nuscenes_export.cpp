// A sequence as the 13 nuScenes tables (FORMATS.md §4.1-§4.4), built aside and moved into place
// in one step (folder_transaction.h).
#include <algorithm>
#include <ctime>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "lidarlabel/core/errors.h"
#include "lidarlabel/io/atomic_file.h"
#include "lidarlabel/io/folder_transaction.h"
#include "lidarlabel/io/nuscenes.h"
#include "lidarlabel/io/nuscenes_lidarseg.h"
#include "lidarlabel/io/sweep_io.h"
#include "nuscenes_util.h"

namespace fs = std::filesystem;
using json = nlohmann::json;

namespace lidarlabel {

namespace {

const char* const kAttributes[] = {"vehicle.moving",      "vehicle.stopped",
                                   "vehicle.parked",      "cycle.with_rider",
                                   "cycle.without_rider", "pedestrian.moving",
                                   "pedestrian.standing", "pedestrian.sitting_lying_down"};

json quat(const Eigen::Quaterniond& q) {
  return {q.w(), q.x(), q.y(), q.z()};
}
json vec(const Eigen::Vector3d& v) {
  return {v.x(), v.y(), v.z()};
}

std::string dateOf(std::int64_t timestampUs) {
  const std::time_t t = static_cast<std::time_t>(timestampUs / 1000000);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
  return buf;
}

std::string sweepStem(const std::string& path) {
  std::string name = fs::path(path).filename().string();
  for (const char* ext : {".pcd.bin", ".bin", ".pcd", ".ply"}) {
    const std::string e(ext);
    if (name.size() > e.size() && name.compare(name.size() - e.size(), e.size(), e) == 0)
      return name.substr(0, name.size() - e.size());
  }
  return name;
}

// The 32 official categories with their index, then any other category name the ontology or
// the objects use (e.g. a custom ontology), with an index from 32 up. name -> token in `tokens`.
json categoryTable(const Sequence& s, const Ontology& ontology,
                   std::map<std::string, std::string>& tokens) {
  json out = json::array();
  std::set<int> used;
  auto add = [&](const std::string& name, int index, const std::string& description) {
    const std::string token = nuscenesToken("category", name);
    tokens[name] = token;
    used.insert(index);
    out.push_back(
        {{"token", token}, {"name", name}, {"description", description}, {"index", index}});
  };
  for (const NuscenesCategory& c : nuscenesOfficialCategories())
    add(c.name, c.index, c.description);
  std::vector<std::pair<std::string, int>> extra;  // name, preferred index (-1 = any)
  for (const ClassDef& c : ontology.classes)
    if (!c.nuscenesName.empty()) extra.emplace_back(c.nuscenesName, c.nuscenesLidarsegIndex);
  for (const Frame& f : s.frames)
    for (const ObjectAnnotation& o : f.objects)
      extra.emplace_back(nusc::categoryOf(o, ontology), -1);
  for (const auto& [name, preferred] : extra) {
    if (name.empty() || tokens.count(name)) continue;
    int index = preferred >= 32 && !used.count(preferred) ? preferred : 32;
    while (used.count(index)) ++index;
    add(name, index, "category outside the official nuScenes taxonomy");
  }
  return out;
}

json attributeTable() {
  json out = json::array();
  for (const char* a : kAttributes)
    out.push_back({{"token", nuscenesToken("attribute", a)}, {"name", a}, {"description", ""}});
  return out;
}

json visibilityTable() {
  json out = json::array();
  const char* levels[] = {"v0-40", "v40-60", "v60-80", "v80-100"};
  for (int i = 0; i < 4; ++i)
    out.push_back({{"token", std::to_string(i + 1)},
                   {"level", levels[i]},
                   {"description", std::string("visibility of whole object is ") + levels[i]}});
  return out;
}

// Everything the export writes, filled frame by frame.
struct Tables {
  std::map<std::string, json> t;  // table name -> records
  std::map<std::string, std::string> categoryTokens;
  std::map<std::uint32_t, std::vector<std::size_t>> chains;  // track -> annotation indices
  std::map<std::uint32_t, std::string> instanceCategory;     // track -> category token
  std::vector<long long> pointCounts;                        // per frame
};

json annotationRecord(const ObjectAnnotation& o, const std::string& cat, const PointCloud& cloud,
                      const nusc::FrameGeometry& g, const std::string& key,
                      const std::string& scene, const std::string& sampleToken) {
  const NuscenesBox b = nuscenesBoxFromLidar(o.box, g.lidarToEgo, g.egoToGlobal);
  const std::string attr = nusc::attributeName(o, cat);
  std::size_t points = 0;
  const auto kept = o.attributes.find(nusc::kNumLidarPtsKey);
  if (kept != o.attributes.end() && nusc::unedited(o))
    points = static_cast<std::size_t>(std::stoull(kept->second));
  else
    points = countPointsInBoxInclusive(cloud, o.box);
  return {{"token", nuscenesToken("sample_annotation", key + "/" + std::to_string(o.trackId))},
          {"sample_token", sampleToken},
          {"instance_token", nuscenesToken("instance", scene + "/" + std::to_string(o.trackId))},
          {"attribute_tokens",
           attr.empty() ? json::array() : json::array({nuscenesToken("attribute", attr)})},
          {"visibility_token", nusc::visibilityToken(o)},
          {"translation", vec(b.translation)},
          {"size", vec(b.sizeWlh)},
          {"rotation", quat(b.rotation)},
          {"num_lidar_pts", points},
          {"num_radar_pts", 0},
          {"prev", ""},
          {"next", ""}};
}

// One pass over the sweeps: each is read once, counted and (sweepsDir != "") written.
void framePass(const Sequence& s, const Ontology& ontology, const NuscenesExportSettings& settings,
               const std::string& sweepsDir, Tables& tb, NuscenesExportReport& report,
               const std::function<void(std::size_t)>& progress) {
  const std::string scene = nusc::sceneName(s, settings);
  const std::vector<nusc::FrameGeometry> geo = nusc::frameGeometry(s, settings);
  const std::string csToken = nuscenesToken("calibrated_sensor", scene),
                    sceneToken = nuscenesToken("scene", scene);
  const std::size_t n = s.size();
  auto sdToken = [&](std::size_t i) {
    return nuscenesToken("sample_data", scene + "/" + std::to_string(i));
  };
  for (std::size_t i = 0; i < n; ++i) {
    const std::string sTok = nusc::sampleToken(scene, i), key = scene + "/" + std::to_string(i);
    const std::string epTok = nuscenesToken("ego_pose", key);
    tb.t["ego_pose"].push_back(
        {{"token", epTok},
         {"timestamp", geo[i].timestampUs},
         {"translation", vec(geo[i].egoToGlobal.translation())},
         {"rotation", quat(Eigen::Quaterniond(geo[i].egoToGlobal.rotation()))}});
    tb.t["sample"].push_back({{"token", sTok},
                              {"timestamp", geo[i].timestampUs},
                              {"scene_token", sceneToken},
                              {"prev", i > 0 ? nusc::sampleToken(scene, i - 1) : ""},
                              {"next", i + 1 < n ? nusc::sampleToken(scene, i + 1) : ""}});
    const std::string file =
        "samples/LIDAR_TOP/" + sweepStem(s.frames[i].info.sweepPath) + ".pcd.bin";
    tb.t["sample_data"].push_back({{"token", sdToken(i)},
                                   {"sample_token", sTok},
                                   {"ego_pose_token", epTok},
                                   {"calibrated_sensor_token", csToken},
                                   {"filename", file},
                                   {"fileformat", "pcd"},
                                   {"width", 0},
                                   {"height", 0},
                                   {"timestamp", geo[i].timestampUs},
                                   {"is_key_frame", true},
                                   {"prev", i > 0 ? sdToken(i - 1) : ""},
                                   {"next", i + 1 < n ? sdToken(i + 1) : ""}});
    const PointCloud cloud = readSweep(s.sweepPathOf(i), s.sweepFormat);
    tb.pointCounts.push_back(static_cast<long long>(cloud.size()));
    if (!sweepsDir.empty())
      writeNuscenesBin((fs::path(sweepsDir) / fs::path(file).filename()).string(), cloud);
    for (const ObjectAnnotation& o : s.frames[i].objects) {
      const std::string cat = nusc::categoryOf(o, ontology);
      if (cat.empty()) {
        ++report.skippedNoCategory;
        continue;
      }
      tb.chains[o.trackId].push_back(tb.t["sample_annotation"].size());
      tb.instanceCategory.emplace(o.trackId, tb.categoryTokens.at(cat));
      tb.t["sample_annotation"].push_back(
          annotationRecord(o, cat, cloud, geo[i], key, scene, sTok));
    }
    if (progress) progress(i + 1);
  }
}

// prev/next of each instance's annotations and the instance table.
void chainInstances(Tables& tb) {
  json& ann = tb.t["sample_annotation"];
  json& instance = tb.t["instance"];
  for (const auto& [track, idx] : tb.chains) {
    for (std::size_t k = 0; k < idx.size(); ++k) {
      if (k > 0) ann[idx[k]]["prev"] = ann[idx[k - 1]]["token"];
      if (k + 1 < idx.size()) ann[idx[k]]["next"] = ann[idx[k + 1]]["token"];
    }
    instance.push_back({{"token", ann[idx.front()]["instance_token"]},
                        {"category_token", tb.instanceCategory.at(track)},
                        {"nbr_annotations", idx.size()},
                        {"first_annotation_token", ann[idx.front()]["token"]},
                        {"last_annotation_token", ann[idx.back()]["token"]}});
  }
}

// sensor, calibrated_sensor, log, scene, map; returns the map file (relative to the dataroot).
std::string sceneTables(const Sequence& s, const NuscenesExportSettings& settings, Tables& tb) {
  const std::string scene = nusc::sceneName(s, settings);
  const std::string sensorToken = nuscenesToken("sensor", "LIDAR_TOP"),
                    logToken = nuscenesToken("log", scene), mapToken = nuscenesToken("map", scene);
  const Eigen::Isometry3d lidarToEgo = nusc::lidarToEgoOf(s, settings);
  tb.t["sensor"] =
      json::array({{{"token", sensorToken}, {"channel", "LIDAR_TOP"}, {"modality", "lidar"}}});
  tb.t["calibrated_sensor"] =
      json::array({{{"token", nuscenesToken("calibrated_sensor", scene)},
                    {"sensor_token", sensorToken},
                    {"translation", vec(lidarToEgo.translation())},
                    {"rotation", quat(Eigen::Quaterniond(lidarToEgo.rotation()))},
                    {"camera_intrinsic", json::array()}}});
  const std::int64_t firstTs =
      tb.t["sample"].empty() ? 0 : tb.t["sample"][0]["timestamp"].get<std::int64_t>();
  tb.t["log"] = json::array({{{"token", logToken},
                              {"logfile", scene},
                              {"vehicle", settings.vehicle},
                              {"date_captured", dateOf(firstTs)},
                              {"location", settings.location}}});
  const std::size_t n = s.size();
  tb.t["scene"] = json::array({{{"token", nuscenesToken("scene", scene)},
                                {"name", scene},
                                {"description", "exported by lidarlabel"},
                                {"log_token", logToken},
                                {"nbr_samples", n},
                                {"first_sample_token", n ? nusc::sampleToken(scene, 0) : ""},
                                {"last_sample_token", n ? nusc::sampleToken(scene, n - 1) : ""}}});
  const std::string mapFile = "maps/" + mapToken + ".png";
  tb.t["map"] = json::array({{{"token", mapToken},
                              {"log_tokens", json::array({logToken})},
                              {"category", "semantic_prior"},
                              {"filename", mapFile}}});
  return mapFile;
}

}  // namespace

NuscenesExportReport exportNuscenes(const Sequence& s, const std::string& dataroot,
                                    const Ontology& ontology,
                                    const NuscenesExportSettings& settings,
                                    const std::function<void(std::size_t)>& progress) {
  NuscenesExportReport report;
  std::vector<std::string> replaced = {settings.version, "maps", "lidarseg/" + settings.version};
  if (settings.writeSweeps) replaced.push_back("samples/LIDAR_TOP");
  writeFolderAtomic(dataroot, replaced, [&](const std::string& root) {
    report = {};
    Tables tb;
    for (const char* name : {"instance", "ego_pose", "sample", "sample_data", "sample_annotation"})
      tb.t[name] = json::array();
    tb.t["category"] = categoryTable(s, ontology, tb.categoryTokens);
    tb.t["attribute"] = attributeTable();
    tb.t["visibility"] = visibilityTable();
    const fs::path sweeps = fs::path(root) / "samples" / "LIDAR_TOP";
    if (settings.writeSweeps) fs::create_directories(sweeps);
    framePass(s, ontology, settings, settings.writeSweeps ? sweeps.string() : "", tb, report,
              progress);
    chainInstances(tb);
    const std::string mapFile = sceneTables(s, settings, tb);
    const fs::path tables = fs::path(root) / settings.version;
    fs::create_directories(tables);
    for (const auto& [name, table] : tb.t)
      writeFileAtomic((tables / (name + ".json")).string(), table.dump(1) + "\n");
    const json splits = {{settings.splitName, json::array({nusc::sceneName(s, settings)})}};
    writeFileAtomic((tables / "splits.json").string(), splits.dump(1) + "\n");
    fs::create_directories(fs::path(root) / "maps");
    writeFileAtomic((fs::path(root) / mapFile).string(), "");
    // Point labels travel as lidarseg (lidarseg.json lives beside the tables).
    if (std::any_of(s.frames.begin(), s.frames.end(),
                    [](const Frame& f) { return !f.pointLabelPath.empty(); }))
      report.lidarsegFrames =
          nusc::writeLidarseg(s, root, ontology, settings, tb.pointCounts).frames;
    report.samples = s.size();
    report.annotations = tb.t["sample_annotation"].size();
    report.instances = tb.t["instance"].size();
  });
  return report;
}

}  // namespace lidarlabel
