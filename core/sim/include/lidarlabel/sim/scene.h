#pragma once
// The procedural world the simulated LiDAR sees. World frame: x along the main road, y left,
// z up, metres; the ego vehicle starts at (0, -1.75) and drives along +x.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include <Eigen/Geometry>

#include "lidarlabel/core/cuboid.h"
#include "lidarlabel/sim/config.h"

namespace lidarlabel::sim {

// Street cross-section, metres from the road centre line (y = 0).
inline constexpr double kLaneWidth = 3.5;          // 2 lanes each way: |y| < 7
inline constexpr double kBikeLaneOuter = 8.5;      // bike lanes 7 < |y| < 8.5
inline constexpr double kRoadHalfWidth = 11.0;     // parking strips 8.5 < |y| < 11, then the kerb
inline constexpr double kSidewalkWidth = 3.5;      // sidewalk 11 < |y| < 14.5, then grass
inline constexpr double kTerrainWidth = 4.0;       // grass 14.5 < |y| < 18.5, then buildings
inline constexpr double kJunctionHalfWidth = 4.5;  // cross street: |x - junctionX| < 4.5, y < -11
inline constexpr double kEgoLaneY = -1.75;

enum class ShapeKind : std::uint8_t { Box, Cylinder, Sphere };

// A solid. Box: centre, half sizes along its own axes, yaw about +z. Cylinder: vertical axis
// through centre, radius = halfSize.x(), half height = halfSize.z(). Sphere: radius halfSize.x().
struct Solid {
  ShapeKind kind = ShapeKind::Box;
  Eigen::Vector3d center = Eigen::Vector3d::Zero();
  Eigen::Vector3d halfSize = Eigen::Vector3d::Constant(0.5);
  double yaw = 0.0;
  float reflectivity = 0.5;    // 0..1, diffuse reflectance used for intensity
  std::uint16_t semantic = 0;  // SemanticKITTI raw id
  std::uint16_t instance = 0;  // track id (low 16 bits) for objects, 0 for stuff
  bool inBox = true;           // false: part of the object but outside its box (side mirrors)
};

// The ground: a gentle slope with smooth value-noise bumps; sidewalks and grass ("raised") sit
// kerbHeight above the road. Pure functions of (x, y) in the world frame.
struct Ground {
  double slopeX = 0.01;
  double bumpAmplitude = 0.1;  // coarse bumps (30 m wavelength); fine bumps are 20% of it (8 m)
  double kerbHeight = 0.15;
  double junctionX = 45.0;
  std::uint64_t noiseSeed = 0;

  double baseHeight(double x, double y) const;         // road surface height
  bool raised(double x, double y) const;               // sidewalk or grass
  double height(double x, double y) const;             // surface height, kerbs included
  std::uint16_t semanticAt(double x, double y) const;  // road/parking/lane-marking/sidewalk/terrain
  double bumpBound() const { return 1.2 * bumpAmplitude; }  // |baseHeight - slope plane| <= this
};

// A planar path of lines and circular arcs, parameterised by arc length s (metres). Before the
// start and after the end it continues straight along the end headings.
struct PathSegment {
  Eigen::Vector2d start = Eigen::Vector2d::Zero();
  double heading = 0.0;    // radians at the segment start
  double length = 0.0;     // metres
  double curvature = 0.0;  // 1/m, positive = left turn, 0 = straight
};
struct Path {
  std::vector<PathSegment> segments;
  // Appends a straight piece / an arc turning by `angle` radians (positive = left).
  Path& line(double length);
  Path& arc(double radius, double angle);
  static Path from(Eigen::Vector2d start, double heading);
  // Position and heading at arc length s.
  void at(double s, Eigen::Vector2d& position, double& heading) const;
};

// Distance travelled along a path: cruise at `speed`, optionally brake to a stop at time stopAt,
// wait stopFor seconds and accelerate back. Piecewise analytic.
struct SpeedProfile {
  double speed = 0.0;    // m/s; 0 = not moving
  double stopAt = -1.0;  // s, when braking starts; < 0 = never stops
  double stopFor = 0.0;  // s, standing time
  double accel = 2.5;    // m/s^2, braking and acceleration
  double distance(double t) const;
  double speedAt(double t) const;
};

enum class ObjectRole : std::uint8_t { Parked, Vehicle, Pedestrian, Cyclist };

// A road user: solids in its own frame (x forward, y left, z up, origin on the ground under
// its footprint centre), moving along a path.
struct SceneObject {
  std::uint32_t trackId = 0;
  std::string className;  // default ontology class: car, van, truck, bus, pedestrian, cyclist
  ObjectRole role = ObjectRole::Vehicle;
  std::vector<Solid> parts;
  Path path;
  double s0 = 0.0;  // arc length at t = 0
  SpeedProfile profile;
};

// An object at one instant, world frame.
struct ObjectState {
  Eigen::Isometry3d pose = Eigen::Isometry3d::Identity();  // object -> world
  Cuboid box;                                              // exact hull of the parts
  std::vector<Solid> parts;                                // world frame
  std::map<std::string, std::string> attributes;
};

struct Scene {
  SceneConfig config;
  std::uint64_t seed = 0;
  Ground ground;
  std::vector<Solid> statics;        // buildings, fences, poles, signs, trees, bushes (world frame)
  std::vector<SceneObject> objects;  // track ids 1..n in order
};

// The scene for a seed: same (config, seed) -> same scene on every machine.
Scene makeScene(const SceneConfig& config, std::uint64_t seed);

// Ego pose (LiDAR -> world) at time t seconds.
Eigen::Isometry3d egoPoseAt(const Scene& scene, const SensorConfig& sensor, double t);

// Object state at time t seconds.
ObjectState objectStateAt(const Scene& scene, const SceneObject& object, double t);

// The ego vehicle's own body in the world frame at that pose (clutter.egoReturns; empty when
// off): the sensor sits on a roof mount, so its lowest beams see the roof behind it.
std::vector<Solid> egoBodySolids(const Scene& scene, const Eigen::Isometry3d& egoPose,
                                 const SensorConfig& sensor);

// Axis-aligned hull of solids in their common frame (boxes with yaw are bounded exactly);
// solids with inBox false are left out.
void solidsHull(const std::vector<Solid>& solids, Eigen::Vector3d& lo, Eigen::Vector3d& hi);

}  // namespace lidarlabel::sim
