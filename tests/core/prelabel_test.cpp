#include "lidarlabel/core/prelabel.h"

#include <cmath>
#include <random>
#include <set>

#include <gtest/gtest.h>

#include "lidarlabel/core/box_iou.h"
#include "lidarlabel/io/ontology_io.h"
#include "tracking_scene.h"

using namespace lidarlabel;
using lidarlabel::test::carAt;
using lidarlabel::test::carScene;
using lidarlabel::test::exactGround;
using lidarlabel::test::scene;

namespace {
double bestIoU(const std::vector<ObjectAnnotation>& objs, const Cuboid& truth) {
  double best = 0.0;
  for (const auto& o : objs) best = std::max(best, bevIoU(o.box, truth));
  return best;
}

// The nearest detection's box to `truth` (BEV IoU), or nullptr.
const ObjectAnnotation* boxOn(const std::vector<ObjectAnnotation>& objs, const Cuboid& truth) {
  const ObjectAnnotation* best = nullptr;
  for (const auto& o : objs)
    if (bevIoU(o.box, truth) > 0.5 && (!best || bevIoU(o.box, truth) > bevIoU(best->box, truth)))
      best = &o;
  return best;
}

// Cars whose cabin sits in the middle of their length: their shape does not tell the front.
PointCloud centredCabinScene(const std::vector<Cuboid>& cars) {
  std::vector<Cuboid> parts;
  for (const Cuboid& car : cars) {
    std::vector<Cuboid> p = test::carParts(car);
    p[1].center = car.center + car.rotation() * Eigen::Vector3d(0, 0, 0.3 * car.size.z());
    parts.insert(parts.end(), p.begin(), p.end());
  }
  return scene(parts);
}
}  // namespace

TEST(Prelabel, DetectsCarsAsCarsWithAutomaticProvenance) {
  const std::vector<Cuboid> cars = {carAt(12, 4, 0.3), carAt(-15, -6, 1.2), carAt(20, -8, -0.4)};
  const PointCloud cloud = carScene(cars);
  const auto objs = detectObjects(cloud, exactGround(cloud), defaultOntology());
  ASSERT_EQ(objs.size(), 3u);
  for (const auto& o : objs) {
    EXPECT_EQ(o.className, "car");
    EXPECT_EQ(o.provenance, Provenance::Automatic);
  }
  for (const Cuboid& c : cars) EXPECT_GE(bestIoU(objs, c), 0.7);
}

TEST(Prelabel, ParkedCarsFaceTheTrafficOnTheirSideOfTheRoad) {
  // Right-hand traffic: parked on the right facing forward, on the left facing back.
  const std::vector<Cuboid> cars = {carAt(15, -7, 0.0), carAt(18, 8, M_PI), carAt(-14, 8, M_PI)};
  const PointCloud cloud = centredCabinScene(cars);
  const auto objs = detectObjects(cloud, exactGround(cloud), defaultOntology());
  for (const Cuboid& c : cars) {
    const ObjectAnnotation* o = boxOn(objs, c);
    ASSERT_NE(o, nullptr) << c.center.transpose();
    EXPECT_LT(std::abs(angleDiff(o->box.yaw, c.yaw)), 0.3) << c.center.transpose();
  }
}

TEST(Prelabel, WithLeftHandTrafficACarParkedOnTheLeftFacesForward) {
  const Cuboid car = carAt(18, 8, 0.0);
  const PointCloud cloud = centredCabinScene({car});
  PrelabelConfig config;
  config.traffic.side = TrafficSide::Left;
  const auto objs = detectObjects(cloud, exactGround(cloud), defaultOntology(), config);
  const ObjectAnnotation* o = boxOn(objs, car);
  ASSERT_NE(o, nullptr);
  EXPECT_LT(std::abs(angleDiff(o->box.yaw, 0.0)), 0.3);
}

TEST(Prelabel, DropsClustersNoRuleAccepts) {
  // A 20 m wall and a 3-point speck: neither is a road user.
  Cuboid wall = carAt(0, 15, 0.0, {20, 0.3, 3.0});
  PointCloud cloud = scene({wall});
  for (int i = 0; i < 3; ++i) cloud.push(8.f + 0.05f * i, -8.f, -1.0f, 0.5f);
  EXPECT_TRUE(detectObjects(cloud, exactGround(cloud), defaultOntology()).empty());
}

