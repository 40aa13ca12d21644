#pragma once
// Label checks ("lint"): findings about one sequence's annotations, each naming the check, its
// severity, the frame, the tracks and (where relevant) the points it points at.
//
// Families (ids in brackets; docs/checks.md lists each with its severity and threshold):
//  - box (per frame, boxes only): [unknown-class] [unmapped-class] [not-a-thing-class]
//  [invalid-box]
//    [missing-attribute] [invalid-attribute-value] [size-prior] [duplicate-track-id] [overlap]
//  - track (across frames, world frame via ego poses): [class-change] [size-drift]
//    [heading-flip] [yaw-rate] [speed] [acceleration] [track-id-reused] [track-gap]
//    [no-ego-poses] (info: the world-frame checks ran in the LiDAR frame)
//  - points (need the sweep, and the per-point labels when present): [too-few-points]
//    [floating] [sunk] [points-outside-box] [foreign-points-in-box] [instance-without-box]
// Thresholds: per class from the ontology (ClassDef::checks, core/ontology.h); a box whose class
// is unknown is checked with the defaults of CheckThresholds.
// Frames: boxes are in each sweep's LiDAR frame; track checks move centres and headings into
// the world frame with FrameInfo::egoPose (identity when the sequence has none) and use
// FrameInfo::timestampUs for rates (frame index x 0.1 s when timestamps are missing).
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "lidarlabel/core/annotation.h"
#include "lidarlabel/core/ground.h"
#include "lidarlabel/core/ontology.h"
#include "lidarlabel/core/point_cloud.h"
#include "lidarlabel/core/sequence.h"

namespace lidarlabel {

enum class Severity { Info = 0, Warning = 1, Error = 2 };
const char* toString(Severity s);                                  // "info" "warning" "error"
std::optional<Severity> severityFromString(const std::string& s);  // nullopt for anything else

struct Finding {
  std::string check;  // check id, e.g. "heading-flip"
  Severity severity = Severity::Warning;
  long long frame = -1;                 // frame index; -1 = the whole sequence
  std::vector<std::uint32_t> trackIds;  // objects concerned (ascending, or in the order named)
  std::string message;                  // one readable sentence with the measured value
  // Point indices in the frame's sweep (ascending), for the points family; at most
  // CheckConfig::maxPointsPerFinding are listed, pointCount holds the full number.
  std::vector<std::uint32_t> points;
  std::size_t pointCount = 0;
  friend bool operator==(const Finding&, const Finding&) = default;
};

struct CheckConfig {
  std::vector<std::string> skip;     // check ids not to run (findings of other ids are kept)
  bool groundChecks = true;          // floating / sunk (runs ground removal on each sweep)
  GroundConfig ground;               // ground removal for floating / sunk
  double groundSearchMargin = 1.0;   // metres around the footprint searched for ground points
  int minGroundPoints = 5;           // fewer ground points around a box: no floating / sunk finding
  double defaultFrameSeconds = 0.1;  // frame spacing when timestamps are missing (10 Hz)
  double maxGapSecondsForRates = 1.0;  // rates (yaw, speed, acceleration) only across <= this
  std::size_t maxPointsPerFinding = 1000;
  // Points labelled with an instance that has no box are an error ("instance-without-box");
  // runChecks turns this off for a sequence without any box (point-only labelling).
  bool instancesNeedBoxes = true;
  // Overlap candidates by sweep and prune along x (sorted circumscribed-circle extents);
  // false = test all n(n-1)/2 pairs of a frame (the benchmark's baseline). Same findings.
  bool overlapIndex = true;
};

// A frame's sweep and its per-point labels (labels empty = the frame has none).
struct FramePoints {
  PointCloud cloud;
  PointLabels labels;
};
// Loads frame i's points; std::nullopt = sweep not available (points checks skipped).
using FramePointsLoader = std::function<std::optional<FramePoints>(std::size_t frame)>;

// The box family on one frame.
std::vector<Finding> checkFrameBoxes(const Frame& frame, std::size_t frameIndex,
                                     const Ontology& ontology, const CheckConfig& config = {});
// The track family on the whole sequence.
std::vector<Finding> checkTracks(const Sequence& sequence, const Ontology& ontology,
                                 const CheckConfig& config = {});
// The points family on one frame.
std::vector<Finding> checkFramePoints(const Frame& frame, std::size_t frameIndex,
                                      const FramePoints& points, const Ontology& ontology,
                                      const CheckConfig& config = {});

// Every family; `load` may be empty (no points checks). Findings sorted by frame (sequence-wide
// first), then check id, then track ids. `progress(done, total)` after each frame, if set.
std::vector<Finding> runChecks(const Sequence& sequence, const Ontology& ontology,
                               const FramePointsLoader& load, const CheckConfig& config = {},
                               const std::function<void(std::size_t, std::size_t)>& progress = {});

struct CheckSummary {
  std::size_t errors = 0, warnings = 0, infos = 0;
  std::vector<std::pair<std::string, std::size_t>> byCheck;  // check id -> count, sorted by id
};
CheckSummary summarize(const std::vector<Finding>& findings);
// True when some finding's severity is at least `level`.
bool anyAtOrAbove(const std::vector<Finding>& findings, Severity level);

// Helpers shared by the check families (and usable by the window): yaw of box in the world.
double worldYaw(const Cuboid& box, const FrameInfo& info);
Eigen::Vector3d worldCenter(const Cuboid& box, const FrameInfo& info);

}  // namespace lidarlabel
