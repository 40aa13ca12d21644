#pragma once
// Pre-labelling: ground -> clustering -> box fitting -> tracking over a whole sequence, producing
// boxes with Provenance::Automatic for annotators to correct instead of drawing from scratch.
//
// Per sweep (LiDAR frame): ground removal (ground.h); the non-ground points within the height
// band and range are clustered (clustering.h); each cluster is fitted (box_fit.h) and classified
// by its observed size (rules below, first match wins); the class's default size (ontology) then
// completes the unseen sides in a second fit. Clusters no rule accepts (walls, trees, poles) are
// dropped. The detections feed the tracker (tracking.h), which keeps ids across sweeps in the
// world frame (FrameInfo::egoPose when present).
// The core does not read files: sweeps come from a loader function (io/ supplies one).
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "lidarlabel/core/box_fit.h"
#include "lidarlabel/core/clustering.h"
#include "lidarlabel/core/ground.h"
#include "lidarlabel/core/ontology.h"
#include "lidarlabel/core/sequence.h"
#include "lidarlabel/core/tracking.h"

namespace lidarlabel {

// A cluster is this class when its observed box (metres) lies in all three ranges.
struct SizeRule {
  std::string className;
  float minLength, maxLength;  // longer BEV side
  float minWidth, maxWidth;    // shorter BEV side
  float minHeight, maxHeight;  // ground to top
};

// Default rules for the classes of the default ontology (car, truck, cyclist, pedestrian).
std::vector<SizeRule> defaultSizeRules();

struct PrelabelConfig {
  GroundConfig ground;
  ClusterConfig cluster{.cellSize = 0.3f, .cellGap = 2, .maxVerticalGap = 1.0f, .minPoints = 15};
  FitConfig fit;
  TrackerConfig tracker;
  float minHeightAboveGround = 0.25f;  // metres; lower non-ground points are not clustered
  float maxHeightAboveGround = 3.5f;   // metres; higher ones neither (trees, bridges, signs)
  float maxRange = 80.f;               // metres (BEV) from the sensor
  std::vector<SizeRule> rules = defaultSizeRules();
  float minConfidence = 0.f;  // detections with a lower fit confidence are dropped
  int threads = 2;            // 2: the next sweep is loaded and its ground removed in parallel
};

// Boxes found in one sweep (trackId 0, Provenance::Automatic), LiDAR frame.
std::vector<ObjectAnnotation> detectObjects(const PointCloud& cloud, const GroundResult& ground,
                                            const Ontology& ontology,
                                            const PrelabelConfig& config = {});

struct PrelabelStats {
  std::size_t frames = 0;
  std::size_t boxes = 0;
  std::size_t tracks = 0;  // distinct track ids produced
  double seconds = 0.0;    // wall time of the whole run
};

using SweepLoader = std::function<PointCloud(std::size_t frame)>;

// The sequence with every frame's objects replaced by the pre-labelled boxes (trackIds from 1,
// Provenance::Automatic, review Unreviewed). Frames without timestamps are 0.1 s apart.
// progress (optional) is called after each frame with (done, total).
Sequence prelabelSequence(const Sequence& sequence, const SweepLoader& load,
                          const Ontology& ontology, const PrelabelConfig& config = {},
                          PrelabelStats* stats = nullptr,
                          const std::function<void(std::size_t, std::size_t)>& progress = {});

}  // namespace lidarlabel