TEST(Prelabel, EmptyCloudGivesNoDetections) {
  const PointCloud empty;
  EXPECT_TRUE(detectObjects(empty, GroundResult{}, defaultOntology()).empty());
}

TEST(Prelabel, SequenceKeepsOneTrackIdPerMovingCar) {
  Sequence seq;
  seq.frames.resize(10);
  auto truth = [](std::size_t f) {
    return std::vector<Cuboid>{carAt(10 + 1.0 * f, 5, 0.0), carAt(25 - 0.8 * f, -5, M_PI)};
  };
  PrelabelConfig config;
  config.threads = 1;
  const Sequence out = prelabelSequence(
      seq, [&](std::size_t f) { return carScene(truth(f)); }, defaultOntology(), config);
  std::set<std::uint32_t> ids;
  for (std::size_t f = 0; f < out.size(); ++f) {
    ASSERT_EQ(out.frames[f].objects.size(), 2u) << "frame " << f;
    for (const auto& o : out.frames[f].objects) {
      ids.insert(o.trackId);
      EXPECT_EQ(o.provenance, Provenance::Automatic);
    }
    for (const Cuboid& c : truth(f)) EXPECT_GE(bestIoU(out.frames[f].objects, c), 0.6);
  }
  EXPECT_EQ(ids.size(), 2u);
}

TEST(Prelabel, NoBoxOnTheEgoVehiclesOwnReturns) {
  // A pedestrian-sized blob 1.5 m from the sensor (roof rack, mirror returns) and a real car.
  PointCloud cloud = carScene({carAt(12, 4, 0.3)});
  for (float z = -0.9f; z <= 0.2f; z += 0.05f)
    for (float a = 0.f; a < 6.28f; a += 0.4f)
      cloud.push(-1.5f + 0.25f * std::cos(a), 1.0f + 0.25f * std::sin(a), z, 0.5f);
  const auto objs = detectObjects(cloud, exactGround(cloud), defaultOntology());
  ASSERT_EQ(objs.size(), 1u);
  EXPECT_GT(objs[0].box.center.head<2>().norm(), 5.0);
}

TEST(Prelabel, ADetectionInOneFrameOnlyLeavesNoBoxButAConfirmedTrackGetsItsFirstFrames) {
  Sequence seq;
  seq.frames.resize(6);
  const Cuboid parked = carAt(12, 5, 0.0);
  const Cuboid flicker = carAt(-14, -6, 0.5);  // seen in frame 2 only
  PrelabelConfig config;
  config.threads = 1;
  const Sequence out = prelabelSequence(
      seq,
      [&](std::size_t f) {
        return carScene(f == 2 ? std::vector<Cuboid>{parked, flicker}
                               : std::vector<Cuboid>{parked});
      },
      defaultOntology(), config);
  for (std::size_t f = 0; f < out.size(); ++f) {
    ASSERT_EQ(out.frames[f].objects.size(), 1u) << "frame " << f;
    EXPECT_GE(bevIoU(out.frames[f].objects[0].box, parked), 0.6) << "frame " << f;
  }
}

TEST(Prelabel, AMovingTrackHeadsWhereItTravelsInEveryFrameEvenAgainstItsShape) {
  // A car reversing along +x: its cabin (the shape cue) says it faces -x.
  Sequence seq;
  seq.frames.resize(8);
  auto truth = [](std::size_t f) { return carAt(10 + 0.8 * static_cast<double>(f), 5, M_PI); };
  PrelabelConfig config;
  config.threads = 1;
  const Sequence out = prelabelSequence(
      seq, [&](std::size_t f) { return carScene({truth(f)}); }, defaultOntology(), config);
  for (std::size_t f = 0; f < out.size(); ++f) {
    ASSERT_EQ(out.frames[f].objects.size(), 1u) << "frame " << f;
    EXPECT_LT(std::abs(angleDiff(out.frames[f].objects[0].box.yaw, 0.0)), M_PI / 2)
        << "frame " << f;
  }
}

