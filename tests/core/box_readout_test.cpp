#include "lidarlabel/core/box_readout.h"

#include <gtest/gtest.h>

#include <limits>
#include <numbers>

#include "lidarlabel/core/points_in_box.h"

namespace lidarlabel {
namespace {

// A 4 x 2 x 1.5 box at (10, 5, -0.8) heading +y (yaw 90 deg): Front is +y, Left is -x.
Cuboid rotatedBox() {
  Cuboid b;
  b.center = {10.0, 5.0, -0.8};
  b.size = {4.0, 2.0, 1.5};
  b.yaw = std::numbers::pi / 2;
  return b;
}

// Adds a point at box-frame coordinates (forward, left, up) of rotatedBox().
void pushLocal(PointCloud& c, double f, double l, double u) {
  const Cuboid b = rotatedBox();
  const Eigen::Vector3d p = b.center + b.rotation() * Eigen::Vector3d(f, l, u);
  c.push(static_cast<float>(p.x()), static_cast<float>(p.y()), static_cast<float>(p.z()), 0.f);
}

TEST(BoxReadout, CountsPointsInsideIncludingFaces) {
  PointCloud c;
  pushLocal(c, 0, 0, 0);
  pushLocal(c, 1.9, 0.9, 0.7);
  pushLocal(c, 2.0, 0, 0);  // on the front face
  const BoxReadout r = boxReadout(c, rotatedBox());
  EXPECT_EQ(r.inside, 3u);
  EXPECT_EQ(r.nearbyTotal, 0u);
}

TEST(BoxReadout, CountsEachFaceBandSeparately) {
  PointCloud c;
  pushLocal(c, 2.1, 0, 0);     // front band
  pushLocal(c, 2.25, 0.5, 0);  // front band
  pushLocal(c, -2.2, 0, 0);    // back band
  pushLocal(c, 0, 1.1, 0);     // left band
  pushLocal(c, 0, -1.29, 0);   // right band
  pushLocal(c, 0, 0, 0.8);     // top band
  pushLocal(c, 0, 0, -1.0);    // bottom band
  const BoxReadout r = boxReadout(c, rotatedBox());
  EXPECT_EQ(r.inside, 0u);
  EXPECT_EQ(r.outside(BoxFace::Front), 2u);
  EXPECT_EQ(r.outside(BoxFace::Back), 1u);
  EXPECT_EQ(r.outside(BoxFace::Left), 1u);
  EXPECT_EQ(r.outside(BoxFace::Right), 1u);
  EXPECT_EQ(r.outside(BoxFace::Top), 1u);
  EXPECT_EQ(r.outside(BoxFace::Bottom), 1u);
  EXPECT_EQ(r.nearbyTotal, 7u);
}

TEST(BoxReadout, IgnoresPointsBeyondTheBand) {
  PointCloud c;
  pushLocal(c, 2.35, 0, 0);
  pushLocal(c, 0, 0, -1.1);
  pushLocal(c, 2.1, 1.5, 0);  // front band depth, but far off the left side
  const BoxReadout r = boxReadout(c, rotatedBox());
  EXPECT_EQ(r.inside + r.nearbyTotal, 0u);
}

TEST(BoxReadout, CountsACornerPointForEveryFaceItIsOutsideOf) {
  PointCloud c;
  pushLocal(c, 2.1, 1.1, 0.8);  // beyond front, left and top
  const BoxReadout r = boxReadout(c, rotatedBox());
  EXPECT_EQ(r.outside(BoxFace::Front), 1u);
  EXPECT_EQ(r.outside(BoxFace::Left), 1u);
  EXPECT_EQ(r.outside(BoxFace::Top), 1u);
  EXPECT_EQ(r.nearbyTotal, 1u);
}

TEST(BoxReadout, HonoursTheConfiguredMargin) {
  PointCloud c;
  pushLocal(c, 2.4, 0, 0);
  BoxReadoutConfig config;
  EXPECT_EQ(boxReadout(c, rotatedBox(), config).outside(BoxFace::Front), 0u);
  config.margin = 0.5;
  EXPECT_EQ(boxReadout(c, rotatedBox(), config).outside(BoxFace::Front), 1u);
}

TEST(BoxReadout, SkipsNonFinitePoints) {
  PointCloud c;
  const float nan = std::numeric_limits<float>::quiet_NaN();
  const float inf = std::numeric_limits<float>::infinity();
  c.push(nan, 5.f, -0.8f, 0.f);
  c.push(10.f, inf, -0.8f, 0.f);
  c.push(10.f, 5.f, nan, 0.f);
  pushLocal(c, 0, 0, 0);
  const BoxReadout r = boxReadout(c, rotatedBox());
  EXPECT_EQ(r.inside, 1u);
  EXPECT_EQ(r.nearbyTotal, 0u);
}

TEST(BoxReadout, AgreesWithCountPointsInBoxOnAGrid) {
  PointCloud c;
  for (double f = -3; f <= 3; f += 0.13)
    for (double l = -2; l <= 2; l += 0.11)
      for (double u = -1.5; u <= 1.5; u += 0.17) pushLocal(c, f, l, u);
  const BoxReadout r = boxReadout(c, rotatedBox());
  const BoxCount expected = countPointsInBox(c, rotatedBox());
  EXPECT_EQ(r.inside, expected.inside);
  EXPECT_EQ(r.nearbyTotal, expected.nearby);
  EXPECT_GT(r.inside, 0u);
}

TEST(BoxReadout, CountsNothingForANonFiniteBox) {
  PointCloud c;
  pushLocal(c, 0, 0, 0);
  Cuboid b = rotatedBox();
  b.yaw = std::numeric_limits<double>::quiet_NaN();
  EXPECT_EQ(boxReadout(c, b).inside, 0u);
}

}  // namespace
}  // namespace lidarlabel
