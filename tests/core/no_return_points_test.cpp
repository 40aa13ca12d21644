// Every algorithm that reads a cloud, run on a sweep with no-return (NaN / infinite) points mixed
// in, gives the same result as on the same sweep without them (indices shifted accordingly), and
// never puts a no-return point in a box, the ground, a cluster or a fit.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <numeric>

#include "lidarlabel/core/box_fit.h"
#include "lidarlabel/core/clustering.h"
#include "lidarlabel/core/colormap.h"
#include "lidarlabel/core/ground.h"
#include "lidarlabel/core/points_in_box.h"
#include "lidarlabel/core/prelabel.h"
#include "lidarlabel/core/tracking.h"
#include "lidarlabel/io/kitti_calib.h"
#include "lidarlabel/io/kitti_label.h"
#include "lidarlabel/io/kitti_object.h"
#include "lidarlabel/io/ontology_io.h"
#include "lidarlabel/io/sweep_io.h"
#include "test_paths.h"
#include "tracking_scene.h"

namespace lidarlabel {
namespace {

constexpr float kNaN = std::numeric_limits<float>::quiet_NaN();
constexpr float kInf = std::numeric_limits<float>::infinity();

// A cloud with no-return points mixed in, and where the original points went.
struct Mixed {
  PointCloud cloud;
  std::vector<std::uint32_t> at;        // at[i]: index in cloud of original point i
  std::vector<std::uint32_t> noReturn;  // indices in cloud of the inserted points, ascending
};

// Inserts a no-return point before every `every`-th point of c (and one at the end). The kinds
// rotate through all-NaN, NaN z and +Inf z at the neighbour's x, y (they pass any bird's-eye
// filter), and Inf / -Inf x or y; their intensity is 1000, far above any real return's.
Mixed mixInNoReturns(const PointCloud& c, std::size_t every = 5) {
  Mixed m;
  std::size_t kind = 0;
  auto addNoReturn = [&](float nx, float ny) {
    m.noReturn.push_back(static_cast<std::uint32_t>(m.cloud.size()));
    switch (kind++ % 5) {
      case 0:
        m.cloud.push(kNaN, kNaN, kNaN, 1000.f, 7, 0.f);
        break;
      case 1:
        m.cloud.push(nx, ny, kNaN, 1000.f, 7, 0.f);
        break;
      case 2:
        m.cloud.push(nx, ny, kInf, 1000.f, 7, 0.f);
        break;
      case 3:
        m.cloud.push(kInf, ny, 0.f, 1000.f, 7, 0.f);
        break;
      default:
        m.cloud.push(nx, -kInf, -1.f, 1000.f, 7, 0.f);
        break;
    }
  };
  for (std::size_t i = 0; i < c.size(); ++i) {
    if (i % every == 0) addNoReturn(c.x[i], c.y[i]);
    m.at.push_back(static_cast<std::uint32_t>(m.cloud.size()));
    m.cloud.push(c.x[i], c.y[i], c.z[i], c.intensity[i]);
  }
  addNoReturn(0.f, 0.f);
  return m;
}

std::vector<std::uint32_t> shifted(const Mixed& m, const std::vector<std::uint32_t>& indices) {
  std::vector<std::uint32_t> out;
  for (std::uint32_t i : indices) out.push_back(m.at[i]);
  return out;
}

// Per-point values of the original points, taken from a result over the mixed cloud.
template <class T>
std::vector<T> originalsOf(const Mixed& m, const std::vector<T>& perPoint, std::size_t stride = 1) {
  std::vector<T> out;
  for (std::uint32_t j : m.at)
    for (std::size_t k = 0; k < stride; ++k) out.push_back(perPoint[stride * j + k]);
  return out;
}

std::vector<std::uint32_t> allIndices(const PointCloud& c) {
  std::vector<std::uint32_t> v(c.size());
  std::iota(v.begin(), v.end(), 0u);
  return v;
}

// The ground result of the original points, spread over the mixed cloud (no-returns: no ground).
GroundResult spreadGround(const Mixed& m, const GroundResult& g) {
  GroundResult out;
  out.isGround.assign(m.cloud.size(), 0);
  out.groundHeight.assign(m.cloud.size(), kNaN);
  for (std::size_t i = 0; i < m.at.size(); ++i) {
    out.isGround[m.at[i]] = g.isGround[i];
    out.groundHeight[m.at[i]] = g.groundHeight[i];
  }
  out.groundCount = g.groundCount;
  return out;
}

// The exact ground of a test::scene(): points at the ground plane (no-returns: none).
GroundResult flatGround(const PointCloud& c) {
  GroundResult g;
  g.isGround.assign(c.size(), 0);
  g.groundHeight.assign(c.size(), static_cast<float>(test::kGroundZ));
  for (std::size_t i = 0; i < c.size(); ++i) {
    g.isGround[i] = std::abs(c.z[i] - test::kGroundZ) < 1e-3 ? 1 : 0;
    g.groundCount += g.isGround[i];
  }
  return g;
}

MATCHER_P(SameBoxAs, box, "") {
  constexpr double kTol = 1e-9;
  return (arg.center - box.center).norm() < kTol && (arg.size - box.size).norm() < kTol &&
         std::abs(arg.yaw - box.yaw) < kTol && arg.pitch == box.pitch && arg.roll == box.roll;
}

void expectSameFit(const FitResult& mixed, const FitResult& plain, const Mixed& m) {
  ASSERT_EQ(mixed.ok, plain.ok);
  EXPECT_THAT(mixed.box, SameBoxAs(plain.box));
  EXPECT_FLOAT_EQ(mixed.confidence, plain.confidence);
  EXPECT_FLOAT_EQ(mixed.closeness, plain.closeness);
  EXPECT_EQ(mixed.usedPrior, plain.usedPrior);
  EXPECT_EQ(mixed.clusterIndices, shifted(m, plain.clusterIndices));
}

void expectSameObjects(const std::vector<ObjectAnnotation>& mixed,
                       const std::vector<ObjectAnnotation>& plain) {
  ASSERT_EQ(mixed.size(), plain.size());
  for (std::size_t k = 0; k < plain.size(); ++k) {
    EXPECT_EQ(mixed[k].trackId, plain[k].trackId);
    EXPECT_EQ(mixed[k].className, plain[k].className);
    EXPECT_THAT(mixed[k].box, SameBoxAs(plain[k].box)) << "object " << k;
    EXPECT_FLOAT_EQ(mixed[k].confidence, plain[k].confidence);
  }
}

// KITTI object frame 000004 (115,976 points) and its two labelled cars, LiDAR frame.
struct KittiFrame {
  PointCloud cloud;
  std::vector<Cuboid> cars;
};
const KittiFrame& kittiFrame() {
  static const KittiFrame f = [] {
    const std::string base = test::sampleData("kitti_object/training/");
    KittiFrame k;
    k.cloud = readKittiBin(base + "velodyne/000004.bin");
    const KittiCalib calib = readKittiCalib(base + "calib/000004.txt");
    for (const auto& l : readKittiObjectLabels(base + "label_2/000004.txt"))
      if (l.type == "Car") k.cars.push_back(cuboidFromKittiLabel(l, calib));
    return k;
  }();
  return f;
}

ClassDef carPrior() {
  for (const ClassDef& c : defaultOntology().classes)
    if (c.name == "car") return c;
  ADD_FAILURE() << "no car class";
  return {};
}

TEST(NoReturnPoints, AreCountedAndLeaveTheBoundsAlone) {
  const Mixed m = mixInNoReturns(kittiFrame().cloud);
  EXPECT_EQ(countNonFinite(m.cloud), m.noReturn.size());
  EXPECT_EQ(countNonFinite(kittiFrame().cloud), 0u);
  const Bounds a = computeBounds(m.cloud), b = computeBounds(kittiFrame().cloud);
  for (int k = 0; k < 3; ++k) {
    EXPECT_EQ(a.min[k], b.min[k]);
    EXPECT_EQ(a.max[k], b.max[k]);
  }
}

TEST(NoReturnPoints, AreInNoBoxAndChangeNoBoxResult) {
  const KittiFrame& k = kittiFrame();
  std::vector<Cuboid> boxes = k.cars;
  Cuboid aroundSensor;  // holds the origin and the x, y of many no-returns
  aroundSensor.size = {30, 30, 6};
  boxes.push_back(aroundSensor);
  const Mixed m = mixInNoReturns(k.cloud);
  const PointsInBoxResult plain = pointsInBoxes(k.cloud, boxes);
  const PointsInBoxResult mixed = pointsInBoxes(m.cloud, boxes);
  EXPECT_EQ(originalsOf(m, mixed.owner), plain.owner);
  for (std::uint32_t j : m.noReturn) ASSERT_EQ(mixed.owner[j], -1) << "point " << j;
  ASSERT_EQ(mixed.indices.size(), boxes.size());
  for (std::size_t b = 0; b < boxes.size(); ++b)
    EXPECT_EQ(mixed.indices[b], shifted(m, plain.indices[b])) << "box " << b;
  EXPECT_EQ(mixed.insideCount, plain.insideCount);
  EXPECT_EQ(mixed.ownedCount, plain.ownedCount);
  EXPECT_EQ(mixed.nearbyCount, plain.nearbyCount);
}

TEST(NoReturnPoints, AreNotCountedByTheSingleBoxReadouts) {
  const KittiFrame& k = kittiFrame();
  const Mixed m = mixInNoReturns(k.cloud);
  Cuboid aroundSensor;
  aroundSensor.size = {30, 30, 6};
  for (const Cuboid& box : {k.cars[0], aroundSensor}) {
    const BoxCount a = countPointsInBox(m.cloud, box), b = countPointsInBox(k.cloud, box);
    EXPECT_EQ(a.inside, b.inside);
    EXPECT_EQ(a.nearby, b.nearby);
    EXPECT_EQ(indicesInBox(m.cloud, box, 0.5f), shifted(m, indicesInBox(k.cloud, box, 0.5f)));
  }
}

TEST(NoReturnPoints, AreNeverGroundAndChangeNoGroundResult) {
  const Mixed m = mixInNoReturns(kittiFrame().cloud);
  const GroundResult plain = removeGround(kittiFrame().cloud);
  const GroundResult mixed = removeGround(m.cloud);
  EXPECT_EQ(mixed.groundCount, plain.groundCount);
  EXPECT_EQ(originalsOf(m, mixed.isGround), plain.isGround);
  EXPECT_THAT(originalsOf(m, mixed.groundHeight),
              testing::Pointwise(testing::NanSensitiveFloatEq(), plain.groundHeight));
  for (std::uint32_t j : m.noReturn) {
    ASSERT_EQ(mixed.isGround[j], 0) << "point " << j;
    ASSERT_TRUE(std::isnan(mixed.groundHeight[j])) << "point " << j;
  }
}

TEST(NoReturnPoints, AreNeverInANeighbourhoodOrACluster) {
  const KittiFrame& k = kittiFrame();
  const Mixed m = mixInNoReturns(k.cloud);
  const GroundResult plain = removeGround(k.cloud);
  const GroundResult mixedGround = spreadGround(m, plain);
  const Eigen::Vector2d car = k.cars[0].center.head<2>();
  EXPECT_EQ(nonGroundNeighbourhood(m.cloud, mixedGround, car),
            shifted(m, nonGroundNeighbourhood(k.cloud, plain, car)));
  BevRect rect;
  rect.center = car;
  rect.size = {8, 8};
  EXPECT_EQ(nonGroundInRect(m.cloud, mixedGround, rect),
            shifted(m, nonGroundInRect(k.cloud, plain, rect)));
  // Every index handed in, no-returns included: the clusters are those of the real points.
  const Clusters a = clusterPoints(m.cloud, allIndices(m.cloud));
  const Clusters b = clusterPoints(k.cloud, allIndices(k.cloud));
  ASSERT_EQ(a.members.size(), b.members.size());
  for (std::size_t c = 0; c < b.members.size(); ++c)
    ASSERT_EQ(a.members[c], shifted(m, b.members[c])) << "cluster " << c;
  EXPECT_EQ(clusterNearest(m.cloud, a, car), shifted(m, clusterNearest(k.cloud, b, car)));
}

TEST(NoReturnPoints, ChangeNoOneClickOrRectangleFit) {
  const KittiFrame& k = kittiFrame();
  const Mixed m = mixInNoReturns(k.cloud);
  const GroundResult plain = removeGround(k.cloud);
  const GroundResult mixedGround = spreadGround(m, plain);
  const ClassDef car = carPrior();
  for (const Cuboid& truth : k.cars) {
    expectSameFit(fitBoxAtPoint(m.cloud, mixedGround, truth.center, {}, &car),
                  fitBoxAtPoint(k.cloud, plain, truth.center, {}, &car), m);
    BevRect rect;
    rect.center = truth.center.head<2>();
    rect.size = {6, 4};
    rect.yaw = truth.yaw;
    expectSameFit(fitBoxInRect(m.cloud, mixedGround, rect, {}, &car),
                  fitBoxInRect(k.cloud, plain, rect, {}, &car), m);
  }
}

TEST(NoReturnPoints, HandedToTheFitAreIgnored) {
  const Cuboid truth = test::carAt(12, 4, 0.4);
  PointCloud c;
  test::addVisibleSurface(c, truth);
  const Mixed m = mixInNoReturns(c, 3);
  const ClassDef car = carPrior();
  expectSameFit(fitBoxToPoints(m.cloud, allIndices(m.cloud), nullptr, {}, &car),
                fitBoxToPoints(c, allIndices(c), nullptr, {}, &car), m);
  // A click on a no-return point fits nothing rather than something at NaN.
  EXPECT_FALSE(fitBoxAtPoint(m.cloud, flatGround(m.cloud), m.noReturn[0]).ok);
}

TrackFrame frameOf(const PointCloud& cloud, const GroundResult& ground) {
  TrackFrame f;
  f.cloud = &cloud;
  f.ground = &ground;
  return f;
}

TEST(NoReturnPoints, ChangeNoTrackingStepOrRefit) {
  TrackerConfig config;
  config.threads = 1;
  const std::vector<ObjectAnnotation> start = {test::object(1, test::carAt(10, 5, 0.0)),
                                               test::object(2, test::carAt(20, -5, M_PI))};
  TrackerState plainState = startTracks(start, Eigen::Isometry3d::Identity(), 0.0, config);
  TrackerState mixedState = plainState;
  for (int f = 1; f <= 4; ++f) {
    const PointCloud c =
        test::scene({test::carAt(10 + 1.0 * f, 5, 0.0), test::carAt(20 - 0.8 * f, -5, M_PI)});
    const Mixed m = mixInNoReturns(c);
    const GroundResult g = flatGround(c);
    const GroundResult mg = spreadGround(m, g);
    const TrackStepResult a = trackNextFrame(mixedState, frameOf(m.cloud, mg), config);
    const TrackStepResult b = trackNextFrame(plainState, frameOf(c, g), config);
    expectSameObjects(a.objects, b.objects);
    EXPECT_EQ(a.lostTracks, b.lostTracks);
    EXPECT_EQ(a.ambiguousTracks, b.ambiguousTracks);
    mixedState = a.state;
    plainState = b.state;
    expectSameFit(refitBox(start[0].box, m.cloud, &mg, config),
                  refitBox(start[0].box, c, &g, config), m);
  }
}

TEST(NoReturnPoints, ChangeNoDetectionOnARealSweep) {
  const KittiFrame& k = kittiFrame();
  const Mixed m = mixInNoReturns(k.cloud);
  const GroundResult plain = removeGround(k.cloud);
  const auto b = detectObjects(k.cloud, plain, defaultOntology());
  ASSERT_FALSE(b.empty());
  expectSameObjects(detectObjects(m.cloud, removeGround(m.cloud), defaultOntology()), b);
}

TEST(NoReturnPoints, ChangeNoPrelabelledSequence) {
  Sequence seq;
  seq.frames.resize(5);
  auto sweep = [](std::size_t f) {
    return test::carScene({test::carAt(10 + 1.0 * f, 5, 0.0), test::carAt(25 - 0.8 * f, -5, M_PI)});
  };
  PrelabelConfig config;
  config.threads = 1;
  const Sequence plain = prelabelSequence(seq, sweep, defaultOntology(), config);
  const Sequence mixed = prelabelSequence(
      seq, [&](std::size_t f) { return mixInNoReturns(sweep(f)).cloud; }, defaultOntology(),
      config);
  for (std::size_t f = 0; f < seq.size(); ++f) {
    SCOPED_TRACE("frame " + std::to_string(f));
    ASSERT_EQ(plain.frames[f].objects.size(), 2u);
    expectSameObjects(mixed.frames[f].objects, plain.frames[f].objects);
  }
}

TEST(NoReturnPoints, ChangeNoColourOfARealPoint) {
  const Mixed m = mixInNoReturns(kittiFrame().cloud);
  for (const ColorMode mode : {ColorMode::Height, ColorMode::Intensity}) {
    SCOPED_TRACE(static_cast<int>(mode));
    EXPECT_EQ(originalsOf(m, colorize(m.cloud, mode), 3), colorize(kittiFrame().cloud, mode));
  }
}

}  // namespace
}  // namespace lidarlabel