TEST(Prelabel, EveryBoxOfATrackGetsTheLengthItsWholeViewsShowItsSeenEndKept) {
  // A parked car 4.8 m long whose front 0.9 m nothing reaches in the first three sweeps.
  Sequence seq;
  seq.frames.resize(8);
  const Cuboid parked = carAt(14, 5, 0.0, {4.8, 2.0, 1.5});
  const double rear = parked.center.x() - 2.4;
  const auto sweep = [&](std::size_t f) {
    const PointCloud all = carScene({parked});
    if (f >= 3) return all;
    PointCloud part;
    for (std::size_t i = 0; i < all.size(); ++i)
      if (all.z[i] < test::kGroundZ + 1e-3 || all.x[i] <= rear + 3.9)
        part.push(all.x[i], all.y[i], all.z[i], all.intensity[i]);
    return part;
  };
  PrelabelConfig config;
  config.threads = 1;
  const Sequence out = prelabelSequence(seq, sweep, defaultOntology(), config);
  for (std::size_t f = 0; f < out.size(); ++f) {
    ASSERT_EQ(out.frames[f].objects.size(), 1u) << "frame " << f;
    const Cuboid& box = out.frames[f].objects[0].box;
    EXPECT_NEAR(box.size.x(), 4.8, 0.15) << "frame " << f;
    EXPECT_NEAR(box.center.x() - box.size.x() / 2, rear, 0.15) << "frame " << f;
    EXPECT_TRUE(box.size.isApprox(out.frames[0].objects[0].box.size)) << "frame " << f;
  }
}

TEST(Prelabel, AVehicleSizedBushIsDroppedByItsScatterButACarIsKept) {
  // A car and, beside it, a car-sized clump of returns spread through its volume (a hedge).
  const Cuboid car = carAt(12, 4, 0.3);
  const Cuboid bush = carAt(14, -6, 0.0, {4.0, 1.8, 1.4});
  PointCloud cloud = carScene({car});
  std::mt19937 rng(11);
  std::uniform_real_distribution<double> u(-0.5, 0.5);
  for (int k = 0; k < 1500; ++k) {
    const Eigen::Vector3d p =
        bush.center + Eigen::Vector3d(u(rng), u(rng), u(rng)).cwiseProduct(bush.size);
    cloud.push(static_cast<float>(p.x()), static_cast<float>(p.y()), static_cast<float>(p.z()),
               0.2f);
  }
  PrelabelConfig config;
  config.maxSeeThroughVehicle = 1.f;  // only the scatter tells the bush from a car here
  config.maxCarEndRatio = 2.f;
  config.maxVehicleHollow = 1.f;   // (returns through its volume are also "hollow")
  config.maxVehicleScatter = 1.f;  // off: both are taken for cars
  const GroundResult ground = exactGround(cloud);
  EXPECT_GE(bestIoU(detectObjects(cloud, ground, defaultOntology(), config), bush), 0.5);
  config.maxVehicleScatter = PrelabelConfig{}.maxVehicleScatter;
  const auto objs = detectObjects(cloud, ground, defaultOntology(), config);
  EXPECT_LT(bestIoU(objs, bush), 0.1);
  EXPECT_GE(bestIoU(objs, car), 0.7);
}

TEST(Prelabel, ABusShelterOpenTowardsTheSensorIsNotTakenForAVan) {
  std::vector<Cuboid> parts = lidarlabel::test::shelterParts(0.5, 9.0);
  const Cuboid van = carAt(16.0, -6.0, 0.3, {5.0, 2.0, 2.3});
  parts.push_back(van);
  const PointCloud cloud = scene(parts);
  const GroundResult ground = exactGround(cloud);
  const auto near = [](const std::vector<ObjectAnnotation>& objs, const Eigen::Vector2d& at) {
    return std::count_if(objs.begin(), objs.end(), [&](const ObjectAnnotation& o) {
      return (o.box.center.head<2>() - at).norm() < 2.0;
    });
  };
  const auto objs = detectObjects(cloud, ground, defaultOntology());
  EXPECT_EQ(near(objs, {0.5, 9.0}), 0);
  EXPECT_EQ(near(objs, {16.0, -6.0}), 1);
  PrelabelConfig without;  // the cue is what drops it: a van-sized box otherwise
  without.maxVehicleHollow = 1.0f;
  EXPECT_EQ(near(detectObjects(cloud, ground, defaultOntology(), without), {0.5, 9.0}), 1);
}
