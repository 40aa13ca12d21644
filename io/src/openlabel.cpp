#include "lidarlabel/io/openlabel.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "json_util.h"
#include "lidarlabel/core/errors.h"
#include "lidarlabel/io/atomic_file.h"
#include "lidarlabel/io/folder_transaction.h"

using json = nlohmann::json;

namespace lidarlabel {

namespace {

constexpr const char* kCuboidName = "cuboid";

json cuboidVal(const Cuboid& c) {
  const Eigen::Quaterniond q(c.rotation());
  return {c.center.x(), c.center.y(), c.center.z(), q.x(),      q.y(),
          q.z(),        q.w(),        c.size.x(),   c.size.y(), c.size.z()};
}

json cuboidAttributes(const ObjectAnnotation& o) {
  json text = json::array({{{"name", "provenance"}, {"val", toString(o.provenance)}},
                           {{"name", "review"}, {"val", toString(o.review)}}});
  for (const auto& [k, v] : o.attributes) text.push_back({{"name", k}, {"val", v}});
  return {{"text", text}, {"num", json::array({{{"name", "confidence"}, {"val", o.confidence}}})}};
}

// Closed frame intervals covering the frames where a track appears.
json intervals(const std::set<std::size_t>& frames) {
  json out = json::array();
  std::size_t start = 0, prev = 0;
  bool open = false;
  for (std::size_t f : frames) {
    if (open && f == prev + 1) {
      prev = f;
      continue;
    }
    if (open) out.push_back({{"frame_start", start}, {"frame_end", prev}});
    start = prev = f;
    open = true;
  }
  if (open) out.push_back({{"frame_start", start}, {"frame_end", prev}});
  return out;
}

Cuboid cuboidFromVal(const JsonReader& r) {
  const JsonReader val = r.child("val");
  const std::size_t n = val.arraySize();
  if (n != 10 && n != 9) r.fail("val", "a cuboid val has 10 (quaternion) or 9 (Euler) numbers");
  const std::vector<double> v = r.numbers("val", n);
  Cuboid c;
  c.center = {v[0], v[1], v[2]};
  Eigen::Matrix3d rot;
  if (n == 10) {
    const Eigen::Quaterniond q(v[6], v[3], v[4], v[5]);
    if (q.norm() < 1e-9) r.fail("val", "zero quaternion");
    rot = q.normalized().toRotationMatrix();
    c.size = {v[7], v[8], v[9]};
  } else {  // (rx, ry, rz) applied as R = Rz Ry Rx
    rot = (Eigen::AngleAxisd(v[5], Eigen::Vector3d::UnitZ()) *
           Eigen::AngleAxisd(v[4], Eigen::Vector3d::UnitY()) *
           Eigen::AngleAxisd(v[3], Eigen::Vector3d::UnitX()))
              .toRotationMatrix();
    c.size = {v[6], v[7], v[8]};
  }
  if (c.size.minCoeff() < 0) r.fail("val", "negative cuboid size");
  c.yaw = std::atan2(rot(1, 0), rot(0, 0));
  const double pitch = std::asin(std::clamp(-rot(2, 0), -1.0, 1.0));
  const double roll = std::atan2(rot(2, 1), rot(2, 2));
  c.pitch = std::abs(pitch) < 1e-9 ? 0.0 : pitch;
  c.roll = std::abs(roll) < 1e-9 ? 0.0 : roll;
  return c;
}

void readCuboidAttributes(const JsonReader& cub, ObjectAnnotation& o) {
  if (!cub.has("attributes")) return;
  const JsonReader attrs = cub.child("attributes");
  if (attrs.has("text")) {
    const JsonReader text = attrs.child("text");
    for (std::size_t i = 0; i < text.arraySize(); ++i) {
      const JsonReader t = text.at(i);
      const std::string name = t.stringOr("name", ""), val = t.string("val");
      if (name == "provenance") {
        if (const auto p = provenanceFromString(val)) o.provenance = *p;
      } else if (name == "review") {
        if (const auto r = reviewStateFromString(val)) o.review = *r;
      } else if (!name.empty()) {
        o.attributes[name] = val;
      }
    }
  }
  if (attrs.has("num")) {
    const JsonReader num = attrs.child("num");
    for (std::size_t i = 0; i < num.arraySize(); ++i)
      if (num.at(i).stringOr("name", "") == "confidence")
        o.confidence = static_cast<float>(num.at(i).number("val"));
  }
}

}  // namespace

std::string openLabelToJson(const Sequence& s, const OpenLabelSettings& settings) {
  const std::string& cs = settings.coordinateSystem;
  std::map<std::uint32_t, std::set<std::size_t>> trackFrames;
  std::map<std::uint32_t, std::string> trackClass;
  json frames = json::object();
  for (std::size_t i = 0; i < s.size(); ++i) {
    const Frame& f = s.frames[i];
    json objects = json::object();
    for (const ObjectAnnotation& o : f.objects) {
      trackFrames[o.trackId].insert(i);
      trackClass.emplace(o.trackId, o.className);
      objects[std::to_string(o.trackId)] = {
          {"object_data",
           {{kCuboidName, json::array({{{"name", kCuboidName},
                                        {"val", cuboidVal(o.box)},
                                        {"coordinate_system", cs},
                                        {"attributes", cuboidAttributes(o)}}})}}}};
    }
    json props{{"timestamp", static_cast<double>(f.info.timestampUs) * 1e-6},
               {"streams", {{settings.stream, {{"uri", f.info.sweepPath}}}}}};
    frames[std::to_string(i)] = {{"objects", objects}, {"frame_properties", props}};
  }
  json objects = json::object();
  for (const auto& [track, fr] : trackFrames) {
    const json iv = intervals(fr);
    objects[std::to_string(track)] = {
        {"name", trackClass.at(track) + "-" + std::to_string(track)},
        {"type", trackClass.at(track)},
        {"coordinate_system", cs},
        {"frame_intervals", iv},
        {"object_data_pointers", {{kCuboidName, {{"type", "cuboid"}, {"frame_intervals", iv}}}}}};
  }
  json root{
      {"metadata",
       {{"schema_version", "1.0.0"},
        {"annotator", "lidarlabel"},
        {"name", s.name},
        {"comment",
         "cuboids in the LiDAR sensor frame (x forward, y left, z up, m); "
         "val = x, y, z, qx, qy, qz, qw, length, width, height"}}},
      {"coordinate_systems",
       {{cs, {{"type", "sensor_cs"}, {"parent", ""}, {"children", json::array()}}}}},
      {"streams",
       {{settings.stream, {{"type", "lidar"}, {"uri", ""}, {"description", "LiDAR sweeps"}}}}},
      {"objects", objects}};
  if (!s.frames.empty())
    root["frame_intervals"] = json::array({{{"frame_start", 0}, {"frame_end", s.size() - 1}}});
  root["frames"] = frames;
  return json{{"openlabel", root}}.dump(1) + "\n";
}

void writeOpenLabel(const Sequence& s, const std::string& path, const OpenLabelSettings& settings) {
  writeFileAtomic(path, openLabelToJson(s, settings));
}

Sequence openLabelFromJson(const std::string& text, const std::string& fileName) {
  const json doc = parseJson(text, fileName);
  const JsonReader top(doc, fileName, "");
  const JsonReader ol = top.child("openlabel");
  const std::string version = ol.child("metadata").string("schema_version");
  if (version.rfind("1.", 0) != 0)
    ol.child("metadata").fail("schema_version", "unsupported OpenLABEL version '" + version + "'");
  std::map<std::string, std::string> typeOf;
  if (ol.has("objects")) {
    const JsonReader objs = ol.child("objects");
    if (!objs.raw().is_object()) objs.fail("", "expected an object of UIDs");
    for (const auto& [uid, o] : objs.raw().items()) typeOf[uid] = objs.child(uid).string("type");
  }
  Sequence s;
  s.name = ol.child("metadata").stringOr("name", "");
  if (!ol.has("frames")) return s;
  const JsonReader frames = ol.child("frames");
  if (!frames.raw().is_object()) frames.fail("", "expected an object of frame numbers");
  for (const auto& [key, unused] : frames.raw().items()) {
    char* end = nullptr;
    const unsigned long idx = std::strtoul(key.c_str(), &end, 10);
    if (key.empty() || *end != '\0' || idx > 10000000)
      frames.fail(key, "frame key is not a number");
    if (idx >= s.frames.size()) s.frames.resize(idx + 1);
    Frame& f = s.frames[idx];
    const JsonReader fr = frames.child(key);
    if (fr.has("frame_properties")) {
      const JsonReader props = fr.child("frame_properties");
      if (props.has("timestamp") && props.raw()["timestamp"].is_number())
        f.info.timestampUs = std::llround(props.number("timestamp") * 1e6);
      if (props.has("streams"))
        for (const auto& [name, st] : props.raw()["streams"].items())
          if (st.is_object() && st.contains("uri") && st["uri"].is_string())
            f.info.sweepPath = st["uri"].get<std::string>();
    }
    if (!fr.has("objects")) continue;
    const JsonReader objs = fr.child("objects");
    for (const auto& [uid, unusedObj] : objs.raw().items()) {
      const JsonReader o = objs.child(uid);
      if (!o.has("object_data") || !o.child("object_data").has(kCuboidName)) continue;
      char* uend = nullptr;
      const unsigned long track = std::strtoul(uid.c_str(), &uend, 10);
      if (uid.empty() || *uend != '\0' || track > 0xFFFFFFFFul)
        objs.fail(uid, "lidarlabel reads numeric object UIDs only");
      const auto type = typeOf.find(uid);
      if (type == typeOf.end()) objs.fail(uid, "object UID not declared in openlabel.objects");
      const JsonReader cubs = o.child("object_data").child(kCuboidName);
      for (std::size_t k = 0; k < cubs.arraySize(); ++k) {
        ObjectAnnotation a;
        a.trackId = static_cast<std::uint32_t>(track);
        a.className = type->second;
        a.box = cuboidFromVal(cubs.at(k));
        readCuboidAttributes(cubs.at(k), a);
        f.objects.push_back(std::move(a));
      }
    }
    std::stable_sort(
        f.objects.begin(), f.objects.end(),
        [](const ObjectAnnotation& a, const ObjectAnnotation& b) { return a.trackId < b.trackId; });
  }
  return s;
}

Sequence readOpenLabel(const std::string& path) {
  return openLabelFromJson(readFile(path), path);
}

std::string exportOpenLabel(const Sequence& s, const std::string& outDir,
                            const OpenLabelSettings& settings) {
  const std::string name = (s.name.empty() ? std::string("sequence") : s.name) + ".openlabel.json";
  const std::string text = openLabelToJson(s, settings);
  writeFolderAtomic(outDir, {}, [&](const std::string& tmp) {
    writeFileAtomic((std::filesystem::path(tmp) / name).string(), text);
  });
  return (std::filesystem::path(outDir) / name).string();
}

std::size_t importOpenLabel(const std::string& path, Sequence& sequence) {
  const Sequence in = readOpenLabel(path);
  if (in.size() > sequence.size())
    throw FileError(path, "",
                    "has " + std::to_string(in.size()) + " frames but the sequence only " +
                        std::to_string(sequence.size()));
  std::size_t n = 0;
  for (std::size_t i = 0; i < in.size(); ++i) {
    sequence.frames[i].objects = in.frames[i].objects;
    n += in.frames[i].objects.size();
  }
  return n;
}

}  // namespace lidarlabel
