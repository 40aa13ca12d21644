#include <cmath>
#include <numbers>

#include <gtest/gtest.h>

#include "lidarlabel/render/scene.h"

namespace lidarlabel {
namespace {

Cuboid carAt(double yaw) {
  Cuboid b;
  b.center = Eigen::Vector3d(10.0, 2.0, -0.8);
  b.size = Eigen::Vector3d(4.0, 2.0, 1.5);
  b.yaw = yaw;
  return b;
}

TEST(CuboidSegments, DrawsTwelveEdgesPlusThreeHeadingLines) {
  EXPECT_EQ(cuboidSegments(carAt(0.0)).size(), static_cast<std::size_t>(kSegmentsPerCuboid));
  EXPECT_EQ(kSegmentsPerCuboid, 15);
}

TEST(CuboidSegments, EdgesHaveTheBoxDimensionsAsLengths) {
  const auto s = cuboidSegments(carAt(0.4));
  int lengthEdges = 0, widthEdges = 0, heightEdges = 0;
  for (int i = 0; i < 12; ++i) {
    const double len = (s[i].second - s[i].first).norm();
    lengthEdges += std::abs(len - 4.0) < 1e-9;
    widthEdges += std::abs(len - 2.0) < 1e-9;
    heightEdges += std::abs(len - 1.5) < 1e-9;
  }
  EXPECT_EQ(lengthEdges, 4);
  EXPECT_EQ(widthEdges, 4);
  EXPECT_EQ(heightEdges, 4);
}

TEST(CuboidSegments, HeadingLineRunsFromCentreToFrontFaceAlongYaw) {
  const double yaw = std::numbers::pi / 2;  // heading +y
  const auto s = cuboidSegments(carAt(yaw));
  const auto& heading = s[12];
  EXPECT_TRUE(heading.first.isApprox(Eigen::Vector3d(10.0, 2.0, -0.8)));
  EXPECT_TRUE(heading.second.isApprox(Eigen::Vector3d(10.0, 4.0, -0.8), 1e-9));
}

TEST(CuboidSegments, FrontCrossDiagonalsMeetAtFrontFaceCentre) {
  const auto s = cuboidSegments(carAt(0.0));
  const Eigen::Vector3d front(12.0, 2.0, -0.8);
  EXPECT_TRUE((0.5 * (s[13].first + s[13].second)).isApprox(front, 1e-9));
  EXPECT_TRUE((0.5 * (s[14].first + s[14].second)).isApprox(front, 1e-9));
  EXPECT_NEAR(s[13].first.x(), 12.0, 1e-9);
  EXPECT_NEAR(s[13].second.x(), 12.0, 1e-9);
}

}  // namespace
}  // namespace lidarlabel
