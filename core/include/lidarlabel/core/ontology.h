#pragma once
// The label vocabulary: object classes (boxes) and semantic classes (points).
// Stored as an editable JSON file (io/ parses it); the default driving ontology ships with the
// project (io/resources/default_ontology.json).
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <Eigen/Core>

namespace lidarlabel {

struct Rgb {
  std::uint8_t r = 0, g = 0, b = 0;
  friend bool operator==(const Rgb&, const Rgb&) = default;
};

// An attribute a class's objects may carry, e.g. name "state", values {"moving","parked"}.
struct AttributeDef {
  std::string name;
  std::vector<std::string> values;  // allowed values; first is the default
  friend bool operator==(const AttributeDef&, const AttributeDef&) = default;
};

struct ClassDef {
  int id = 0;           // stable id within the ontology
  std::string name;     // unique, e.g. "car"
  Rgb color;            // display colour
  bool isThing = true;  // true: annotated with boxes (and instances); false: stuff, points only
  Eigen::Vector3d defaultSize = Eigen::Vector3d::Ones();  // length, width, height in metres
  std::string kittiName;           // KITTI label_2 type, "" = not exported to KITTI
  std::string nuscenesName;        // nuScenes category name, "" = none
  int semanticKittiId = 0;         // SemanticKITTI raw id used for point labels
  int nuscenesLidarsegIndex = -1;  // nuScenes lidarseg index, -1 = none
  std::vector<AttributeDef> attributes;
  friend bool operator==(const ClassDef&, const ClassDef&) = default;
};

struct Ontology {
  std::string name;
  std::vector<ClassDef> classes;

  const ClassDef* find(const std::string& className) const;
  const ClassDef* findById(int id) const;
  const ClassDef* findBySemanticKittiId(int semanticId) const;
  const ClassDef* findByKittiName(const std::string& kittiName) const;
  const ClassDef* findByNuscenesName(const std::string& nuscenesName) const;
  // Display colour for a class name; a neutral grey for unknown names.
  Rgb colorOf(const std::string& className) const;
  friend bool operator==(const Ontology&, const Ontology&) = default;
};

}  // namespace lidarlabel
