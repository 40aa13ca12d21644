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
#include "lidarlabel/core/object_cues.h"
#include "lidarlabel/core/ontology.h"
#include "lidarlabel/core/sequence.h"
#include "lidarlabel/core/tracking.h"
#include "lidarlabel/core/traffic_side.h"

namespace lidarlabel {

// A cluster is this class when its observed box (metres) lies in all three ranges.
struct SizeRule {
  std::string className;
  float minLength, maxLength;  // longer BEV side
  float minWidth, maxWidth;    // shorter BEV side
  float minHeight, maxHeight;  // ground to top
};

// Default rules for the classes of the default ontology (pedestrian, cyclist, car, van, bus,
// tram, truck), first match wins.
std::vector<SizeRule> defaultSizeRules();

struct PrelabelConfig {
  GroundConfig ground;
  ClusterConfig cluster{.cellSize = 0.3f, .cellGap = 2, .maxVerticalGap = 1.0f, .minPoints = 15};
  FitConfig fit;
  // Tracks are shown after 3 measured frames and dropped after 4 frames without a detection. A
  // track's size comes from its detections (TrackerConfig::sizeFromDetections), and in the end
  // every box of the track gets the size the track ended with.
  TrackerConfig tracker = [] {
    TrackerConfig t;
    t.confirmHits = 3;
    t.maxFramesWithoutDetection = 4;
    t.minRefitPoints = 15;  // as many as a cluster needs to be detected
    t.sizeFromDetections = true;
    return t;
  }();
  float minHeightAboveGround = 0.25f;  // metres; lower non-ground points are not clustered
  float maxHeightAboveGround = 3.5f;   // metres; higher ones neither (trees, bridges, signs)
  // Clusters are formed in the band up to lowBandTop; higher points join a cluster only where
  // they continue one of its cells upwards with at most attachGap between (a crown over a car
  // does not, a bus's upper body does). Default = the band's top (off): 2.0 m found more cars
  // on the tuning frame (recall 75 -> 83 %) but also more false boxes (8 -> 13 per frame).
  float lowBandTop = 3.5f;  // metres above ground
  float attachGap = 0.5f;   // metres
  float maxRange = 80.f;    // metres (BEV) from the sensor
  std::vector<SizeRule> rules = defaultSizeRules();
  // Static structure is rejected by cues (object_cues.h). Points closer to the sensor than
  // ground.minRange (BEV) are the ego vehicle's own returns and never clustered.
  CueConfig cues;
  float maxSeeThroughVehicle = 0.2f;  // car, van, truck, bus, tram: solid bodies
  float maxSeeThroughPerson = 0.4f;   // pedestrian, cyclist (rays pass between legs, spokes)
  // Ground contact: the cluster's lowest point must be at most maxBottom + bottomPerMetre x range
  // above the ground (sparser rings far away), unless its foot is hidden behind something nearer
  // (occludedBelow >= 0.5). Overhanging branches and facades above a shop front fail this.
  float maxBottom = 0.6f;        // metres
  float bottomPerMetre = 0.01f;  // metres per metre of range
  // A "car" seen along 3+ m whose ends are as high as its middle (end height / top above this)
  // is a hedge, fence or wall section: cars have a bonnet and a boot below the roof.
  float maxCarEndRatio = 0.9f;
  float profileMinLength = 3.0f;  // metres of observed length for the profile test
  // Surface scatter (object_cues.h): a vehicle (car, van, truck, bus, tram) whose returns are
  // scattered through its volume like a hedge's or a bush's (median surface variation above
  // maxVehicleScatter, from at least minScatterSamples neighbourhoods) is vegetation. Not for
  // pedestrians and cyclists (limbs, spokes and riders scatter too). Tuning frame: vehicles
  // <= 0.038, vegetation clumps and a trunk taken for vehicles 0.065-0.114.
  ScatterConfig scatter;
  float maxVehicleScatter = 0.055f;
  std::size_t minScatterSamples = 10;
  // Hollowness (object_cues.h): a vehicle whose low returns lie mostly behind free space inside
  // its own box (share above maxVehicleHollow) is open towards the sensor, e.g. a bus shelter.
  // Chosen on the synthetic street with clutter (seeds 1-3, 10 frames; its bus shelters are
  // open at the front) and the SemanticKITTI tuning frame (a bus-stop-like structure).
  HollowConfig hollow;
  float maxVehicleHollow = 0.7f;
  bool rejectTallStructure = true;  // clusters that continue above the band (poles, trunks, walls)
  bool headingFromShape = true;     // car/van heading from the cabin position (object_cues.h)
  // Where the shape does not tell, a vehicle's or cyclist's heading from the side of the road it
  // is on (traffic_side.h; motion, where the track moves, overrides both). Set the side to Left
  // for left-hand traffic, Off for no prior (every such box then faces forward).
  TrafficConfig traffic;
  // Heading from motion: a confirmed track faster than this (m/s, world frame) gets the heading
  // of its velocity (the box is turned by pi when it pointed backwards).
  double minHeadingSpeed = 1.5;
  // After the run, one heading per track over the sequence: the direction of travel for a track
  // whose centre moved at least minTravel (world frame; pedestrians take it as their yaw), else
  // the heading most of its boxes agree on.
  bool orientTracks = true;
  double minTravel = 1.0;     // metres
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

// Seconds of frame f after frame 0: from the timestamps when frame 0 has one and frame f's is
// later, else f x dt (frames without timestamps).
double frameTime(const Sequence& sequence, std::size_t frame, double dt);

// The sequence with every frame's objects replaced by the pre-labelled boxes (trackIds from 1,
// Provenance::Automatic, review Unreviewed; one size per track, the faces each sweep saw kept in
// place: resizeKeepingSeenFaces, size_prior.h). Frames without timestamps are 0.1 s apart.
// progress (optional) is called after each frame with (done, total).
Sequence prelabelSequence(const Sequence& sequence, const SweepLoader& load,
                          const Ontology& ontology, const PrelabelConfig& config = {},
                          PrelabelStats* stats = nullptr,
                          const std::function<void(std::size_t, std::size_t)>& progress = {});

}  // namespace lidarlabel
