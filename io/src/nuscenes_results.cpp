// nuScenes detection-results submission JSON (FORMATS.md §4.7).
#include <map>
#include <nlohmann/json.hpp>

#include <filesystem>

#include "lidarlabel/io/atomic_file.h"
#include "lidarlabel/io/folder_transaction.h"
#include "lidarlabel/io/nuscenes.h"
#include "nuscenes_util.h"

using json = nlohmann::json;

namespace lidarlabel {

namespace {
constexpr std::size_t kMaxBoxesPerSample = 500;  // evaluator limit
constexpr double kMaxGapOneSidedS = 1.5;         // NuScenes.box_velocity max_time_diff
}  // namespace

std::string nuscenesDetectionResultsJson(const Sequence& s, const Ontology& ontology,
                                         const NuscenesExportSettings& settings) {
  const std::string scene = nusc::sceneName(s, settings);
  const std::vector<nusc::FrameGeometry> geo = nusc::frameGeometry(s, settings);
  // Global centre of every (frame, track) for the velocity differences.
  std::vector<std::map<std::uint32_t, Eigen::Vector3d>> centres(s.size());
  for (std::size_t i = 0; i < s.size(); ++i)
    for (const ObjectAnnotation& o : s.frames[i].objects)
      centres[i][o.trackId] = geo[i].egoToGlobal * (geo[i].lidarToEgo * o.box.center);
  auto velocity = [&](std::size_t i, std::uint32_t track) -> json {
    const bool hasPrev = i > 0 && centres[i - 1].count(track);
    const bool hasNext = i + 1 < s.size() && centres[i + 1].count(track);
    if (!hasPrev && !hasNext) return {0.0, 0.0};
    const std::size_t a = hasPrev ? i - 1 : i, b = hasNext ? i + 1 : i;
    const double dt = static_cast<double>(geo[b].timestampUs - geo[a].timestampUs) * 1e-6;
    const double maxGap = (hasPrev && hasNext ? 2 : 1) * kMaxGapOneSidedS;
    if (dt <= 0 || dt > maxGap) return {0.0, 0.0};
    const Eigen::Vector3d v = (centres[b].at(track) - centres[a].at(track)) / dt;
    return {v.x(), v.y()};
  };
  json results = json::object();
  for (std::size_t i = 0; i < s.size(); ++i) {
    const std::string token = nusc::sampleToken(scene, i);
    std::vector<std::pair<float, json>> boxes;
    for (const ObjectAnnotation& o : s.frames[i].objects) {
      const std::string cat = nusc::categoryOf(o, ontology);
      const std::string det = nuscenesDetectionName(cat);
      if (det.empty()) continue;
      const NuscenesBox b = nuscenesBoxFromLidar(o.box, geo[i].lidarToEgo, geo[i].egoToGlobal);
      boxes.emplace_back(
          o.confidence,
          json{{"sample_token", token},
               {"translation", {b.translation.x(), b.translation.y(), b.translation.z()}},
               {"size", {b.sizeWlh.x(), b.sizeWlh.y(), b.sizeWlh.z()}},
               {"rotation", {b.rotation.w(), b.rotation.x(), b.rotation.y(), b.rotation.z()}},
               {"velocity", velocity(i, o.trackId)},
               {"detection_name", det},
               {"detection_score", static_cast<double>(o.confidence)},
               {"attribute_name", nusc::attributeName(o, cat)}});
    }
    std::stable_sort(boxes.begin(), boxes.end(),
                     [](const auto& a, const auto& b) { return a.first > b.first; });
    if (boxes.size() > kMaxBoxesPerSample) boxes.resize(kMaxBoxesPerSample);
    json list = json::array();
    for (auto& [score, box] : boxes) list.push_back(std::move(box));
    results[token] = std::move(list);
  }
  const json doc{{"meta",
                  {{"use_camera", false},
                   {"use_lidar", true},
                   {"use_radar", false},
                   {"use_map", false},
                   {"use_external", false}}},
                 {"results", results}};
  return doc.dump(1) + "\n";
}

std::string exportNuscenesResults(const Sequence& s, const std::string& outDir,
                                  const Ontology& ontology,
                                  const NuscenesExportSettings& settings) {
  const std::string text = nuscenesDetectionResultsJson(s, ontology, settings);
  writeFolderAtomic(outDir, {}, [&](const std::string& tmp) {
    writeFileAtomic((std::filesystem::path(tmp) / "results_nusc.json").string(), text);
  });
  return (std::filesystem::path(outDir) / "results_nusc.json").string();
}

}  // namespace lidarlabel
