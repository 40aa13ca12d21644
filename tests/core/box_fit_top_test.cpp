// The top of a fitted box: a LiDAR's beams sample an object's face every few tenths of a degree,
// so its real top lies between the highest return and the beam above it, which missed it.
#include <algorithm>
#include <cmath>
#include <numeric>

#include <gtest/gtest.h>

#include "lidarlabel/core/box_fit.h"

namespace lidarlabel {
namespace {

constexpr double kStep = 0.007;  // radians (0.4 deg) between rings, as on a 64-beam sensor

// The ring elevations: every kStep from -0.15 rad upwards, offset by `phase` of a step.
double ringElevation(int k, double phase) {
  return -0.15 + (k + phase) * kStep;
}

// A flat face 2 m wide across the x axis, `range` metres ahead of the sensor, from z = bottom up
// to z = top, as `rings` (all when 0) of the sensor's rings return from it: one point every 5 cm.
PointCloud scannedFace(double range, double bottom, double top, int rings = 0) {
  PointCloud c;
  int kept = 0;
  for (int k = 0; k < 100; ++k) {
    const double e = ringElevation(k, 0.0);
    if (range * std::tan(e) < bottom) continue;
    if (range * std::tan(e) > top || (rings > 0 && kept == rings)) break;
    ++kept;
    for (double y = -1.0; y <= 1.0 + 1e-9; y += 0.05) {
      const double z = std::hypot(range, y) * std::tan(e);
      if (z <= top)
        c.push(static_cast<float>(range), static_cast<float>(y), static_cast<float>(z), 0.5f);
    }
  }
  return c;
}

std::vector<std::uint32_t> allOf(const PointCloud& c) {
  std::vector<std::uint32_t> all(c.size());
  std::iota(all.begin(), all.end(), 0u);
  return all;
}

double topOf(const Cuboid& b) {
  return b.center.z() + b.size.z() / 2;
}

TEST(BoxFitTop, AFaceEndingHalfwayBetweenTwoBeamsGetsItsTrueTop) {
  const double range = 30.0;
  const double top = range * std::tan(ringElevation(20, 0.5));  // halfway between rings 20 and 21
  const PointCloud face = scannedFace(range, -1.7, top);
  const FitResult fit = fitBoxToPoints(face, allOf(face), nullptr, FitConfig{});
  ASSERT_TRUE(fit.ok);
  EXPECT_NEAR(topOf(fit.box), top, 0.02);
}

TEST(BoxFitTop, WithoutTheAllowanceTheTopIsTheHighestReturnHalfAGapLow) {
  const double range = 30.0;
  const double top = range * std::tan(ringElevation(20, 0.5));
  const PointCloud face = scannedFace(range, -1.7, top);
  FitConfig config;
  config.maxTopGap = 0.0;
  const FitResult fit = fitBoxToPoints(face, allOf(face), nullptr, config);
  ASSERT_TRUE(fit.ok);
  const double halfGap = range * std::tan(kStep) / 2;  // 0.105 m at 30 m
  EXPECT_NEAR(topOf(fit.box), top - halfGap, 0.02);
}

TEST(BoxFitTop, ASingleScanLineGivesNoGapToGoBy) {
  const PointCloud line = scannedFace(20.0, -1.7, 0.0, 1);
  FitConfig off;
  off.maxTopGap = 0.0;
  const FitResult with = fitBoxToPoints(line, allOf(line), nullptr, FitConfig{});
  const FitResult without = fitBoxToPoints(line, allOf(line), nullptr, off);
  ASSERT_TRUE(with.ok && without.ok);
  EXPECT_NEAR(topOf(with.box), topOf(without.box), 1e-9);
}

TEST(BoxFitTop, AGapWiderThanTheLimitIsAHoleNotABeamGap) {
  // Two rings 5 deg apart (a sparse object, or rings lost to occlusion): no allowance.
  PointCloud c;
  for (double e : {-0.05, -0.05 + 0.0873})
    for (double y = -1.0; y <= 1.0 + 1e-9; y += 0.05)
      c.push(15.f, static_cast<float>(y), static_cast<float>(std::hypot(15.0, y) * std::tan(e)),
             0.5f);
  float highest = -1e9f;
  for (std::size_t i = 0; i < c.size(); ++i) highest = std::max(highest, c.z[i]);
  const FitResult fit = fitBoxToPoints(c, allOf(c), nullptr, FitConfig{});
  ASSERT_TRUE(fit.ok);
  EXPECT_NEAR(topOf(fit.box), highest, 1e-4);
}

}  // namespace
}  // namespace lidarlabel
