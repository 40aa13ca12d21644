// Where a nuScenes scene was driven (log.location) and the side of the road its traffic keeps to.
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "json_util.h"
#include "lidarlabel/core/errors.h"
#include "lidarlabel/core/traffic_side.h"
#include "lidarlabel/io/atomic_file.h"
#include "nuscenes_util.h"

namespace fs = std::filesystem;

namespace lidarlabel::nusc {

namespace {

// token -> one field of each record of <dir>/<name>.json; errors name the file and the record.
std::map<std::string, std::string> fieldByToken(const fs::path& dir, const std::string& name,
                                                const std::string& field) {
  const std::string file = (dir / (name + ".json")).string();
  const nlohmann::json doc = parseJson(readFile(file), file);
  const JsonReader table(doc, file, "");
  std::map<std::string, std::string> out;
  for (std::size_t i = 0; i < table.arraySize(); ++i)
    out[table.at(i).string("token")] = table.at(i).string(field);
  return out;
}

}  // namespace

std::optional<TrafficSide> trafficSideOfLocation(const std::string& location) {
  if (location.rfind("singapore", 0) == 0) return TrafficSide::Left;
  if (location.rfind("boston", 0) == 0) return TrafficSide::Right;
  return std::nullopt;
}

void addLocation(const std::string& tableDir, const std::vector<std::string>& sampleTokens,
                 Sequence& s) {
  const fs::path dir(tableDir);
  for (const char* name : {"sample", "scene", "log"})
    if (!fs::exists(dir / (std::string(name) + ".json"))) return;
  if (sampleTokens.empty()) return;
  const auto sceneOf = fieldByToken(dir, "sample", "scene_token");
  const auto logOf = fieldByToken(dir, "scene", "log_token");
  const auto locationOf = fieldByToken(dir, "log", "location");
  // The record `token` of `table` (<name>.json), referred to by field `field` of <from>.json.
  const auto follow = [&](const std::map<std::string, std::string>& table, const std::string& token,
                          const std::string& name, const std::string& from) {
    const auto it = table.find(token);
    if (it == table.end())
      throw FileError((dir / (from + ".json")).string(), name + "_token",
                      "token '" + token + "' not found in " + name + ".json");
    return it->second;
  };
  std::set<std::string> locations;
  for (const std::string& sample : sampleTokens) {
    const std::string scene = follow(sceneOf, sample, "sample", "sample_data");
    locations.insert(follow(locationOf, follow(logOf, scene, "scene", "sample"), "log", "scene"));
  }
  std::string joined;
  std::set<std::optional<TrafficSide>> sides;
  for (const std::string& location : locations) {
    joined += (joined.empty() ? "" : ", ") + location;
    sides.insert(trafficSideOfLocation(location));
  }
  s.metadata[kLocationKey] = joined;
  if (sides.size() == 1 && *sides.begin())
    s.metadata[kTrafficSideKey] = trafficSideName(**sides.begin());
}

}  // namespace lidarlabel::nusc
