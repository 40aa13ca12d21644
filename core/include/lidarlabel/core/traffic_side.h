#pragma once
// Heading from the side of the road, for a vehicle whose heading neither its motion nor its shape
// tells (a parked car, a car waiting at lights, seen in one sweep). Parked and queued vehicles
// face the way the traffic on their side of the road goes: with right-hand traffic (Germany,
// the USA: KITTI, nuScenes Boston) the vehicles on the ego vehicle's right and in its own lane
// face forward, those on its left face back; left-hand traffic (UK, Japan, Singapore) mirrors it.
// In the KITTI labels bundled in sample_data (cars, vans and trucks along the road outside the
// ego vehicle's lane: 15 tracks of tracking sequences 0012 and 0014, each at its middle frame,
// and 4 boxes of the object frames), the rule gives 18 of 19 the right heading, "every box faces
// forward" 10.
// A single sweep's L-shape fit cannot tell front from back, so without this every such box
// faces forward. The rule is a prior, wrong for the left side of a one-way street.
//
// Frame: LiDAR frame (x forward = the ego vehicle's heading, y left, metres); the road is
// assumed to run along x.
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "lidarlabel/core/cuboid.h"
#include "lidarlabel/core/ontology.h"

namespace lidarlabel {

enum class TrafficSide {
  Off,    // no prior: headingFromTraffic always returns 0
  Right,  // right-hand traffic
  Left,   // left-hand traffic
};

struct TrafficConfig {
  TrafficSide side = TrafficSide::Right;
  // Metres either side of the sensor that count as the ego vehicle's own lane: a box centred
  // there gets no prior (a car ahead, or an oncoming one on a street too narrow for two lanes).
  double ownLane = 2.5;
  // Radians (30 deg): a box turned further than this from the road's axis (a cross street, a
  // car park) gets no prior.
  double parallelWithin = 0.52;
};

// +1 when `box`'s heading already agrees with the traffic on its side, -1 when it should be
// turned by pi, 0 when the rule does not apply (in the ego vehicle's lane, turned across the
// road, or side Off).
int headingFromTraffic(const Cuboid& box, const TrafficConfig& config = {});

// Whether the rule applies to a class: its default footprint is clearly longer than wide
// (vehicles, cyclists have a front that follows the traffic; a pedestrian's round one does not).
bool followsTraffic(const ClassDef& cls);

// The Sequence::metadata key recording the side of the road traffic keeps to where the sweeps
// were recorded: "right", "left" or "off". The readers set it where the data tells (nuScenes:
// the location of the scene's log, io/sequence_open.h); the native document keeps it.
inline constexpr const char* kTrafficSideKey = "traffic_side";

// "right", "left", "off" -> the side; anything else -> nullopt.
std::optional<TrafficSide> parseTrafficSide(std::string_view name);
// The side's name as parseTrafficSide reads it.
const char* trafficSideName(TrafficSide side);

// The side `metadata` records under kTrafficSideKey; nullopt when it records none, or a value
// parseTrafficSide does not read (the metadata is free-form).
std::optional<TrafficSide> recordedTrafficSide(const std::map<std::string, std::string>& metadata);
// The same, `fallback` where that is nullopt.
TrafficSide trafficSideOf(const std::map<std::string, std::string>& metadata, TrafficSide fallback);

}  // namespace lidarlabel
