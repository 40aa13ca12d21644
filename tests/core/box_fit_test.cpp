#include "lidarlabel/core/box_fit.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <Eigen/Eigenvalues>
#include <cmath>
#include <limits>
#include <numbers>
#include <numeric>
#include <random>

#include "lidarlabel/core/box_iou.h"
#include "lidarlabel/core/ground.h"
#include "lidarlabel/io/kitti_calib.h"
#include "lidarlabel/io/kitti_label.h"
#include "lidarlabel/io/kitti_object.h"
#include "lidarlabel/io/sweep_io.h"
#include "test_paths.h"

namespace lidarlabel {
namespace {

constexpr double kPi = std::numbers::pi;
constexpr float kGround = -1.73f;

Cuboid carAt(double x, double y, double yaw, double l = 4.5, double w = 1.8) {
  Cuboid b;
  b.center = {x, y, kGround + 0.75};
  b.size = {l, w, 1.5};
  b.yaw = yaw;
  return b;
}

// What a LiDAR at the origin sees of a box: points on its sensor-facing vertical sides, every
// 5 cm along the side, 0.3..1.5 m above the road, with `noise` metres of Gaussian jitter.
PointCloud visibleSides(const Cuboid& box, double noise = 0.0, unsigned seed = 1) {
  std::mt19937 rng(seed);
  std::normal_distribution<double> n(0.0, noise > 0 ? noise : 1e-12);
  PointCloud c;
  const auto k = box.corners();  // bottom face: 0..3 counter-clockwise
  for (int s = 0; s < 4; ++s) {
    const Eigen::Vector2d a = k[s].head<2>(), b = k[(s + 1) % 4].head<2>();
    const Eigen::Vector2d mid = (a + b) / 2, dir = (b - a).normalized();
    const Eigen::Vector2d outward(dir.y(), -dir.x());  // right of a counter-clockwise edge
    if (outward.dot(-mid) <= 0) continue;              // faces away from the sensor
    const double len = (b - a).norm();
    for (double t = 0; t <= len; t += 0.05)
      for (double h = 0.3; h <= 1.5; h += 0.2) {
        const Eigen::Vector2d p = a + t * dir;
        c.push(static_cast<float>(p.x() + (noise > 0 ? n(rng) : 0)),
               static_cast<float>(p.y() + (noise > 0 ? n(rng) : 0)),
               kGround + static_cast<float>(h), 0.f);
      }
  }
  return c;
}

GroundResult flatGround(const PointCloud& c) {
  GroundResult g;
  g.isGround.assign(c.size(), 0);
  g.groundHeight.assign(c.size(), kGround);
  return g;
}

std::vector<std::uint32_t> all(const PointCloud& c) {
  std::vector<std::uint32_t> v(c.size());
  std::iota(v.begin(), v.end(), 0u);
  return v;
}

// Yaw difference modulo pi (a box's footprint is the same for yaw and yaw + pi).
double axisError(double a, double b) {
  const double d = std::abs(angleDiff(a, b));
  return std::min(d, kPi - d);
}

ClassDef carPrior() {
  ClassDef car;
  car.name = "car";
  car.defaultSize = {4.5, 1.8, 1.5};
  return car;
}

TEST(BoxFit, FitsYawSizeAndCentreOfACarSeenCornerOn) {
  const Cuboid truth = carAt(15, 8, 1.3);  // bearing 0.49 rad: rear and right side visible
  const PointCloud c = visibleSides(truth, 0.02);
  const FitResult r = fitBoxToPoints(c, all(c), nullptr);
  ASSERT_TRUE(r.ok);
  EXPECT_LT(axisError(r.box.yaw, truth.yaw), 1.0 * kPi / 180);
  EXPECT_NEAR(r.box.size.x(), 4.5, 0.1);
  EXPECT_NEAR(r.box.size.y(), 1.8, 0.1);
  EXPECT_GT(bevIoU(r.box, truth), 0.9);
  EXPECT_GT(r.confidence, 0.5f);
}

TEST(BoxFit, FindsTheYawOfAnUnevenLWherePcaDoesNot) {
  // A long side and a short stub: the points' principal axis is off the box axes.
  const Cuboid truth = carAt(6, 6, 0.3, 6.0, 2.5);
  const PointCloud c = visibleSides(truth);
  // The PCA orientation is well off here (so this test tells the two methods apart) ...
  Eigen::Matrix2d cov = Eigen::Matrix2d::Zero();
  Eigen::Vector2d mean = Eigen::Vector2d::Zero();
  for (std::size_t i = 0; i < c.size(); ++i) mean += Eigen::Vector2d(c.x[i], c.y[i]);
  mean /= static_cast<double>(c.size());
  for (std::size_t i = 0; i < c.size(); ++i) {
    const Eigen::Vector2d d = Eigen::Vector2d(c.x[i], c.y[i]) - mean;
    cov += d * d.transpose();
  }
  const Eigen::Vector2d major =
      Eigen::SelfAdjointEigenSolver<Eigen::Matrix2d>(cov).eigenvectors().col(1);
  ASSERT_GT(axisError(std::atan2(major.y(), major.x()), truth.yaw), 5.0 * kPi / 180);
  // ... the closeness search is not.
  const FitResult r = fitBoxToPoints(c, all(c), nullptr);
  EXPECT_LT(axisError(r.box.yaw, truth.yaw), 0.5 * kPi / 180);
}

TEST(BoxFit, CompletesAPartlySeenCarAwayFromTheSensor) {
  // Straight ahead: only the rear face (x = 17.75) is visible.
  const Cuboid truth = carAt(20, 0, 0.0);
  const PointCloud c = visibleSides(truth);
  const ClassDef car = carPrior();
  const FitResult r = fitBoxToPoints(c, all(c), nullptr, {}, &car);
  ASSERT_TRUE(r.ok);
  EXPECT_TRUE(r.usedPrior);
  EXPECT_NEAR(r.box.size.x(), 4.5, 0.15);    // prior length, scaled by the seen width (1.75 / 1.8)
  EXPECT_NEAR(r.box.center.x(), 20.0, 0.1);  // extended away from the sensor, not towards it
  EXPECT_NEAR(r.box.center.y(), 0.0, 0.1);
  EXPECT_LT(axisError(r.box.yaw, 0.0), 1.0 * kPi / 180);
}

TEST(BoxFit, KeepsTheHintedSizeAndFollowsTheHintedHeadingAcrossPi) {
  const Cuboid truth = carAt(-12, 5, kPi - 0.02);
  const PointCloud c = visibleSides(truth, 0.01);
  FitHint hint;
  hint.size = truth.size;
  hint.yaw = -kPi + 0.03;  // the same heading, written on the other side of the wrap
  const FitResult r = fitBoxToPoints(c, all(c), nullptr, {}, nullptr, hint);
  ASSERT_TRUE(r.ok);
  EXPECT_EQ(r.box.size, truth.size);
  EXPECT_LT(std::abs(angleDiff(r.box.yaw, truth.yaw)), 1.0 * kPi / 180);
  EXPECT_GT(bevIoU(r.box, truth), 0.9);
}

TEST(BoxFit, WithoutAHintYawIsInMinusHalfPiToHalfPi) {
  const Cuboid truth = carAt(-12, 5, kPi - 1.0);
  const PointCloud c = visibleSides(truth);
  const FitResult r = fitBoxToPoints(c, all(c), nullptr);
  EXPECT_GE(r.box.yaw, -kPi / 2);
  EXPECT_LT(r.box.yaw, kPi / 2);
  EXPECT_LT(axisError(r.box.yaw, truth.yaw), 1.0 * kPi / 180);
}

TEST(BoxFit, HeightRunsFromTheLocalGroundToTheTopPoint) {
  const PointCloud c = visibleSides(carAt(10, -4, 0.2));
  const GroundResult g = flatGround(c);
  const FitResult r = fitBoxToPoints(c, all(c), &g);
  EXPECT_NEAR(r.box.center.z() - r.box.size.z() / 2, kGround, 1e-5);
  EXPECT_NEAR(r.box.center.z() + r.box.size.z() / 2, kGround + 1.5, 0.01);
}

TEST(BoxFit, ClustersOfOneToThreePointsGiveAFiniteBox) {
  for (std::size_t n = 1; n <= 3; ++n) {
    PointCloud c;
    for (std::size_t k = 0; k < n; ++k) c.push(10.f + 0.3f * static_cast<float>(k), 2.f, -1.f, 0.f);
    const FitResult r = fitBoxToPoints(c, all(c), nullptr);
    ASSERT_TRUE(r.ok) << n << " points";
    EXPECT_TRUE(r.box.center.allFinite() && r.box.size.allFinite() && std::isfinite(r.box.yaw));
    EXPECT_GE(r.box.size.minCoeff(), 0.1 - 1e-9);
    EXPECT_THAT(r.clusterIndices.size(), n);
    EXPECT_LT(r.confidence, 0.2f);
    const ClassDef car = carPrior();
    const FitResult p = fitBoxToPoints(c, all(c), nullptr, {}, &car);
    EXPECT_NEAR(p.box.size.x(), 4.5, 1e-9);
    EXPECT_NEAR(p.box.size.y(), 1.8, 1e-9);
  }
}

TEST(BoxFit, NoUsablePointsIsNotOk) {
  const float nan = std::numeric_limits<float>::quiet_NaN();
  PointCloud c;
  c.push(nan, nan, nan, 0.f);
  EXPECT_FALSE(fitBoxToPoints(c, {}, nullptr).ok);
  EXPECT_FALSE(fitBoxToPoints(c, {0u}, nullptr).ok);
  EXPECT_FALSE(fitBoxToPoints(c, {7u}, nullptr).ok);  // out of range
  const GroundResult g = removeGround(c);
  EXPECT_FALSE(fitBoxAtPoint(c, g, 0u).ok);
  EXPECT_FALSE(fitBoxAtPoint(PointCloud{}, GroundResult{}, Eigen::Vector3d(1, 2, 3)).ok);
}

TEST(BoxFit, OneClickPicksTheClickedCarNotItsNeighbour) {
  const Cuboid a = carAt(15, 3, 0.1), b = carAt(15, -0.5, 0.1);
  PointCloud c = visibleSides(a, 0.01, 1);
  const PointCloud other = visibleSides(b, 0.01, 2);
  for (std::size_t i = 0; i < other.size(); ++i) c.push(other.x[i], other.y[i], other.z[i], 0.f);
  const GroundResult g = flatGround(c);
  const ClassDef car = carPrior();
  const FitResult r = fitBoxAtPoint(c, g, Eigen::Vector3d(15, 3, -1), {}, &car);
  ASSERT_TRUE(r.ok);
  EXPECT_GT(bevIoU(r.box, a), 0.8);
  EXPECT_EQ(bevIoU(r.box, b), 0.0);
  BevRect rect;
  rect.center = {15, -0.5};
  rect.size = {6, 2.6};
  EXPECT_GT(bevIoU(fitBoxInRect(c, g, rect, {}, &car).box, b), 0.8);
}

TEST(BoxFit, OneClickOnARealKittiCarMatchesItsLabel) {
  const std::string base = test::sampleData("kitti_object/training/");
  const PointCloud c = readKittiBin(base + "velodyne/000004.bin");
  const KittiCalib calib = readKittiCalib(base + "calib/000004.txt");
  const auto labels = readKittiObjectLabels(base + "label_2/000004.txt");
  ASSERT_FALSE(labels.empty());
  ASSERT_EQ(labels[0].type, "Car");  // the 77-point car at ~42 m
  const Cuboid truth = cuboidFromKittiLabel(labels[0], calib);
  const ClassDef car = carPrior();
  const FitResult r = fitBoxAtPoint(c, removeGround(c), truth.center, {}, &car);
  ASSERT_TRUE(r.ok);
  EXPECT_GT(bevIoU(r.box, truth), 0.7);
  EXPECT_LT(axisError(r.box.yaw, truth.yaw), 5.0 * kPi / 180);
}

// A small car straight ahead, seen end-on: its rear face (1.65 m across the ray) and 1.75 m of
// its roof behind it (along the ray; the rest hides behind the roof's near part).
PointCloud endOnCar() {
  PointCloud c;
  for (double y = -0.825; y <= 0.826; y += 0.05)
    for (double h = 0.3; h <= 1.31; h += 0.2) c.push(10.f, static_cast<float>(y), kGround + h, 0.f);
  for (double x = 10.0; x <= 11.751; x += 0.05)
    for (double y = -0.6; y <= 0.61; y += 0.1)
      c.push(static_cast<float>(x), static_cast<float>(y), kGround + 1.45f, 0.f);
  return c;
}

TEST(BoxFit, ACarSeenEndOnKeepsItsLengthAlongTheRay) {
  const PointCloud c = endOnCar();
  const ClassDef car = carPrior();
  const FitResult r = fitBoxToPoints(c, all(c), nullptr, {}, &car);
  ASSERT_TRUE(r.ok);
  EXPECT_LT(axisError(r.box.yaw, 0.0), 2.0 * kPi / 180);
  EXPECT_GT(r.box.center.x(), 11.5);  // completed away from the sensor
}

TEST(BoxFit, WithoutTheEndOnRuleTheSameCarIsTurnedAcrossTheRay) {
  const PointCloud c = endOnCar();
  const ClassDef car = carPrior();
  FitConfig config;
  config.endOnAngle = 0.0;
  const FitResult r = fitBoxToPoints(c, all(c), nullptr, config, &car);
  EXPECT_NEAR(axisError(r.box.yaw, 0.0), kPi / 2, 2.0 * kPi / 180);
}

TEST(BoxFit, ACarSeenWholeKeepsItsObservedSizeUnderALargerPrior) {
  const Cuboid truth = carAt(15, 8, 1.3, 4.0, 1.7);  // smaller than the 4.5 x 1.8 prior
  const PointCloud c = visibleSides(truth, 0.01);
  const ClassDef car = carPrior();
  const FitResult r = fitBoxToPoints(c, all(c), nullptr, {}, &car);
  EXPECT_NEAR(r.box.size.x(), 4.0, 0.1);
  EXPECT_NEAR(r.box.size.y(), 1.7, 0.1);
  EXPECT_FALSE(r.usedPrior);
}

TEST(BoxFit, OneClickWithAPriorJoinsPartsOfACarTheGridSplit) {
  // Straight ahead, side-on: the car's left flank from x 18 to 21.9, then a 0.6 m gap (a hood
  // the rings skipped), then its front bumper 22.5..22.75 (the BEV grid joins 0.5 m at most).
  PointCloud c;
  for (float x = 18.f; x <= 21.9f; x += 0.05f)
    for (float h = 0.3f; h <= 1.4f; h += 0.2f) c.push(x, 3.f, kGround + h, 0.f);
  for (float x = 22.5f; x <= 22.75f; x += 0.05f)
    for (float h = 0.3f; h <= 0.7f; h += 0.2f) c.push(x, 3.f, kGround + h, 0.f);
  const GroundResult g = flatGround(c);
  const ClassDef car = carPrior();
  FitConfig noJoin;
  noJoin.partGap = 0.0;
  EXPECT_LT(fitBoxAtPoint(c, g, Eigen::Vector3d(20, 3, -1), noJoin, nullptr).box.size.x(), 4.0);
  const FitResult r = fitBoxAtPoint(c, g, Eigen::Vector3d(20, 3, -1), {}, &car);
  EXPECT_EQ(r.clusterIndices.size(), c.size());
  EXPECT_NEAR(r.box.size.x(), 4.75, 0.1);
}

TEST(BoxFit, FitsTheBodyNotItsWingMirrors) {
  // A car side-on at 20 m left-front; wing mirrors stick out 0.22 m on both sides at 1.0-1.1 m,
  // 1.1 m behind the front. Fitted to the body (bodyBandTop) the yaw and the width stay right.
  const Cuboid truth = carAt(14, 9, 0.35, 4.5, 1.8);
  PointCloud c = visibleSides(truth, 0.01);
  const Eigen::Matrix3d r = truth.rotation();
  for (double side : {-1.0, 1.0})
    for (double u = 0.0; u <= 0.15; u += 0.03)
      for (double h = 1.0; h <= 1.1; h += 0.05) {
        const Eigen::Vector3d p =
            truth.center + r * Eigen::Vector3d(1.15 - u, side * (0.9 + 0.22), 0.0);
        c.push(static_cast<float>(p.x()), static_cast<float>(p.y()),
               kGround + static_cast<float>(h), 0.f);
      }
  const GroundResult g = flatGround(c);
  FitConfig body;
  body.bodyBandTop = 0.85;
  const FitResult fit = fitBoxToPoints(c, all(c), &g, body);
  ASSERT_TRUE(fit.ok);
  EXPECT_LT(axisError(fit.box.yaw, truth.yaw), 1.0 * kPi / 180);
  EXPECT_NEAR(std::min(fit.box.size.x(), fit.box.size.y()), 1.8, 0.08);
}

TEST(BoxFit, OneClickOnACarParkedAlongAWallPicksTheCar) {
  // A 20 m wall 0.5 m behind a parked car: the wall is the larger cluster near the click.
  const Cuboid car = carAt(12, 6, 0.0);
  const Cuboid wall = carAt(12, 7.55, 0.0, 20.0, 0.3);
  PointCloud c = visibleSides(car, 0.01, 1);
  const PointCloud w = visibleSides(wall, 0.01, 2);
  for (std::size_t i = 0; i < w.size(); ++i) c.push(w.x[i], w.y[i], w.z[i], 0.f);
  const GroundResult g = flatGround(c);
  const ClassDef prior = carPrior();
  const FitResult r = fitBoxAtPoint(c, g, car.center, {}, &prior);
  ASSERT_TRUE(r.ok);
  EXPECT_GT(bevIoU(r.box, car), 0.7);
}

TEST(BoxFit, YawSearchNeedsTwoPoints) {
  EXPECT_EQ(searchRectangleYaw({}).score, 0.0);
  EXPECT_EQ(searchRectangleYaw({Eigen::Vector2d(1, 1)}).score, 0.0);
}

}  // namespace
}  // namespace lidarlabel
