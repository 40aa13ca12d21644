#include "lidarlabel/core/object_cues.h"

#include <gtest/gtest.h>

#include <cmath>
#include <numeric>
#include <random>

#include "tracking_scene.h"

namespace lidarlabel {
namespace {

using test::kGroundZ;

// Rays from the sensor over a 20 deg x 10 deg window towards +x; each ray stops at a "bush"
// (a 1 m deep slab starting at x = 10) with probability `solid`, else at a wall at x = 20.
// Returns the cloud and the indices of the bush's points.
struct RayScene {
  PointCloud cloud;
  std::vector<std::uint32_t> bush;
};
RayScene raysThrough(double solid, unsigned seed = 3) {
  RayScene s;
  std::mt19937 rng(seed);
  std::uniform_real_distribution<double> u(0.0, 1.0);
  for (double az = -0.17; az <= 0.17; az += 0.002) {
    for (double el = -0.1; el <= 0.0; el += 0.007) {
      const Eigen::Vector3d d(std::cos(el) * std::cos(az), std::cos(el) * std::sin(az),
                              std::sin(el));
      const bool stop = u(rng) < solid;
      const double x = stop ? 10.0 + u(rng) * (solid < 1.0 ? 1.0 : 0.0) : 20.0;
      const Eigen::Vector3d p = d * (x / d.x());
      if (stop) s.bush.push_back(static_cast<std::uint32_t>(s.cloud.size()));
      s.cloud.push(static_cast<float>(p.x()), static_cast<float>(p.y()), static_cast<float>(p.z()),
                   0.2f);
    }
  }
  return s;
}

GroundResult flat(const PointCloud& c) {
  GroundResult g;
  g.isGround.assign(c.size(), 0);
  g.groundHeight.assign(c.size(), static_cast<float>(kGroundZ));
  return g;
}

ClusterCues cuesOf(const PointCloud& c, const std::vector<std::uint32_t>& members) {
  const GroundResult g = flat(c);
  return clusterCues(c, g, members, buildRayIndex(c), buildAboveIndex(c, g));
}

void addColumn(PointCloud& c, double x, double y, double z0, double z1, double r = 0.1) {
  for (double z = z0; z <= z1; z += 0.05)
    for (double a = 0; a < 2 * M_PI; a += 0.5)
      c.push(static_cast<float>(x + r * std::cos(a)), static_cast<float>(y + r * std::sin(a)),
             static_cast<float>(kGroundZ + z), 0.3f);
}

TEST(ObjectCues, ASolidSurfaceIsNotSeenThrough) {
  const RayScene s = raysThrough(1.0);
  EXPECT_LT(cuesOf(s.cloud, s.bush).seeThrough, 0.02f);
}

TEST(ObjectCues, FoliageThatLetsHalfTheRaysThroughIsSeenThrough) {
  const RayScene s = raysThrough(0.5);
  EXPECT_GT(cuesOf(s.cloud, s.bush).seeThrough, 0.35f);
}

TEST(ObjectCues, APoleContinuesAboveTheBandButACarUnderATreeDoesNot) {
  PointCloud c;
  addColumn(c, 10, 0, 0.3, 7.0);  // a 7 m pole
  std::vector<std::uint32_t> pole;
  for (std::uint32_t i = 0; i < c.size(); ++i)
    if (c.z[i] - kGroundZ <= 3.5f) pole.push_back(i);
  EXPECT_TRUE(cuesOf(c, pole).continuesAbove);

  PointCloud t;
  test::addVisibleSurface(t, test::carAt(10, 0, 0.0));  // 1.6 m tall
  const std::size_t carPoints = t.size();
  addColumn(t, 10, 0, 4.0, 7.0, 2.0);  // a crown from 4 m up, over the car
  std::vector<std::uint32_t> car(carPoints);
  std::iota(car.begin(), car.end(), 0u);
  EXPECT_FALSE(cuesOf(t, car).continuesAbove);
}

// A car along +x: a body 0.3-1.0 m over its whole 4.5 m, a cabin up to 1.5 m over the rear
// 2.7 m; points on the side facing the sensor (y < 0) and on the top.
PointCloud profiledCar(double cx) {
  PointCloud c;
  for (double u = -2.25; u <= 2.25; u += 0.05) {
    const double top = u < 0.45 ? 1.5 : 1.0;
    for (double h = 0.3; h <= top; h += 0.1)
      c.push(static_cast<float>(cx + u), -0.9f, static_cast<float>(kGroundZ + h), 0.3f);
    for (double v = -0.9; v <= 0.9; v += 0.1)
      c.push(static_cast<float>(cx + u), static_cast<float>(v), static_cast<float>(kGroundZ + top),
             0.3f);
  }
  return c;
}

TEST(ObjectCues, HeadingPointsAwayFromTheCabin) {
  const PointCloud c = profiledCar(12.0);
  std::vector<std::uint32_t> all(c.size());
  std::iota(all.begin(), all.end(), 0u);
  Cuboid box = test::carAt(12.0, 0.0, 0.0, {4.5, 1.8, 1.5});
  const GroundResult g = flat(c);
  EXPECT_EQ(headingFromProfile(c, g, all, box), +1);  // bonnet at +x: heading +x is right
  box.yaw = M_PI;
  EXPECT_EQ(headingFromProfile(c, g, all, box), -1);
}

TEST(ObjectCues, ACarsEndsAreLowerThanItsRoofButAHedgesAreNot) {
  const PointCloud car = profiledCar(12.0);
  std::vector<std::uint32_t> all(car.size());
  std::iota(all.begin(), all.end(), 0u);
  const Cuboid box = test::carAt(12.0, 0.0, 0.0, {4.5, 1.8, 1.5});
  EXPECT_LT(endHeightRatio(car, flat(car), all, box), 0.8f);

  PointCloud hedge;
  test::addVisibleSurface(hedge, test::carAt(12.0, -3.0, 0.0, {5.0, 1.0, 1.5}));
  std::vector<std::uint32_t> h(hedge.size());
  std::iota(h.begin(), h.end(), 0u);
  EXPECT_GT(endHeightRatio(hedge, flat(hedge), h, test::carAt(12.0, -3.0, 0.0, {5.0, 1.0, 1.5})),
            0.9f);
}

std::vector<std::uint32_t> allOf(const PointCloud& c) {
  std::vector<std::uint32_t> all(c.size());
  std::iota(all.begin(), all.end(), 0u);
  return all;
}

TEST(ObjectCues, ACarsSmoothSurfacesScatterLessThanABushOfTheSameSize) {
  PointCloud car;
  test::addVisibleSurface(car, test::carAt(15.0, 0.0, 0.3));
  PointCloud bush;  // the same box filled with points spread through its volume
  std::mt19937 rng(5);
  std::uniform_real_distribution<double> u(-0.5, 0.5);
  const Cuboid b = test::carAt(15.0, 0.0, 0.3);
  for (std::size_t k = 0; k < car.size(); ++k) {
    const Eigen::Vector3d p =
        b.center + b.rotation() * Eigen::Vector3d(u(rng), u(rng), u(rng)).cwiseProduct(b.size);
    bush.push(static_cast<float>(p.x()), static_cast<float>(p.y()), static_cast<float>(p.z()),
              0.2f);
  }
  const SurfaceScatter sc = surfaceScatter(car, allOf(car));
  const SurfaceScatter sb = surfaceScatter(bush, allOf(bush));
  EXPECT_GT(sc.samples, 100u);
  EXPECT_GT(sb.samples, 100u);
  EXPECT_LT(sc.variation, 0.02f);  // flat faces; edges are a minority
  EXPECT_GT(sb.variation, 0.1f);   // ~0.14 for points filling a box
}

TEST(ObjectCues, ScatterNeighbourhoodsGrowWithRangeAndTooFewPointsLeaveTheCueUnknown) {
  PointCloud near, far;
  test::addVisibleSurface(near, test::carAt(10.0, 0.0, 0.0));
  test::addVisibleSurface(far, test::carAt(40.0, 0.0, 0.0));
  EXPECT_NEAR(surfaceScatter(near, allOf(near)).radius, 0.25f, 1e-6f);
  const float farRadius = surfaceScatter(far, allOf(far)).radius;  // 0.012 x ~39.4 m
  EXPECT_GT(farRadius, 0.45f);
  EXPECT_LT(farRadius, 0.49f);
  PointCloud few;
  for (int k = 0; k < 5; ++k) few.push(10.f + 0.01f * static_cast<float>(k), 0.f, 0.f, 0.2f);
  const SurfaceScatter s = surfaceScatter(few, allOf(few));
  EXPECT_EQ(s.samples, 0u);
  EXPECT_EQ(s.variation, 0.f);
}

Cuboid shelterBox() {
  return test::carAt(0.5, 9.0, 0.0, {4.5, 1.4, 2.5});
}
PointCloud shelter() {
  PointCloud c;
  for (const Cuboid& p : test::shelterParts(0.5, 9.0)) test::addVisibleSurface(c, p);
  return c;
}

TEST(ObjectCues, ACarsLowReturnsLieWhereTheRaysEnterItsBox) {
  const Cuboid box = test::carAt(12.0, 3.0, 0.4);
  PointCloud car;
  test::addVisibleSurface(car, box);
  const Hollowness h = hollowness(car, allOf(car), box);
  EXPECT_GE(h.points, 10u);
  EXPECT_LT(h.share, 0.05f);
}

TEST(ObjectCues, AShelterOpenTowardsTheSensorIsHollow) {
  const PointCloud c = shelter();
  const Hollowness h = hollowness(c, allOf(c), shelterBox());
  EXPECT_GE(h.points, 10u);
  EXPECT_GT(h.share, 0.8f);  // the back pane, seen through the open front (0.88)
}

TEST(ObjectCues, TooFewLowReturnsLeaveHollownessUnknown) {
  PointCloud few;
  for (int k = 0; k < 5; ++k)
    few.push(0.5f + 0.1f * static_cast<float>(k), 9.7f, static_cast<float>(kGroundZ) + 0.5f, 0.2f);
  const Hollowness h = hollowness(few, allOf(few), shelterBox());
  EXPECT_EQ(h.points, 5u);
  EXPECT_EQ(h.share, 0.f);
}

}  // namespace
}  // namespace lidarlabel
