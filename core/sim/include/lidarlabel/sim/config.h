#pragma once
// Configuration of the synthetic LiDAR: sensor, scene and run. Plain structs with defaults;
// validate() names the first bad field. Units: metres, seconds, degrees where the name says so.
#include <cstdint>
#include <string>

namespace lidarlabel::sim {

// A rotating multi-beam LiDAR (HDL-64E-like by default) mounted level on the ego vehicle.
struct SensorConfig {
  int beams = 64;               // lasers = rings; ring 0 is the highest beam
  double fovUpDeg = 2.0;        // elevation of ring 0, degrees
  double fovDownDeg = -24.9;    // elevation of the last ring, degrees; rings evenly spaced between
  int azimuthSteps = 1800;      // firings per revolution (1800 = 0.2 deg)
  double rateHz = 10.0;         // revolutions per second = frame rate
  double minRange = 1.0;        // metres; closer returns are discarded
  double maxRange = 120.0;      // metres; nothing farther returns
  double mountHeight = 1.73;    // metres above the ground under the ego vehicle
  double rangeNoiseStd = 0.02;  // metres, 1 sigma, bounded at 3.46 sigma (see random.h); 0 = exact
  double dropoutProb = 0.01;    // probability that a return is lost at random
  double minIntensity = 0.03;   // returns weaker than this (dark, grazing) are lost
  bool withRing = false;        // fill PointCloud::ring (in memory only; KITTI .bin has no ring)
  bool withTime = false;        // fill PointCloud::time, seconds after the sweep timestamp
  bool bruteForce = false;  // reference ray caster: every solid for every ray (tests, benchmarks)
};

// Street clutter of the kind that fools detectors on real streets (docs/simulator.md "Clutter").
// Off by default: existing seeds keep producing identical bytes; `--clutter` turns it on. Each
// item is drawn from its own random stream, so turning clutter on leaves the street furniture and
// the traffic's draws as they were (placements can still differ where a changed shape collides).
struct ClutterConfig {
  bool enabled = false;
  double mirrorProb = 0.9;   // cars and vans with side mirrors; the mirrors' points carry the
                             // vehicle's instance but lie outside its box (KITTI convention)
  double hedgeShare = 0.35;  // fraction of the sidewalks' back edge lined by hedges
  double hedgeHeightMin = 0.8, hedgeHeightMax = 1.9;  // metres
  double kerbWallShare = 0.25;  // fraction of the kerb line with a low wall on it, parked cars
                                // then stand 0.2-0.4 m from a wall
  double kerbWallHeightMin = 0.5, kerbWallHeightMax = 1.2;  // metres
  int busStopsPerSide = 2;          // glass shelters (roof, back and side panes, bench)
  double articulatedBusProb = 0.5;  // buses that are 17.5-19 m articulated (tram length)
  double cyclistHeightMin = 1.45, cyclistHeightMax = 1.95;  // metres, top of the rider's head
  bool egoReturns = true;  // the ego vehicle's roof and boot seen by its own sensor
};

// The procedural street: a 4-lane road along world +x with bike lanes, parking strips, kerbs,
// sidewalks, grass, buildings, trees and poles, and a T-junction on the -y side.
struct SceneConfig {
  int objects = 60;            // road users tried (vehicles, pedestrians, cyclists); some may be
                               // dropped when no collision-free placement is found
  double duration = 4.0;       // seconds of traffic planned collision-free (frames / rate)
  double egoSpeed = 8.0;       // m/s, ego vehicle along +x in the inner right lane
  double junctionX = 45.0;     // metres, world x of the T-junction's cross street
  double groundSlope = 0.01;   // rise per metre along +x
  double bumpAmplitude = 0.1;  // metres, gentle low-frequency bumps (plus 20% fine bumps)
  double kerbHeight = 0.15;    // metres, sidewalk above road
  double margin = 100.0;       // metres of scene built before the ego's start and after its end
  ClutterConfig clutter;
};

struct SimulationConfig {
  SensorConfig sensor;
  SceneConfig scene;  // scene.duration is replaced by frames / sensor.rateHz when writing
  int frames = 40;    // frames in the sequence
  std::uint64_t seed = 1;
  bool semanticKittiFiles = false;  // also write labels/*.label, poses.txt, calib.txt, times.txt
};

// "" when the configuration is usable, else a one-line reason naming the option.
std::string validate(const SimulationConfig& config);

// Elevation of ring r in radians.
double beamElevation(const SensorConfig& sensor, int ring);

}  // namespace lidarlabel::sim
