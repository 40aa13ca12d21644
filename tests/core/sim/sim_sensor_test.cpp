// The simulated sensor matches its configuration: rings, elevations, azimuth grid, range
// limits, firing times; and the culling grid changes nothing.
#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <numbers>
#include <set>

#include "sim_test_util.h"

namespace lidarlabel::sim {
namespace {

using test::pointAt;

SimulationConfig sensorConfig() {
  SimulationConfig c;
  c.seed = 11;
  c.frames = 2;
  c.sensor.beams = 24;
  c.sensor.azimuthSteps = 600;
  c.sensor.fovUpDeg = 3.0;
  c.sensor.fovDownDeg = -20.0;
  c.sensor.withRing = true;
  c.sensor.withTime = true;
  return c;
}

double elevationOf(const PointCloud& c, std::size_t i) {
  return std::atan2(static_cast<double>(c.z[i]),
                    std::hypot(static_cast<double>(c.x[i]), static_cast<double>(c.y[i])));
}

TEST(SimSensor, EveryRingReturnsPointsAndNoOtherRingExists) {
  const SimulationConfig c = sensorConfig();
  const SimFrame f = simulateFrame(makeScene(c), c.sensor, 0);
  ASSERT_TRUE(f.cloud.consistent());
  ASSERT_TRUE(f.cloud.hasRing());
  const std::set<std::uint16_t> rings(f.cloud.ring.begin(), f.cloud.ring.end());
  EXPECT_EQ(rings.size(), 24u);
  EXPECT_EQ(*rings.rbegin(), 23);
}

TEST(SimSensor, PointElevationsAreTheConfiguredEvenlySpacedBeamAngles) {
  const SimulationConfig c = sensorConfig();  // with range noise: noise moves along the ray only
  const SimFrame f = simulateFrame(makeScene(c), c.sensor, 1);
  constexpr double kDeg = std::numbers::pi / 180.0;
  const double spacing = (3.0 - -20.0) / 23.0 * kDeg;
  for (std::size_t i = 0; i < f.cloud.size(); ++i)
    ASSERT_NEAR(elevationOf(f.cloud, i), 3.0 * kDeg - f.cloud.ring[i] * spacing, 1e-5)
        << "point " << i;
  EXPECT_NEAR(beamElevation(c.sensor, 0), 3.0 * kDeg, 1e-12);
  EXPECT_NEAR(beamElevation(c.sensor, 23), -20.0 * kDeg, 1e-12);
}

TEST(SimSensor, AzimuthsLieOnTheFiringGridAndTimesFollowIt) {
  const SimulationConfig c = sensorConfig();
  const SimFrame f = simulateFrame(makeScene(c), c.sensor, 0);
  const double step = 2 * std::numbers::pi / 600;
  float lastTime = 0.0f;
  for (std::size_t i = 0; i < f.cloud.size(); ++i) {
    double k = (std::numbers::pi -
                std::atan2(static_cast<double>(f.cloud.y[i]), static_cast<double>(f.cloud.x[i]))) /
               step;
    if (k >= 600 - 1e-3) k -= 600;
    ASSERT_NEAR(k, std::round(k), 1e-3) << "point " << i << " is between firings";
    EXPECT_NEAR(f.cloud.time[i], std::round(k) / (600 * 10.0), 1e-6);
    EXPECT_GE(f.cloud.time[i], lastTime);  // azimuth-major order
    lastTime = f.cloud.time[i];
  }
  EXPECT_LT(lastTime, 0.1f);
}

TEST(SimSensor, RangesStayWithinTheConfiguredLimits) {
  SimulationConfig c = sensorConfig();
  c.sensor.minRange = 5.0;
  c.sensor.maxRange = 30.0;
  const SimFrame f = simulateFrame(makeScene(c), c.sensor, 0);
  double lo = 1e9, hi = 0;
  for (std::size_t i = 0; i < f.cloud.size(); ++i) {
    const double r = pointAt(f.cloud, i).norm();
    lo = std::min(lo, r);
    hi = std::max(hi, r);
  }
  EXPECT_GE(lo, 5.0 - 1e-4);
  EXPECT_LE(hi, 30.0 + 1e-4);
  EXPECT_LT(lo, 5.5);  // the limits are reached, so they are what cut the sweep
  EXPECT_GT(hi, 29.0);
}

TEST(SimSensor, DefaultSensorSweepHasAboutOneHundredThousandPoints) {
  SimulationConfig c;
  c.frames = 1;
  const SimFrame f = simulateFrame(makeScene(c), c.sensor, 0);
  EXPECT_GT(f.cloud.size(), 100000u);  // 64 x 1800 = 115,200 rays, few miss
  EXPECT_LE(f.cloud.size(), 115200u);
  EXPECT_FALSE(f.cloud.hasRing());
  EXPECT_FALSE(f.cloud.hasTime());
}

TEST(SimRayCaster, CullingGridGivesTheSameSweepAsTestingEverySolid) {
  SimulationConfig c = sensorConfig();
  const Scene scene = makeScene(c);
  const SimFrame grid = simulateFrame(scene, c.sensor, 1);
  c.sensor.bruteForce = true;
  const SimFrame brute = simulateFrame(scene, c.sensor, 1);
  EXPECT_EQ(grid.cloud.x, brute.cloud.x);
  EXPECT_EQ(grid.cloud.y, brute.cloud.y);
  EXPECT_EQ(grid.cloud.z, brute.cloud.z);
  EXPECT_EQ(grid.cloud.intensity, brute.cloud.intensity);
  EXPECT_EQ(grid.labels, brute.labels);
}

TEST(SimSensor, IntensityIsWithinZeroToOneAndVariesWithMaterial) {
  const SimulationConfig c = sensorConfig();
  const SimFrame f = simulateFrame(makeScene(c), c.sensor, 0);
  std::map<int, double> sum, count;
  for (std::size_t i = 0; i < f.cloud.size(); ++i) {
    ASSERT_GE(f.cloud.intensity[i], 0.0f);
    ASSERT_LE(f.cloud.intensity[i], 1.0f);
    sum[f.labels.semantic[i]] += f.cloud.intensity[i];
    count[f.labels.semantic[i]] += 1;
  }
  ASSERT_GT(count[60], 0);  // lane markings (bright paint) vs asphalt
  ASSERT_GT(count[40], 0);
  EXPECT_GT(sum[60] / count[60], 3 * sum[40] / count[40]);
}

}  // namespace
}  // namespace lidarlabel::sim
