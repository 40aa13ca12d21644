// Ground truth of the simulator is exact: boxes hold exactly their instance's points, point
// labels agree with the boxes' classes, ground points lie on the ground.
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "lidarlabel/io/ontology_io.h"
#include "lidarlabel/sim/random.h"
#include "sim_test_util.h"

namespace lidarlabel::sim {
namespace {

using test::exactConfig;
using test::pointAt;

// Every point of the box's instance inside the emitted box (no margin); no other point inside
// the object's exact hull (the emitted box shrunk by boxMargin: ground or a neighbour may reach
// into the noise envelope, never into the object).
void expectBoxesHoldExactlyTheirPoints(const SimFrame& f, const SensorConfig& sensor) {
  for (const ObjectAnnotation& o : f.objects) {
    Cuboid hull = o.box;
    hull.size -= Eigen::Vector3d::Constant(2.0 * boxMargin(sensor));
    std::size_t own = 0;
    for (std::size_t i = 0; i < f.cloud.size(); ++i) {
      const Eigen::Vector3d p = pointAt(f.cloud, i);
      if (f.labels.instance[i] == (o.trackId & 0xFFFF)) {
        ++own;
        EXPECT_TRUE(o.box.contains(p)) << "frame " << f.index << " track " << o.trackId << " point "
                                       << i << " outside its box";
      } else {
        EXPECT_FALSE(hull.contains(p))
            << "frame " << f.index << " track " << o.trackId << " holds point " << i
            << " of instance " << f.labels.instance[i] << " semantic " << f.labels.semantic[i];
      }
    }
    EXPECT_GT(own, 0u) << "listed track " << o.trackId << " has no point";
  }
}

TEST(SimGroundTruth, EveryBoxHoldsExactlyItsInstancePointsWithoutNoise) {
  for (std::uint64_t seed : {1u, 2u, 3u}) {
    const SimulationConfig c = exactConfig(seed);
    const Scene scene = makeScene(c);
    for (int frame : {0, 5, 9})
      expectBoxesHoldExactlyTheirPoints(simulateFrame(scene, c.sensor, frame), c.sensor);
  }
}

TEST(SimGroundTruth, WithRangeNoiseOnEveryBoxStillContainsAllItsInstancePoints) {
  SimulationConfig c = exactConfig(4);
  c.sensor.rangeNoiseStd = SensorConfig{}.rangeNoiseStd;  // the default, 2 cm
  c.sensor.dropoutProb = 0.01;
  ASSERT_GT(c.sensor.rangeNoiseStd, 0.0);
  const Scene scene = makeScene(c);
  for (int frame : {0, 4, 9})
    expectBoxesHoldExactlyTheirPoints(simulateFrame(scene, c.sensor, frame), c.sensor);
}

TEST(SimGroundTruth, BoxIsTheHullGrownByTheNoiseEnvelope) {
  SimulationConfig c = exactConfig(4);
  const Scene scene = makeScene(c);
  const SimFrame exact = simulateFrame(scene, c.sensor, 0);
  c.sensor.rangeNoiseStd = 0.05;
  const SimFrame noisy = simulateFrame(scene, c.sensor, 0);
  ASSERT_FALSE(exact.objects.empty());
  const ObjectAnnotation& a = exact.objects.front();
  for (const ObjectAnnotation& b : noisy.objects) {
    if (b.trackId != a.trackId) continue;
    EXPECT_NEAR((b.box.center - a.box.center).norm(), 0.0, 1e-12);
    for (int k = 0; k < 3; ++k)
      EXPECT_NEAR(b.box.size[k] - a.box.size[k], 2 * kGaussianBound * 0.05, 1e-12);
  }
}

TEST(SimGroundTruth, EveryLabelledInstanceHasABoxOfTheSameClass) {
  const SimulationConfig c = exactConfig(5);
  const SimFrame f = simulateFrame(makeScene(c), c.sensor, 3);
  std::map<std::uint32_t, int> semanticOfTrack;
  for (const ObjectAnnotation& o : f.objects)
    semanticOfTrack[o.trackId] = defaultOntology().find(o.className)->semanticKittiId;
  ASSERT_GE(f.objects.size(), 10u);
  for (std::size_t i = 0; i < f.cloud.size(); ++i) {
    if (f.labels.instance[i] == 0) continue;
    const auto it = semanticOfTrack.find(f.labels.instance[i]);
    ASSERT_NE(it, semanticOfTrack.end()) << "instance " << f.labels.instance[i] << " has no box";
    EXPECT_EQ(f.labels.semantic[i], it->second);
  }
}

TEST(SimGroundTruth, GroundLabelledPointsLieOnTheGroundOrAKerb) {
  const SimulationConfig c = exactConfig(6);
  const Scene scene = makeScene(c);
  const std::set<int> ground = {40, 44, 48, 60, 72};
  for (int frame : {0, 7}) {
    const SimFrame f = simulateFrame(scene, c.sensor, frame);
    std::size_t onGround = 0;
    for (std::size_t i = 0; i < f.cloud.size(); ++i) {
      const Eigen::Vector3d w = f.egoPose * pointAt(f.cloud, i);
      const double dz = w.z() - scene.ground.height(w.x(), w.y());
      const bool onSurface = std::abs(dz) < 0.005;
      const bool onKerb =
          w.z() > scene.ground.baseHeight(w.x(), w.y()) - 0.005 &&
          w.z() < scene.ground.baseHeight(w.x(), w.y()) + c.scene.kerbHeight + 0.005;
      if (ground.count(f.labels.semantic[i])) {
        ++onGround;
        EXPECT_TRUE(onSurface || (f.labels.semantic[i] == 48 && onKerb))
            << "ground point " << i << " is " << dz << " m off the surface";
        EXPECT_EQ(f.labels.instance[i], 0);
      } else if (onSurface && f.labels.instance[i] != 0) {  // road users float above the ground
        ADD_FAILURE() << "object point " << i << " on the ground surface, track "
                      << f.labels.instance[i];
      }
    }
    EXPECT_GT(onGround, f.cloud.size() / 3);
  }
}

TEST(SimGroundTruth, TrackKeepsItsClassAndSizeAcrossFrames) {
  const SimulationConfig c = exactConfig(7);
  const Scene scene = makeScene(c);
  std::map<std::uint32_t, ObjectAnnotation> first;
  std::size_t repeats = 0;
  for (int frame = 0; frame < c.frames; frame += 3) {
    for (const ObjectAnnotation& o : simulateFrame(scene, c.sensor, frame).objects) {
      const auto [it, inserted] = first.emplace(o.trackId, o);
      if (inserted) continue;
      ++repeats;
      EXPECT_EQ(o.className, it->second.className);
      EXPECT_NEAR((o.box.size - it->second.box.size).norm(), 0.0, 1e-12);
    }
  }
  EXPECT_GT(repeats, 20u);
}

TEST(SimGroundTruth, MovingObjectsMoveAndParkedOnesStayInTheWorld) {
  const SimulationConfig c = exactConfig(8);
  const Scene scene = makeScene(c);
  int moved = 0, still = 0;
  for (const SceneObject& o : scene.objects) {
    const double d =
        (objectStateAt(scene, o, 0.0).box.center - objectStateAt(scene, o, 0.9).box.center)
            .head<2>()
            .norm();
    if (o.role == ObjectRole::Parked) {
      EXPECT_EQ(d, 0.0) << "parked track " << o.trackId << " moved";
      ++still;
    } else if (d > 0.5) {
      ++moved;
    }
  }
  EXPECT_GT(still, 5);
  EXPECT_GT(moved, 10);
}

}  // namespace
}  // namespace lidarlabel::sim
