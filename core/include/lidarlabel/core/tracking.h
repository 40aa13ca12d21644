#pragma once
// Frame-to-frame tracking and box propagation.
//
// Frames: boxes in and out are in the LiDAR frame of their own sweep; the tracker's state lives
// in the WORLD frame (FrameInfo::egoPose, LiDAR -> world; identity when unknown) so ego motion
// does not look like object motion. Time in seconds.
//
// One step (trackNextFrame), for the next sweep:
//  1. predict every track (Kalman filter, track_filter.h) to the sweep's time;
//  2. re-fit each predicted box to the sweep's non-ground points near it (same size, new pose:
//     box_fit.h fitBoxToPoints with a size and yaw hint); a point near several predicted boxes
//     belongs to the one whose centre is nearest, so objects passing close keep their points;
//  3. associate the tracks with the frame's detections, if any (Hungarian on 1 - 3D IoU, with a
//     centre-distance fallback for boxes that do not overlap), gated;
//  4. update the measured tracks; unmatched detections start new tracks; tracks without a
//     measurement coast on their prediction and are dropped after maxCoastFrames.
// Reported: new tracks, tracks not found in this sweep (lost), tracks removed for good, and
// ambiguous tracks (two tracks competing for the same points/detection, or a track with two
// near-equal candidate detections) so the annotator knows where to look.
// Output boxes carry Provenance::Tracked (start from detections: Provenance::Automatic).
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include <Eigen/Geometry>

#include "lidarlabel/core/annotation.h"
#include "lidarlabel/core/box_fit.h"
#include "lidarlabel/core/ground.h"
#include "lidarlabel/core/point_cloud.h"
#include "lidarlabel/core/size_prior.h"
#include "lidarlabel/core/track_filter.h"

