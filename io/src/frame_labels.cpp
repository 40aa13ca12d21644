#include "lidarlabel/io/frame_labels.h"

#include <filesystem>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>

#include "json_util.h"
#include "lidarlabel/io/atomic_file.h"
#include "lidarlabel/io/native_format.h"
#include "lidarlabel/io/nuscenes_lidarseg.h"
#include "lidarlabel/io/semantic_kitti.h"

namespace fs = std::filesystem;

namespace lidarlabel {

namespace {

// SemanticKITTI: <seq>/velodyne/<stem>.bin -> <seq>/labels/<stem>.label.
std::string semanticKittiLabelFor(const std::string& sweep) {
  const fs::path p(sweep);
  if (p.parent_path().filename() != "velodyne") return "";
  return (p.parent_path().parent_path() / "labels" / (p.stem().string() + ".label")).string();
}

// nuScenes lidarseg of a dataroot: sweep file name -> lidarseg file (absolute), from
// <version>/lidarseg.json (sample_data_token -> filename) and <version>/sample_data.json
// (token -> sweep filename). Parsed once per dataroot and kept while the dataroot's folders are
// unchanged (keyed by the modification time of every version folder's lidarseg.json).
using LidarsegIndex = std::map<std::string, std::string>;

LidarsegIndex buildLidarsegIndex(const fs::path& root) {
  LidarsegIndex index;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(root, ec)) {
    const fs::path seg = e.path() / "lidarseg.json", sd = e.path() / "sample_data.json";
    if (!e.is_directory() || !fs::is_regular_file(seg) || !fs::is_regular_file(sd)) continue;
    const nlohmann::json segDoc = parseJson(readFile(seg.string()), seg.string());
    const nlohmann::json sdDoc = parseJson(readFile(sd.string()), sd.string());
    std::map<std::string, std::string> fileOfToken;
    const JsonReader sdr(sdDoc, sd.string(), "");
    for (std::size_t i = 0; i < sdr.arraySize(); ++i)
      fileOfToken[sdr.at(i).string("token")] =
          fs::path(sdr.at(i).string("filename")).filename().string();
    const JsonReader r(segDoc, seg.string(), "");
    for (std::size_t i = 0; i < r.arraySize(); ++i) {
      const JsonReader rec = r.at(i);
      const auto it = fileOfToken.find(rec.string("sample_data_token"));
      if (it == fileOfToken.end()) rec.fail("sample_data_token", "no such sample_data record");
      index[it->second] = (root / rec.string("filename")).string();
    }
  }
  return index;
}

std::string lidarsegStamp(const fs::path& root) {
  std::string stamp;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(root, ec)) {
    const fs::path seg = e.path() / "lidarseg.json";
    std::error_code tec;
    const auto t = fs::last_write_time(seg, tec);
    if (!tec) stamp += seg.string() + ":" + std::to_string(t.time_since_epoch().count()) + ";";
  }
  return stamp;
}

LidarsegIndex lidarsegIndex(const std::string& root) {
  static std::mutex mutex;
  static std::map<std::string, std::pair<std::string, LidarsegIndex>> cache;  // root -> stamp
  const std::string stamp = lidarsegStamp(root);
  const std::lock_guard<std::mutex> lock(mutex);
  auto& entry = cache[root];
  if (entry.first != stamp || stamp.empty()) entry = {stamp, buildLidarsegIndex(root)};
  return entry.second;
}

}  // namespace

PointLabels readFramePointLabels(const Sequence& sequence, std::size_t frame,
                                 std::size_t pointCount, const Ontology& ontology) {
  const Frame& f = sequence.frames.at(frame);
  const auto count = static_cast<long long>(pointCount);
  if (!f.pointLabelPath.empty())
    return readPointLabels(resolvePath(sequence.root, f.pointLabelPath), count);
  const std::string sweep = sequence.sweepPathOf(frame);
  const std::string label = semanticKittiLabelFor(sweep);
  if (!label.empty() && fs::is_regular_file(label))
    return readSemanticKittiLabelsMapped(label, ontology, count);
  if (sequence.sweepFormat == "nuscenes-bin" && !sequence.root.empty() &&
      fs::is_directory(fs::path(sequence.root) / "lidarseg")) {
    const LidarsegIndex index = lidarsegIndex(sequence.root);
    const auto it = index.find(fs::path(sweep).filename().string());
    if (it != index.end()) return readNuscenesLidarseg(it->second, ontology, count);
  }
  return {};
}

}  // namespace lidarlabel
