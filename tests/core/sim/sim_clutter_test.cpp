// Street clutter (SceneConfig::clutter): off by default, and when on it adds hedges, kerb walls,
// bus stops, mirrors outside the boxes, articulated buses, cyclists of drawn heights and the ego
// vehicle's own returns, while the ground truth stays exact for everything inside the boxes.
#include <gtest/gtest.h>

#include <cmath>

#include "lidarlabel/sim/classes.h"
#include "sim_test_util.h"

namespace lidarlabel::sim {
namespace {

using test::exactConfig;
using test::pointAt;

SimulationConfig cluttered(std::uint64_t seed) {
  SimulationConfig c = exactConfig(seed);
  c.scene.clutter.enabled = true;
  return c;
}

std::size_t staticsOf(const Scene& s, const char* cls) {
  std::size_t n = 0;
  for (const Solid& x : s.statics) n += x.semantic == semanticKittiIdOf(cls) ? 1 : 0;
  return n;
}

TEST(SimClutter, IsOffByDefault) {
  EXPECT_FALSE(SceneConfig{}.clutter.enabled);
  EXPECT_EQ(simulateCommandLine(exactConfig(1)).find("--clutter"), std::string::npos);
  EXPECT_NE(simulateCommandLine(cluttered(1)).find("--clutter"), std::string::npos);
}

TEST(SimClutter, AddsHedgesWallsAndShelters) {
  const Scene plain = makeScene(exactConfig(3)), busy = makeScene(cluttered(3));
  EXPECT_GT(staticsOf(busy, "vegetation"), staticsOf(plain, "vegetation") + 20);
  EXPECT_GT(staticsOf(busy, "fence"), staticsOf(plain, "fence"));
  EXPECT_GT(staticsOf(busy, "building"), staticsOf(plain, "building") + 4);  // shelters' panes
}

TEST(SimClutter, LeavesTheStreetFurnitureOfTheSeedAsItWas) {
  const Scene plain = makeScene(exactConfig(5)), busy = makeScene(cluttered(5));
  ASSERT_GE(busy.statics.size(), plain.statics.size());
  for (std::size_t i = 0; i < plain.statics.size(); ++i)
    EXPECT_EQ(busy.statics[i].center, plain.statics[i].center) << "static " << i;
}

TEST(SimClutter, CyclistsAreAsTallAsConfiguredAndSomeBusesArticulated) {
  SimulationConfig c = cluttered(2);
  c.scene.objects = 300;
  c.scene.clutter.articulatedBusProb = 1.0;
  const Scene s = makeScene(c);
  int cyclists = 0, buses = 0;
  for (const SceneObject& o : s.objects) {
    Eigen::Vector3d lo, hi;
    solidsHull(o.parts, lo, hi);
    if (o.className == "cyclist") {
      ++cyclists;
      EXPECT_GE(hi.z(), c.scene.clutter.cyclistHeightMin - 1e-9);
      EXPECT_LE(hi.z(), c.scene.clutter.cyclistHeightMax + 1e-9);
    } else if (o.className == "bus") {
      ++buses;
      EXPECT_GE(hi.x() - lo.x(), 17.5 - 1e-9);
    }
  }
  EXPECT_GT(cyclists, 5);
  EXPECT_GT(buses, 0);
}

TEST(SimClutter, OnlyMirrorPointsLieOutsideTheirBoxAndNoOtherPointInsideAnObject) {
  const SimulationConfig c = cluttered(1);
  const Scene scene = makeScene(c);
  std::size_t outside = 0;
  for (int frame : {0, 5}) {
    const SimFrame f = simulateFrame(scene, c.sensor, frame);
    for (const ObjectAnnotation& o : f.objects) {
      Cuboid grown = o.box;  // mirrors reach at most 0.22 m out of the side
      grown.size.y() += 2 * 0.23;
      Cuboid hull = o.box;  // no other point inside the object itself
      hull.size -= Eigen::Vector3d::Constant(2.0 * boxMargin(c.sensor));
      for (std::size_t i = 0; i < f.cloud.size(); ++i) {
        const Eigen::Vector3d p = pointAt(f.cloud, i);
        if (f.labels.instance[i] != (o.trackId & 0xFFFF)) {
          EXPECT_FALSE(hull.contains(p)) << "track " << o.trackId << " holds point " << i;
          continue;
        }
        if (o.box.contains(p)) continue;
        ++outside;
        EXPECT_TRUE(grown.contains(p)) << "track " << o.trackId << " point " << i;
        EXPECT_TRUE(o.className == "car" || o.className == "van") << o.className;
      }
    }
  }
  EXPECT_GT(outside, 0u);
}

TEST(SimClutter, TheEgoVehicleReturnsUnlabelledPointsBehindTheSensor) {
  const auto nearBehind = [](const SimulationConfig& c) {
    const SimFrame f = simulateFrame(makeScene(c), c.sensor, 0);
    std::size_t n = 0;
    for (std::size_t i = 0; i < f.cloud.size(); ++i) {
      const Eigen::Vector3d p = pointAt(f.cloud, i);
      if (p.norm() < 1.5 && p.x() < 0) {
        ++n;
        EXPECT_EQ(f.labels.semantic[i], 0);
        EXPECT_EQ(f.labels.instance[i], 0);
      }
    }
    return n;
  };
  SimulationConfig c = cluttered(1);
  c.sensor.beams = 64;  // the default beams: the lowest ones reach the roof
  EXPECT_GT(nearBehind(c), 20u);
  c.scene.clutter.egoReturns = false;
  EXPECT_EQ(nearBehind(c), 0u);
}

}  // namespace
}  // namespace lidarlabel::sim