namespace lidarlabel {

struct TrackerConfig {
  TrackFilterConfig filter;
  // Re-fit settings (the size and yaw come from the track): a coarser yaw search than a fresh
  // fit (3 deg, then 0.5 deg) since it only has to follow the object from one sweep to the next.
  FitConfig fit = [] {
    FitConfig f;
    f.coarseYawStep = 0.0524;  // radians
    f.fineYawStep = 0.0087;    // radians
    return f;
  }();
  double searchMargin = 1.0;           // metres; predicted box grown by this (BEV) to gather points
  double refitYawWindow = 0.25;        // radians; re-fit yaw searched within prediction +- this
  std::size_t minRefitPoints = 5;      // fewer points near a track: no measurement, it coasts
  std::size_t maxRefitPoints = 160;    // more are thinned (evenly, in sweep order) before the
                                       // re-fit: the pose barely changes, the cost does
  double maxJump = 2.0;                // metres; a re-fit farther than this from the prediction is
                                       // rejected (it latched onto something else)
  double minHeightAboveGround = 0.15;  // metres; lower non-ground points are not used in re-fits
  double minAssociationIoU = 0.05;     // 3D IoU below this counts as "no overlap"
  double maxAssociationDistance = 2.5;  // metres; centre-distance gate for non-overlapping pairs
  double ambiguityMargin = 0.1;   // cost difference under which two candidates are "ambiguous"
  double ambiguousOverlap = 0.2;  // BEV IoU between two tracks' boxes that flags both
  int maxCoastFrames = 10;        // frames a track may go unseen before it is removed
  // Confirmation: a track started from a detection is tentative (its boxes go to
  // TrackStepResult::tentative, it is removed at its first miss) until it has been measured in
  // confirmHits frames. 1 = every track is shown at once.
  int confirmHits = 1;
  // A track whose re-fits find points but no detection of the frame matches it for more than
  // this many frames is removed: it lives on leftovers of static structure (a wall, a hedge) the
  // detector rejected. 0 = off (propagation of annotators' boxes has no detections).
  int maxFramesWithoutDetection = 0;
  // A track's size: false = its start box's, for good (propagation of a box a person made);
  // true = over its life, the sizeQuantile-th weighted quantile (size_prior.h) of the sizes of its
  // start box and of the detections of its class matched to it whose heading agrees with the
  // track's (within sizeMaxYawOff, modulo pi: a box turned across its object has its sides the
  // wrong way round), each weighted by its confidence (points, sides seen whole). A car first seen
  // end-on far away takes its length from the later, closer, side-on views.
  bool sizeFromDetections = false;
  double sizeQuantile = 0.9;
  double sizeMaxYawOff = 0.35;      // radians (20 deg)
  std::size_t maxSizeSamples = 64;  // views kept per track (beyond: the heaviest ones)
  double defaultDt = 0.1;           // seconds, when timestamps are missing (10 Hz LiDAR)
  int threads = 2;  // threads for point gathering and re-fits (same result for any count)
};

struct Track {
  std::uint32_t id = 0;
  std::string className;
  std::map<std::string, std::string> attributes;
  Eigen::Vector3d size = Eigen::Vector3d::Ones();  // (l, w, h) metres, see sizeFromDetections
  std::vector<SizeSample> sizeSamples;   // start box and matched detections (maxSizeSamples)
  double boxPitch = 0.0, boxRoll = 0.0;  // kept as given
  TrackFilterState filter;               // world frame
  int hits = 1;                          // frames with a measurement
  int missed = 0;                        // consecutive frames without one
  int sinceDetection = 0;                // consecutive frames without a detection
  float confidence = 1;                  // of the last measurement
  // What the re-fit gets wrong for this object: re-fit box minus the true box in the start
  // frame, in the box's own axes (forward, left, up metres; yaw radians); subtracted from every
  // re-fit (the fitter's bias on a partly seen object changes slowly with the viewpoint).
  // Zero unless calibrateTracks() measured it.
  Eigen::Vector4d fitBias = Eigen::Vector4d::Zero();
};

struct TrackerState {
  std::vector<Track> tracks;
  double time = 0.0;         // seconds, of the last frame
  std::uint32_t nextId = 1;  // id for the next new track
};

// One sweep as the tracker sees it.
struct TrackFrame {
  const PointCloud* cloud = nullptr;     // required
  const GroundResult* ground = nullptr;  // optional; without it the lowest 0.2 m of each
                                         // predicted box is ignored in the re-fit
  Eigen::Isometry3d egoPose = Eigen::Isometry3d::Identity();  // LiDAR -> world
  double time = -1.0;                        // seconds; < 0 = previous time + defaultDt
  std::vector<ObjectAnnotation> detections;  // optional boxes found in this sweep (LiDAR frame)
};

struct TrackStepResult {
  TrackerState state;
  std::vector<ObjectAnnotation> objects;  // boxes of the tracks found in this sweep (LiDAR frame)
  // Boxes of tentative tracks (not yet confirmed, see confirmHits) found in this sweep; an
  // offline caller may show them once their track is confirmed.
  std::vector<ObjectAnnotation> tentative;
  std::vector<std::uint32_t> newTracks;
  std::vector<std::uint32_t> lostTracks;     // not found in this sweep (coasting)
  std::vector<std::uint32_t> removedTracks;  // coasted longer than maxCoastFrames, dropped
  std::vector<std::uint32_t> ambiguousTracks;
};

// Tracks from the boxes of one frame (their trackIds are kept; 0 gets a fresh id).
TrackerState startTracks(const std::vector<ObjectAnnotation>& objects,
                         const Eigen::Isometry3d& egoPose, double time,
                         const TrackerConfig& config = {});

TrackStepResult trackNextFrame(const TrackerState& state, const TrackFrame& frame,
                               const TrackerConfig& config = {});

// Measures each track's fitBias on the sweep of its start boxes (LiDAR frame `egoPose`), for
// tracks started from boxes a person made (propagation): the re-fit of a true box shows how far
// the fitter is off on this object. A bias larger than maxBias (metres, BEV) or a failed re-fit
// leaves it zero.
void calibrateTracks(TrackerState& state, const PointCloud& cloud, const GroundResult* ground,
                     const Eigen::Isometry3d& egoPose, const TrackerConfig& config = {},
                     double maxBias = 0.5);

// Re-fit one box to a sweep: same size, new pose near the given one (used for the optional
// refit of interpolated boxes too). ok == false when fewer than minRefitPoints points are near.
FitResult refitBox(const Cuboid& box, const PointCloud& cloud, const GroundResult* ground,
                   const TrackerConfig& config = {});

}  // namespace lidarlabel
