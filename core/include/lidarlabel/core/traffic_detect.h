#pragma once
// The side of the road traffic keeps to, told by the data: oncoming vehicles pass the ego
// vehicle on its left where traffic keeps right (Germany, the USA) and on its right where it
// keeps left (UK, Japan, Singapore). For a sequence whose metadata records no side (a KITTI
// folder, a bag with no location), the pre-labels' own moving tracks decide, and the side then
// gives parked vehicles their heading (traffic_side.h).
//
// A track votes when, over its boxes, it travels at least minTravel metres in the world frame
// (Sequence ego poses, interpolation.h egoPoseOf) at minSpeed or more, against the ego vehicle's
// heading (the LiDAR x axis, world frame, at the track's middle box: the cosine of the angle
// between them at most -minOpposite). Its side is where it passes: its box's LiDAR-frame y at its
// box nearest to the sensor's lateral line (smallest |x|); |y| under minOffset (the ego's own
// lane) does not vote. Only classes whose front follows the traffic (vehicles, cyclists: a
// default footprint at least 1.5 times as long as wide) vote.
#include <cstddef>
#include <optional>

#include "lidarlabel/core/ontology.h"
#include "lidarlabel/core/prelabel.h"
#include "lidarlabel/core/sequence.h"
#include "lidarlabel/core/traffic_side.h"

namespace lidarlabel {

struct TrafficDetectConfig {
  double minTravel = 5.0;     // metres, world frame, first to last box
  double minSpeed = 2.0;      // metres per second over the track's time span
  double minOpposite = 0.7;   // cosine: the travel points within ~45 deg of the ego's reverse
  double minOffset = 1.0;     // metres of LiDAR-frame y at the passing box
  std::size_t minVotes = 2;   // fewer voting tracks: no decision
  double minAgreement = 0.8;  // share of the votes the winning side needs
  double defaultDt = 0.1;     // seconds between frames without timestamps
};

struct TrafficVotes {
  std::size_t right = 0;  // oncoming tracks passing on the left: right-hand traffic
  std::size_t left = 0;   // oncoming tracks passing on the right: left-hand traffic
  // The side the votes decide (minVotes, minAgreement), else nullopt.
  std::optional<TrafficSide> side;
};

// Votes of the tracks of `sequence` (boxes with track ids, LiDAR frame per frame). A sequence
// with a frame without an ego pose gets no votes (parked cars would look oncoming).
TrafficVotes trafficFromTracks(const Sequence& sequence, const Ontology& ontology,
                               const TrafficDetectConfig& config = {});

// prelabelSequence for a sequence whose side of the road nobody told: a run with config's side
// (right-hand traffic by default), then trafficFromTracks on its tracks; when they decide the
// other side, a second run with that side. `votes` (optional) gets the first run's votes, stats
// (optional) the run whose result is returned, with the seconds of both. The side used is
// recorded in the result's metadata (kTrafficSideKey) when the votes decided it. With config's
// side Off (no road-side rule wanted) it is prelabelSequence.
Sequence prelabelDetectingTraffic(
    const Sequence& sequence, const SweepLoader& load, const Ontology& ontology,
    const PrelabelConfig& config = {}, PrelabelStats* stats = nullptr,
    TrafficVotes* votes = nullptr,
    const std::function<void(std::size_t, std::size_t)>& progress = {},
    const TrafficDetectConfig& detect = {});

}  // namespace lidarlabel
