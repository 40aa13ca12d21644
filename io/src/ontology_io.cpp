#include "lidarlabel/io/ontology_io.h"

#include <algorithm>
#include <set>

#include "default_ontology_json.h"
#include "json_util.h"
#include "lidarlabel/io/atomic_file.h"

namespace lidarlabel {

using json = nlohmann::json;

namespace {

// One field of CheckThresholds: JSON key, member. Keys and defaults: core/ontology.h.
struct ThresholdField {
  const char* key;
  double CheckThresholds::*member;
};
constexpr ThresholdField kThresholdFields[] = {
    {"max_above_ground", &CheckThresholds::maxAboveGround},
    {"max_below_ground", &CheckThresholds::maxBelowGround},
    {"size_ratio", &CheckThresholds::sizeRatio},
    {"size_drift", &CheckThresholds::sizeDrift},
    {"flip_angle_deg", &CheckThresholds::flipAngleDeg},
    {"max_yaw_rate_deg", &CheckThresholds::maxYawRateDeg},
    {"max_speed", &CheckThresholds::maxSpeed},
    {"max_acceleration", &CheckThresholds::maxAcceleration},
    {"max_overlap", &CheckThresholds::maxOverlap},
    {"point_margin", &CheckThresholds::pointMargin},
};

CheckThresholds thresholdsFromJson(const JsonReader& r) {
  if (!r.raw().is_object()) r.fail("", "must be an object of check thresholds");
  CheckThresholds t;
  for (const auto& [key, value] : r.raw().items()) {
    (void)value;
    if (key == "min_points") {
      t.minPoints = static_cast<int>(r.integer("min_points", 0, 1 << 30));
      continue;
    }
    bool known = false;
    for (const ThresholdField& f : kThresholdFields) {
      if (key != f.key) continue;
      known = true;
      t.*f.member = r.number(key);
      if (t.*f.member < 0) r.fail(key, "check thresholds must be >= 0 (0 = check off)");
    }
    if (!known) r.fail(key, "unknown check threshold (see docs/checks.md)");
  }
  return t;
}

// Only the thresholds that differ from the defaults, so files stay short.
json thresholdsToJson(const CheckThresholds& t) {
  const CheckThresholds d;
  json j = json::object();
  if (t.minPoints != d.minPoints) j["min_points"] = t.minPoints;
  for (const ThresholdField& f : kThresholdFields)
    if (t.*f.member != d.*f.member) j[f.key] = t.*f.member;
  return j;
}

ClassDef classFromJson(const JsonReader& r) {
  ClassDef c;
  c.id = static_cast<int>(r.integer("id", 0, 1 << 30));
  c.name = r.string("name");
  if (c.name.empty()) r.fail("name", "empty class name");
  c.isThing = r.booleanOr("thing", true);
  const auto rgb = r.numbers("color", 3);
  for (double v : rgb)
    if (v < 0 || v > 255) r.fail("color", "colour components must be 0..255");
  c.color = {static_cast<std::uint8_t>(rgb[0]), static_cast<std::uint8_t>(rgb[1]),
             static_cast<std::uint8_t>(rgb[2])};
  c.defaultSize = r.has("default_size") ? r.vec3("default_size") : Eigen::Vector3d::Ones();
  c.kittiName = r.stringOr("kitti", "");
  c.nuscenesName = r.stringOr("nuscenes", "");
  c.semanticKittiId =
      r.has("semantic_kitti_id") ? static_cast<int>(r.integer("semantic_kitti_id", 0, 65535)) : 0;
  c.nuscenesLidarsegIndex = r.has("nuscenes_lidarseg_index")
                                ? static_cast<int>(r.integer("nuscenes_lidarseg_index", -1, 255))
                                : -1;
  if (r.has("attributes")) {
    const JsonReader attrs = r.child("attributes");
    for (std::size_t i = 0; i < attrs.arraySize(); ++i) {
      const JsonReader a = attrs.at(i);
      AttributeDef def;
      def.name = a.string("name");
      const JsonReader values = a.child("values");
      for (std::size_t k = 0; k < values.arraySize(); ++k) {
        const json& v = values.at(k).raw();
        if (!v.is_string()) values.at(k).fail("", "attribute values must be strings");
        def.values.push_back(v.get<std::string>());
      }
      def.required = a.booleanOr("required", false);
      c.attributes.push_back(std::move(def));
    }
  }
  if (r.has("checks")) c.checks = thresholdsFromJson(r.child("checks"));
  c.guideline = r.stringOr("guideline", "");
  return c;
}
}  // namespace

Ontology ontologyFromJson(const std::string& text, const std::string& fileName) {
  const json doc = parseJson(text, fileName);
  const JsonReader r(doc, fileName, "");
  if (r.stringOr("format", "") != "lidarlabel-ontology")
    r.fail("format", "not a lidarlabel ontology (\"format\" must be \"lidarlabel-ontology\")");
  if (r.integer("schema_version", 1, 1 << 30) > 1)
    r.fail("schema_version", "ontology schema is newer than this lidarlabel understands");
  Ontology o;
  o.name = r.stringOr("name", "");
  if (r.has("review_levels")) {
    const JsonReader levels = r.child("review_levels");
    o.reviewLevels.clear();
    for (std::size_t i = 0; i < levels.arraySize(); ++i) {
      const json& v = levels.at(i).raw();
      if (!v.is_string() || v.get<std::string>().empty())
        levels.at(i).fail("", "review levels must be non-empty strings");
      if (std::find(o.reviewLevels.begin(), o.reviewLevels.end(), v.get<std::string>()) !=
          o.reviewLevels.end())
        levels.at(i).fail("", "duplicate review level '" + v.get<std::string>() + "'");
      o.reviewLevels.push_back(v.get<std::string>());
    }
    if (o.reviewLevels.empty()) levels.fail("", "at least one review level is needed");
  }
  const JsonReader classes = r.child("classes");
  std::set<std::string> names;
  std::set<int> ids;
  for (std::size_t i = 0; i < classes.arraySize(); ++i) {
    ClassDef c = classFromJson(classes.at(i));
    if (!names.insert(c.name).second)
      classes.at(i).fail("name", "duplicate class '" + c.name + "'");
    if (!ids.insert(c.id).second)
      classes.at(i).fail("id", "duplicate class id " + std::to_string(c.id));
    o.classes.push_back(std::move(c));
  }
  return o;
}

std::string ontologyToJson(const Ontology& o) {
  json classes = json::array();
  for (const ClassDef& c : o.classes) {
    json attrs = json::array();
    for (const AttributeDef& a : c.attributes) {
      json ja{{"name", a.name}, {"values", a.values}};
      if (a.required) ja["required"] = true;
      attrs.push_back(std::move(ja));
    }
    json jc{{"id", c.id},
            {"name", c.name},
            {"thing", c.isThing},
            {"color", {c.color.r, c.color.g, c.color.b}},
            {"default_size", {c.defaultSize.x(), c.defaultSize.y(), c.defaultSize.z()}},
            {"kitti", c.kittiName},
            {"nuscenes", c.nuscenesName},
            {"semantic_kitti_id", c.semanticKittiId},
            {"nuscenes_lidarseg_index", c.nuscenesLidarsegIndex},
            {"attributes", attrs}};
    const json checks = thresholdsToJson(c.checks);
    if (!checks.empty()) jc["checks"] = checks;
    if (!c.guideline.empty()) jc["guideline"] = c.guideline;
    classes.push_back(std::move(jc));
  }
  json doc{{"format", "lidarlabel-ontology"},
           {"schema_version", 1},
           {"name", o.name},
           {"classes", classes}};
  if (o.reviewLevels != Ontology{}.reviewLevels) doc["review_levels"] = o.reviewLevels;
  return doc.dump(1) + "\n";
}

const Ontology& defaultOntology() {
  static const Ontology o = ontologyFromJson(kDefaultOntologyJson, "<built-in default ontology>");
  return o;
}

Ontology loadOntology(const std::string& path) {
  return ontologyFromJson(readFile(path), path);
}

void saveOntology(const Ontology& ontology, const std::string& path) {
  writeFileAtomic(path, ontologyToJson(ontology));
}

}  // namespace lidarlabel
