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
  bool required = false;            // true: every object of the class must carry it (check
                          // "missing-attribute"); ontology JSON key "required", default false
  friend bool operator==(const AttributeDef&, const AttributeDef&) = default;
};

// Per-class thresholds of the label checks (core/checks.h). Ontology JSON: the optional object
// "checks" of a class, keys in brackets; a missing key keeps the default shown here. A threshold
// of 0 switches its check off for the class. Speeds and rates are in the sequence's world frame
// (ego poses), per second of timestamp difference.
struct CheckThresholds {
  int minPoints = 1;  // [min_points] fewer points inside -> "too-few-points" (1 = empty boxes)
  double maxAboveGround =
      0.5;  // [max_above_ground] m; bottom face above local ground -> "floating"
  double maxBelowGround = 0.4;  // [max_below_ground] m; bottom face below local ground -> "sunk"
  double sizeRatio = 2.0;   // [size_ratio] l, w or h beyond prior x r or prior / r -> "size-prior"
  double sizeDrift = 0.15;  // [size_drift] relative l/w/h deviation from the track median
  double flipAngleDeg = 135.0;    // [flip_angle_deg] heading change between consecutive boxes
  double maxYawRateDeg = 90.0;    // [max_yaw_rate_deg] degrees per second
  double maxSpeed = 50.0;         // [max_speed] m/s (180 km/h); 2x this = "track-id-reused"
  double maxAcceleration = 15.0;  // [max_acceleration] m/s^2, from three consecutive boxes
  double maxOverlap = 0.25;       // [max_overlap] intersection volume / smaller box volume
  double pointMargin = 0.05;  // [point_margin] m; instance points this close outside still count
  friend bool operator==(const CheckThresholds&, const CheckThresholds&) = default;
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
  CheckThresholds checks;  // label-check thresholds (JSON "checks", see CheckThresholds)
  std::string guideline;   // annotation guideline text shown to annotators / reviewers ("" = none)
  friend bool operator==(const ClassDef&, const ClassDef&) = default;
};

struct Ontology {
  std::string name;
  std::vector<ClassDef> classes;
  // The project's review levels, in order (JSON "review_levels"), e.g. {"reviewer", "qa"}: each
  // acceptance records its level; a frame is done when the last level accepts (core/review.h).
  std::vector<std::string> reviewLevels = {"reviewer"};

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
