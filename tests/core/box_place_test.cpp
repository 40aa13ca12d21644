#include "lidarlabel/core/box_place.h"

#include <gtest/gtest.h>

#include <limits>

namespace lidarlabel {
namespace {

// Points on a 0.5 m grid over [-5, 5]^2; ground at z = -1.7 for x < 0 and -1.5 for x >= 0.
struct Scene {
  PointCloud cloud;
  GroundResult ground;
};

Scene steppedGround() {
  Scene s;
  for (double x = -5; x <= 5; x += 0.5)
    for (double y = -5; y <= 5; y += 0.5) {
      const float h = x < 0 ? -1.7f : -1.5f;
      s.cloud.push(static_cast<float>(x), static_cast<float>(y), h, 0.f);
      s.ground.isGround.push_back(1);
      s.ground.groundHeight.push_back(h);
    }
  return s;
}

TEST(GroundHeightAt, IsTheMedianOfTheGroundPointsAround) {
  const Scene s = steppedGround();
  EXPECT_NEAR(*groundHeightAt(s.cloud, s.ground, {-3, 0}, 1.0), -1.7, 1e-6);
  EXPECT_NEAR(*groundHeightAt(s.cloud, s.ground, {3, 2}, 1.0), -1.5, 1e-6);
}

TEST(GroundHeightAt, PrefersGroundPointsOverObjectPoints) {
  Scene s = steppedGround();
  for (int k = 0; k < 1000; ++k) {  // a dense object whose own ground estimate is wrong
    s.cloud.push(3.f, 0.f, 0.f, 0.f);
    s.ground.isGround.push_back(0);
    s.ground.groundHeight.push_back(5.f);
  }
  EXPECT_NEAR(*groundHeightAt(s.cloud, s.ground, {3, 0}, 1.0), -1.5, 1e-6);
}

TEST(GroundHeightAt, UsesTheGroundUnderObjectPointsWhenNoGroundIsNear) {
  PointCloud c;
  GroundResult g;
  for (float z : {0.f, 0.5f, 1.f}) {
    c.push(1.f, 1.f, z, 0.f);
    g.isGround.push_back(0);
    g.groundHeight.push_back(-1.6f);
  }
  EXPECT_NEAR(*groundHeightAt(c, g, {1, 1}, 0.5), -1.6, 1e-6);
}

TEST(GroundHeightAt, IsNulloptWithNoPointAroundOrOnlyNonFiniteOnes) {
  Scene s = steppedGround();
  EXPECT_FALSE(groundHeightAt(s.cloud, s.ground, {40, 40}, 2.0).has_value());
  PointCloud c;
  GroundResult g;
  const float nan = std::numeric_limits<float>::quiet_NaN();
  c.push(nan, 0.f, 0.f, 0.f);
  c.push(0.f, 0.f, 0.f, 0.f);
  g.isGround = {1, 1};
  g.groundHeight = {-1.f, nan};
  EXPECT_FALSE(groundHeightAt(c, g, {0, 0}, 2.0).has_value());
}

TEST(BoxOnGround, PutsTheBottomFaceOnTheGround) {
  const Cuboid b = boxOnGround({4, -2}, -1.6, {4.5, 1.9, 1.6}, 0.3);
  EXPECT_NEAR(b.center.z() - b.height() / 2, -1.6, 1e-12);
  EXPECT_NEAR(b.center.x(), 4.0, 1e-12);
  EXPECT_NEAR(b.center.y(), -2.0, 1e-12);
  EXPECT_NEAR(b.yaw, 0.3, 1e-12);
  EXPECT_NEAR(b.length(), 4.5, 1e-12);
}

}  // namespace
}  // namespace lidarlabel
