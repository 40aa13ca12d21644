#pragma once
// Object and point annotations of one frame.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "lidarlabel/core/cuboid.h"
#include "lidarlabel/core/review.h"

namespace lidarlabel {

// Where a box came from. Manual boxes are the annotator's; the others were produced by tools and
// stay marked until a person edits or accepts them.
enum class Provenance { Manual, Interpolated, Tracked, Automatic };
enum class ReviewState { Unreviewed, Accepted, Rejected };

const char* toString(Provenance p);
const char* toString(ReviewState r);
// Parse the strings above; std::nullopt for anything else.
std::optional<Provenance> provenanceFromString(const std::string& s);
std::optional<ReviewState> reviewStateFromString(const std::string& s);

// One object in one frame. trackId is stable across the frames of a sequence (the same physical
// object keeps its id); it is also the instance id used in per-point labels (low 16 bits).
struct ObjectAnnotation {
  std::uint32_t trackId = 0;
  std::string className;                          // an Ontology class name, e.g. "car"
  Cuboid box;                                     // LiDAR frame of this frame's sweep
  std::map<std::string, std::string> attributes;  // per-class attributes, e.g. {"state":"parked"}
  Provenance provenance = Provenance::Manual;
  // The latest review state (kept for existing code; recordObjectDecision keeps it equal to the
  // latest decision in reviewLog).
  ReviewState review = ReviewState::Unreviewed;
  float confidence = 1.0f;  // 0..1; tools' confidence, 1 for manual boxes
  ReviewRecord reviewLog;   // multi-level decisions and comments (core/review.h)

  friend bool operator==(const ObjectAnnotation&, const ObjectAnnotation&) = default;
};

// Appends a decision to o.reviewLog (recordDecision) and sets o.review to its verdict.
void recordObjectDecision(ObjectAnnotation& o, ReviewDecision decision,
                          const std::vector<std::string>& levels);

// Per-point labels parallel to a PointCloud. semantic holds ontology semantic ids
// (SemanticKITTI raw ids by default, 0 = unlabeled); instance is 0 for "no instance" or the
// owning object's trackId (low 16 bits, as in SemanticKITTI). Both empty = frame not labelled.
// Memory: 4 bytes per point.
struct PointLabels {
  std::vector<std::uint16_t> semantic;
  std::vector<std::uint16_t> instance;

  std::size_t size() const { return semantic.size(); }
  bool empty() const { return semantic.empty(); }
  void resize(std::size_t n) {
    semantic.assign(n, 0);
    instance.assign(n, 0);
  }
  friend bool operator==(const PointLabels&, const PointLabels&) = default;
};

}  // namespace lidarlabel
