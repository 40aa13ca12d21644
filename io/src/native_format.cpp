#include "lidarlabel/io/native_format.h"

#include <filesystem>
#include <nlohmann/json.hpp>

#include "json_util.h"
#include "lidarlabel/core/errors.h"
#include "lidarlabel/io/atomic_file.h"
#include "native_json.h"

namespace lidarlabel {

using json = nlohmann::json;

// Shared with the server store (native_json.h), which keeps these records as jsonb.
namespace native_detail {

json cuboidToJson(const Cuboid& c) {
  json j{{"center", {c.center.x(), c.center.y(), c.center.z()}},
         {"size", {c.size.x(), c.size.y(), c.size.z()}},
         {"yaw", c.yaw}};
  if (c.is9Dof()) {
    j["pitch"] = c.pitch;
    j["roll"] = c.roll;
  }
  return j;
}

Cuboid cuboidFromJson(const JsonReader& r) {
  Cuboid c;
  c.center = r.vec3("center");
  c.size = r.vec3("size");
  c.yaw = r.number("yaw");
  c.pitch = r.numberOr("pitch", 0.0);
  c.roll = r.numberOr("roll", 0.0);
  if (c.size.minCoeff() < 0) r.fail("size", "negative box size");
  return c;
}

// Review records (schema_version 2): {"decisions": [{"level", "verdict", "who", "when",
// "note"?}], "comments": [{"text", "who", "when"}]}.
json reviewToJson(const ReviewRecord& r) {
  json decisions = json::array(), comments = json::array();
  for (const ReviewDecision& d : r.decisions) {
    json j{{"level", d.level}, {"verdict", toString(d.verdict)}, {"who", d.who}, {"when", d.when}};
    if (!d.note.empty()) j["note"] = d.note;
    decisions.push_back(std::move(j));
  }
  for (const ReviewComment& c : r.comments)
    comments.push_back({{"text", c.text}, {"who", c.who}, {"when", c.when}});
  return {{"decisions", decisions}, {"comments", comments}};
}

ReviewRecord reviewFromJson(const JsonReader& r) {
  ReviewRecord out;
  if (r.has("decisions")) {
    const JsonReader ds = r.child("decisions");
    for (std::size_t i = 0; i < ds.arraySize(); ++i) {
      const JsonReader d = ds.at(i);
      ReviewDecision x;
      x.level = d.string("level");
      const std::string v = d.string("verdict");
      if (v != "accept" && v != "reject")
        d.fail("verdict", "expected \"accept\" or \"reject\", got '" + v + "'");
      x.verdict = v == "accept" ? ReviewVerdict::Accept : ReviewVerdict::Reject;
      x.who = d.string("who");
      x.when = d.string("when");
      x.note = d.stringOr("note", "");
      out.decisions.push_back(std::move(x));
    }
  }
  if (r.has("comments")) {
    const JsonReader cs = r.child("comments");
    for (std::size_t i = 0; i < cs.arraySize(); ++i) {
      const JsonReader c = cs.at(i);
      out.comments.push_back({c.string("text"), c.string("who"), c.string("when")});
    }
  }
  return out;
}

json objectToJson(const ObjectAnnotation& o) {
  json j{{"track_id", o.trackId},        {"class", o.className},
         {"box", cuboidToJson(o.box)},   {"provenance", toString(o.provenance)},
         {"review", toString(o.review)}, {"confidence", o.confidence}};
  if (!o.attributes.empty()) j["attributes"] = o.attributes;
  if (!o.reviewLog.empty()) j["review_log"] = reviewToJson(o.reviewLog);
  return j;
}

ObjectAnnotation objectFromJson(const JsonReader& r) {
  ObjectAnnotation o;
  o.trackId = static_cast<std::uint32_t>(r.integer("track_id", 0, 0xFFFFFFFFll));
  o.className = r.string("class");
  o.box = cuboidFromJson(r.child("box"));
  const std::string prov = r.stringOr("provenance", "manual");
  const auto p = provenanceFromString(prov);
  if (!p) r.fail("provenance", "unknown provenance '" + prov + "'");
  o.provenance = *p;
  const std::string rev = r.stringOr("review", "unreviewed");
  const auto rs = reviewStateFromString(rev);
  if (!rs) r.fail("review", "unknown review state '" + rev + "'");
  o.review = *rs;
  o.confidence = static_cast<float>(r.numberOr("confidence", 1.0));
  if (r.has("attributes")) o.attributes = r.stringMap("attributes");
  if (r.has("review_log")) o.reviewLog = reviewFromJson(r.child("review_log"));
  return o;
}

json poseToJson(const Eigen::Isometry3d& p) {
  json rows = json::array();
  for (int i = 0; i < 3; ++i)
    for (int k = 0; k < 4; ++k) rows.push_back(p.matrix()(i, k));
  return rows;
}

// {"key": ["record", ...], ...}
std::map<std::string, std::vector<std::string>> passthroughFromJson(const JsonReader& r) {
  if (!r.raw().is_object()) r.fail("", "must be an object of string arrays");
  std::map<std::string, std::vector<std::string>> out;
  for (const auto& [key, value] : r.raw().items()) {
    if (!value.is_array()) r.fail(key, "must be an array of strings");
    for (const auto& v : value) {
      if (!v.is_string()) r.fail(key, "must be an array of strings");
      out[key].push_back(v.get<std::string>());
    }
  }
  return out;
}

// The lowest schema that holds the sequence: 1 unless review records or annotation times are
// present, so documents without them stay readable by older builds, byte for byte as before.
int schemaVersionFor(const Sequence& s) {
  for (const Frame& f : s.frames) {
    if (!f.review.empty() || f.annotationSeconds != 0.0) return 2;
    for (const ObjectAnnotation& o : f.objects)
      if (!o.reviewLog.empty()) return 2;
  }
  return 1;
}

}  // namespace native_detail

using namespace native_detail;

std::string nativeSequenceToJson(const Sequence& s) {
  json frames = json::array();
  for (const Frame& f : s.frames) {
    json objects = json::array();
    for (const ObjectAnnotation& o : f.objects) objects.push_back(objectToJson(o));
    json jf{
        {"sweep", f.info.sweepPath}, {"timestamp_us", f.info.timestampUs}, {"objects", objects}};
    if (f.info.egoPose) jf["ego_pose"] = poseToJson(*f.info.egoPose);
    if (!f.pointLabelPath.empty()) jf["point_labels"] = f.pointLabelPath;
    if (!f.passthrough.empty()) jf["passthrough"] = f.passthrough;
    if (!f.review.empty()) jf["review"] = reviewToJson(f.review);
    if (f.annotationSeconds != 0.0) jf["annotation_seconds"] = f.annotationSeconds;
    frames.push_back(std::move(jf));
  }
  json doc{{"format", "lidarlabel"}, {"schema_version", schemaVersionFor(s)},
           {"name", s.name},         {"sweep_format", s.sweepFormat},
           {"metadata", s.metadata}, {"frames", frames}};
  return doc.dump(1) + "\n";
}

Sequence nativeSequenceFromJson(const std::string& text, const std::string& fileName) {
  const json doc = parseJson(text, fileName);
  const JsonReader r(doc, fileName, "");
  if (r.stringOr("format", "") != "lidarlabel")
    r.fail("format", "not a lidarlabel annotation file (\"format\" must be \"lidarlabel\")");
  const long long version = r.integer("schema_version", 1, 1 << 30);
  if (version > kNativeSchemaVersion)
    r.fail("schema_version", "schema version " + std::to_string(version) +
                                 " is newer than this lidarlabel understands (" +
                                 std::to_string(kNativeSchemaVersion) + "); please upgrade");
  Sequence s;
  s.name = r.stringOr("name", "");
  s.sweepFormat = r.stringOr("sweep_format", "kitti-bin");
  if (r.has("metadata")) s.metadata = r.stringMap("metadata");
  const JsonReader frames = r.child("frames");
  for (std::size_t i = 0; i < frames.arraySize(); ++i) {
    const JsonReader fr = frames.at(i);
    Frame f;
    f.info.sweepPath = fr.string("sweep");
    f.info.timestampUs = fr.integer("timestamp_us", std::numeric_limits<long long>::min(),
                                    std::numeric_limits<long long>::max());
    if (fr.has("ego_pose")) {
      const std::vector<double> m = fr.numbers("ego_pose", 12);
      Eigen::Isometry3d p = Eigen::Isometry3d::Identity();
      for (int a = 0; a < 3; ++a)
        for (int b = 0; b < 4; ++b) p.matrix()(a, b) = m[static_cast<std::size_t>(a * 4 + b)];
      f.info.egoPose = p;
    }
    f.pointLabelPath = fr.stringOr("point_labels", "");
    if (fr.has("passthrough")) f.passthrough = passthroughFromJson(fr.child("passthrough"));
    if (fr.has("review")) f.review = reviewFromJson(fr.child("review"));
    f.annotationSeconds = fr.numberOr("annotation_seconds", 0.0);
    if (f.annotationSeconds < 0) fr.fail("annotation_seconds", "must be >= 0");
    const JsonReader objs = fr.child("objects");
    for (std::size_t k = 0; k < objs.arraySize(); ++k)
      f.objects.push_back(objectFromJson(objs.at(k)));
    s.frames.push_back(std::move(f));
  }
  return s;
}

Sequence loadNativeSequence(const std::string& jsonPath) {
  Sequence s = nativeSequenceFromJson(readFile(jsonPath), jsonPath);
  s.root = std::filesystem::path(jsonPath).parent_path().string();
  return s;
}

void saveNativeSequence(const Sequence& sequence, const std::string& jsonPath) {
  writeFileAtomic(jsonPath, nativeSequenceToJson(sequence));
}

}  // namespace lidarlabel
