// A sequence as the 13 nuScenes tables (FORMATS.md §4.1-§4.4).
#include <algorithm>
#include <ctime>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "lidarlabel/core/errors.h"
#include "lidarlabel/io/atomic_file.h"
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

// category and attribute tables, plus name -> token.
json categoryTable(const Ontology& ontology, std::map<std::string, std::string>& tokens) {
  json out = json::array();
  for (const ClassDef& c : ontology.classes) {
    if (c.nuscenesName.empty() || tokens.count(c.nuscenesName)) continue;
    const std::string token = nuscenesToken("category", c.nuscenesName);
    tokens[c.nuscenesName] = token;
    json rec{{"token", token}, {"name", c.nuscenesName}, {"description", ""}};
    if (c.nuscenesLidarsegIndex >= 0) rec["index"] = c.nuscenesLidarsegIndex;
    out.push_back(rec);
  }
  return out;
}

}  // namespace

NuscenesExportReport exportNuscenes(const Sequence& s, const std::string& dataroot,
                                    const Ontology& ontology,
                                    const NuscenesExportSettings& settings,
                                    const std::function<void(std::size_t)>& progress) {
  NuscenesExportReport report;
  const std::string scene = nusc::sceneName(s, settings);
  const std::vector<nusc::FrameGeometry> geo = nusc::frameGeometry(s, settings);
  std::map<std::string, std::string> categoryTokens;
  const json category = categoryTable(ontology, categoryTokens);
  json attribute = json::array();
  for (const char* a : kAttributes)
    attribute.push_back(
        {{"token", nuscenesToken("attribute", a)}, {"name", a}, {"description", ""}});
  json visibility = json::array();
  const char* levels[] = {"v0-40", "v40-60", "v60-80", "v80-100"};
  for (int i = 0; i < 4; ++i)
    visibility.push_back(
        {{"token", std::to_string(i + 1)},
         {"level", levels[i]},
         {"description", std::string("visibility of whole object is ") + levels[i]}});

  const std::string sensorToken = nuscenesToken("sensor", "LIDAR_TOP");
  const std::string csToken = nuscenesToken("calibrated_sensor", scene);
  const std::string logToken = nuscenesToken("log", scene);
  const std::string sceneToken = nuscenesToken("scene", scene);
  const std::string mapToken = nuscenesToken("map", scene);
  const Eigen::Isometry3d lidarToEgo = nusc::lidarToEgoOf(s, settings);
  json sensor =
      json::array({{{"token", sensorToken}, {"channel", "LIDAR_TOP"}, {"modality", "lidar"}}});
  json calibrated = json::array({{{"token", csToken},
                                  {"sensor_token", sensorToken},
                                  {"translation", vec(lidarToEgo.translation())},
                                  {"rotation", quat(Eigen::Quaterniond(lidarToEgo.rotation()))},
                                  {"camera_intrinsic", json::array()}}});
  const std::int64_t firstTs = geo.empty() ? 0 : geo.front().timestampUs;
  json log = json::array({{{"token", logToken},
                           {"logfile", scene},
                           {"vehicle", settings.vehicle},
                           {"date_captured", dateOf(firstTs)},
                           {"location", settings.location}}});
  const std::string mapFile = "maps/" + mapToken + ".png";
  json map = json::array({{{"token", mapToken},
                           {"log_tokens", json::array({logToken})},
                           {"category", "semantic_prior"},
                           {"filename", mapFile}}});

  json egoPose = json::array(), sample = json::array(), sampleData = json::array(),
       annotations = json::array();
  // Per instance (trackId): annotation indices in frame order, for prev/next and instance.
  std::map<std::uint32_t, std::vector<std::size_t>> chains;
  std::map<std::uint32_t, std::string> instanceCategory;
  const std::size_t n = s.size();
  // One pass over the sweeps: each is read once, counted, and (writeSweeps) written into the
  // temporary samples/LIDAR_TOP folder; the tables follow once every frame succeeded.
  auto framePass = [&](const std::string& sweepsTmp) {
    for (std::size_t i = 0; i < n; ++i) {
      const Frame& f = s.frames[i];
      const std::string sTok = nusc::sampleToken(scene, i);
      const std::string key = scene + "/" + std::to_string(i);
      const std::string sdTok = nuscenesToken("sample_data", key),
                        epTok = nuscenesToken("ego_pose", key);
      const std::string prev = i > 0 ? nusc::sampleToken(scene, i - 1) : "";
      const std::string next = i + 1 < n ? nusc::sampleToken(scene, i + 1) : "";
      egoPose.push_back({{"token", epTok},
                         {"timestamp", geo[i].timestampUs},
                         {"translation", vec(geo[i].egoToGlobal.translation())},
                         {"rotation", quat(Eigen::Quaterniond(geo[i].egoToGlobal.rotation()))}});
      sample.push_back({{"token", sTok},
                        {"timestamp", geo[i].timestampUs},
                        {"scene_token", sceneToken},
                        {"prev", prev},
                        {"next", next}});
      const std::string file = "samples/LIDAR_TOP/" + sweepStem(f.info.sweepPath) + ".pcd.bin";
      sampleData.push_back(
          {{"token", sdTok},
           {"sample_token", sTok},
           {"ego_pose_token", epTok},
           {"calibrated_sensor_token", csToken},
           {"filename", file},
           {"fileformat", "pcd"},
           {"width", 0},
           {"height", 0},
           {"timestamp", geo[i].timestampUs},
           {"is_key_frame", true},
           {"prev", i > 0 ? nuscenesToken("sample_data", scene + "/" + std::to_string(i - 1)) : ""},
           {"next",
            i + 1 < n ? nuscenesToken("sample_data", scene + "/" + std::to_string(i + 1)) : ""}});
      const PointCloud cloud = readSweep(s.sweepPathOf(i), s.sweepFormat);
      if (!sweepsTmp.empty())
        writeNuscenesBin((fs::path(sweepsTmp) / fs::path(file).filename()).string(), cloud);
      for (const ObjectAnnotation& o : f.objects) {
        const ClassDef* cls = ontology.find(o.className);
        const std::string cat = cls ? cls->nuscenesName : "";
        if (cat.empty()) {
          ++report.skippedNoCategory;
          continue;
        }
        const NuscenesBox b = nuscenesBoxFromLidar(o.box, geo[i].lidarToEgo, geo[i].egoToGlobal);
        const std::string attr = nusc::attributeName(o, cat);
        json rec{
            {"token", nuscenesToken("sample_annotation", key + "/" + std::to_string(o.trackId))},
            {"sample_token", sTok},
            {"instance_token", nuscenesToken("instance", scene + "/" + std::to_string(o.trackId))},
            {"attribute_tokens",
             attr.empty() ? json::array() : json::array({nuscenesToken("attribute", attr)})},
            {"visibility_token", ""},
            {"translation", vec(b.translation)},
            {"size", vec(b.sizeWlh)},
            {"rotation", quat(b.rotation)},
            {"num_lidar_pts", countPointsInBoxInclusive(cloud, o.box)},
            {"num_radar_pts", 0},
            {"prev", ""},
            {"next", ""}};
        chains[o.trackId].push_back(annotations.size());
        instanceCategory.emplace(o.trackId, categoryTokens.at(cat));
        annotations.push_back(std::move(rec));
      }
      if (progress) progress(i + 1);
    }
  };
  if (settings.writeSweeps) {
    fs::create_directories(fs::path(dataroot) / "samples");
    replaceDirectoryAtomic((fs::path(dataroot) / "samples" / "LIDAR_TOP").string(), framePass);
  } else {
    framePass("");
  }
  json instance = json::array();
  for (const auto& [track, idx] : chains) {
    for (std::size_t k = 0; k < idx.size(); ++k) {
      if (k > 0) annotations[idx[k]]["prev"] = annotations[idx[k - 1]]["token"];
      if (k + 1 < idx.size()) annotations[idx[k]]["next"] = annotations[idx[k + 1]]["token"];
    }
    instance.push_back({{"token", annotations[idx.front()]["instance_token"]},
                        {"category_token", instanceCategory.at(track)},
                        {"nbr_annotations", idx.size()},
                        {"first_annotation_token", annotations[idx.front()]["token"]},
                        {"last_annotation_token", annotations[idx.back()]["token"]}});
  }
  json sceneTable =
      json::array({{{"token", sceneToken},
                    {"name", scene},
                    {"description", "exported by lidarlabel"},
                    {"log_token", logToken},
                    {"nbr_samples", n},
                    {"first_sample_token", n ? nusc::sampleToken(scene, 0) : ""},
                    {"last_sample_token", n ? nusc::sampleToken(scene, n - 1) : ""}}});
  const std::map<std::string, const json*> tables = {{"category", &category},
                                                     {"attribute", &attribute},
                                                     {"visibility", &visibility},
                                                     {"instance", &instance},
                                                     {"sensor", &sensor},
                                                     {"calibrated_sensor", &calibrated},
                                                     {"ego_pose", &egoPose},
                                                     {"log", &log},
                                                     {"scene", &sceneTable},
                                                     {"sample", &sample},
                                                     {"sample_data", &sampleData},
                                                     {"sample_annotation", &annotations},
                                                     {"map", &map}};
  fs::create_directories(dataroot);
  replaceDirectoryAtomic(
      (fs::path(dataroot) / settings.version).string(), [&](const std::string& tmp) {
        for (const auto& [name, table] : tables)
          writeFileAtomic((fs::path(tmp) / (name + ".json")).string(), table->dump(1) + "\n");
      });
  replaceDirectoryAtomic((fs::path(dataroot) / "maps").string(), [&](const std::string& tmp) {
    writeFileAtomic((fs::path(tmp) / fs::path(mapFile).filename()).string(), "");
  });
  // Point labels travel as lidarseg (written after the tables: lidarseg.json lives beside them).
  if (std::any_of(s.frames.begin(), s.frames.end(),
                  [](const Frame& f) { return !f.pointLabelPath.empty(); }))
    report.lidarsegFrames = exportNuscenesLidarseg(s, dataroot, ontology, settings).frames;
  report.samples = n;
  report.annotations = annotations.size();
  report.instances = instance.size();
  return report;
}

}  // namespace lidarlabel
