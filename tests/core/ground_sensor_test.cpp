// Ground removal on sensors it was not tuned for: the sensor height estimated from the sweep,
// the road inside the ego radius of a low mount, wall feet seen by sparse beams.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <numbers>

#include "lidarlabel/core/ground.h"
#include "lidarlabel/core/metrics.h"
#include "lidarlabel/sim/simulate.h"

namespace lidarlabel {
namespace {

// Rings of road points at z = -height, like a spinning LiDAR sees a flat road.
PointCloud flatRoad(float height, float minRange = 3.f, float maxRange = 40.f) {
  PointCloud c;
  for (float r = minRange; r < maxRange; r *= 1.04f)
    for (int k = 0; k < 720; ++k) {
      const float a = static_cast<float>(k) * std::numbers::pi_v<float> / 360.f;
      c.push(r * std::cos(a), r * std::sin(a), -height, 0.f);
    }
  return c;
}

sim::SimFrame simulatedSweep(double mountHeight, std::uint64_t seed, int frame) {
  sim::SimulationConfig config;
  config.seed = seed;
  config.frames = frame + 1;
  config.sensor.mountHeight = mountHeight;
  return sim::simulateFrame(sim::makeScene(config), config.sensor, frame);
}

TEST(GroundSensorHeight, IsTheRoadDepthOfAFlatRoad) {
  EXPECT_NEAR(estimateSensorHeight(flatRoad(1.2f)), 1.2f, 0.01f);
  EXPECT_NEAR(estimateSensorHeight(flatRoad(2.5f)), 2.5f, 0.01f);
}

TEST(GroundSensorHeight, IsUnknownWithoutRoadNearTheSensorAndTheConfigIsUsed) {
  const PointCloud far = flatRoad(1.2f, 20.f, 40.f);  // nothing within heightRange (12 m)
  EXPECT_TRUE(std::isnan(estimateSensorHeight(far)));
  GroundConfig config;
  config.sensorHeight = 1.5f;
  const GroundResult g = removeGround(far, config);
  EXPECT_FALSE(g.heightEstimated);
  EXPECT_FLOAT_EQ(g.sensorHeight, 1.5f);
}

TEST(GroundSensorHeight, IgnoresCarsStandingAroundTheSensor) {
  PointCloud c = flatRoad(1.73f);
  // Six car-sized boxes of points (1.5 m tall) at 5 m all around: a quarter of the near sectors.
  for (int k = 0; k < 6; ++k) {
    const float a = static_cast<float>(k) * std::numbers::pi_v<float> / 3.f;
    for (float dt = -0.4f; dt <= 0.4f; dt += 0.01f)
      for (float h = 0.2f; h <= 1.5f; h += 0.05f)
        c.push(5.f * std::cos(a + dt), 5.f * std::sin(a + dt), -1.73f + h, 0.f);
  }
  EXPECT_NEAR(estimateSensorHeight(c), 1.73f, 0.01f);
}

// The simulator's sensor sits mountHeight above the road under the ego vehicle; the road has a
// 1 % grade and 0.1 m bumps, sensor noise 2 cm.
TEST(GroundSensorHeight, IsWithin5CmOfTheMountHeightOfSimulatedSweeps) {
  for (double mount : {1.2, 1.73, 2.5})
    for (std::uint64_t seed : {1u, 2u}) {
      const sim::SimFrame f = simulatedSweep(mount, seed, 10);
      EXPECT_NEAR(estimateSensorHeight(f.cloud), mount, 0.05) << mount << " m, seed " << seed;
      EXPECT_NEAR(removeGround(f.cloud).sensorHeight, mount, 0.05);
    }
}

TEST(GroundEgoRadius, RoadInsideItIsGroundTheEgoBodyIsNot) {
  PointCloud c = flatRoad(1.2f);
  c.push(2.f, 0.5f, -1.2f, 0.f);   // road seen by a low mount, inside minRange (2.7 m)
  c.push(1.5f, 0.2f, -0.6f, 0.f);  // the ego vehicle's bonnet
  const GroundResult g = removeGround(c);
  EXPECT_EQ(g.isGround[c.size() - 2], 1);
  EXPECT_EQ(g.isGround[c.size() - 1], 0);
  EXPECT_NEAR(g.groundHeight[c.size() - 1], -1.2f, 0.01f);
}

// A row of points across y in [-half, half] every 5 cm at (x, z).
void addRow(PointCloud& c, float x, float z, float half) {
  const int n = static_cast<int>(std::lround(2 * half / 0.05f));
  for (int k = 0; k <= n; ++k) c.push(x, -half + 0.05f * static_cast<float>(k), z, 0.f);
}

TEST(GroundStructures, TheFootOfAWallSeenBySparseBeamsIsNotGround) {
  // A 32-beam-like sensor: the wall 17 m ahead is hit every 0.4 m, its lowest hit at road level.
  PointCloud c = flatRoad(1.73f, 3.f, 16.5f);
  const std::size_t foot = c.size();
  addRow(c, 17.f, -1.73f, 3.f);
  const std::size_t wall = c.size();
  for (int k = 1; k <= 4; ++k) addRow(c, 17.f, -1.73f + 0.4f * static_cast<float>(k), 3.f);
  const GroundResult g = removeGround(c);
  for (std::size_t i = foot; i < wall; ++i) EXPECT_EQ(g.isGround[i], 0) << "y " << c.y[i];
}

TEST(GroundStructures, RoadUnderACarBodyIsKept) {
  // Road hit under a car's sill: the body's side (dense rows 4 cm apart) starts 0.3 m above it
  // and stands nearer to the sensor.
  PointCloud c = flatRoad(1.73f, 3.f, 16.f);
  const std::size_t road = c.size();
  addRow(c, 8.1f, -1.73f, 1.f);
  const std::size_t body = c.size();
  for (int k = 0; k <= 27; ++k) addRow(c, 8.03f, -1.43f + 0.04f * static_cast<float>(k), 1.f);
  const GroundResult g = removeGround(c);
  for (std::size_t i = road; i < body; ++i) EXPECT_EQ(g.isGround[i], 1) << "y " << c.y[i];
}

// Labelled simulated sweeps from sensors mounted higher and lower than the KITTI car the
// defaults were chosen on. Assuming 1.73 m (estimateHeight off) loses the road inside the ego
// radius at 1.2 m (F1 95.5 on this sweep) and takes a car's bonnet for road at 2.5 m (97.8).
TEST(GroundSensorHeight, KeepsF1Above98OnSweepsFromLowAndHighMounts) {
  for (double mount : {1.2, 2.5}) {
    const sim::SimFrame f = simulatedSweep(mount, 1, 20);
    GroundConfig assumed;
    assumed.estimateHeight = false;
    const double estimatedF1 = groundScores(removeGround(f.cloud).isGround, f.labels).f1;
    const double assumedF1 = groundScores(removeGround(f.cloud, assumed).isGround, f.labels).f1;
    EXPECT_GT(estimatedF1, 98.0) << mount << " m";
    EXPECT_LT(assumedF1, 98.0) << mount << " m";
  }
}

}  // namespace
}  // namespace lidarlabel
