#include "lidarlabel/core/colormap.h"

#include <gtest/gtest.h>

#include <limits>

namespace lidarlabel {
namespace {

TEST(Colorize, HeightModeGivesLowAndHighPointsTheRampEnds) {
  PointCloud c;
  c.push(0, 0, -10, 0);
  c.push(0, 0, 10, 0);
  const auto rgb = colorize(c, ColorMode::Height, -1.f, 1.f);
  ASSERT_EQ(rgb.size(), 6u);
  const Rgb lo = rampColor(0.f), hi = rampColor(1.f);
  EXPECT_EQ(rgb[0], lo.r);
  EXPECT_EQ(rgb[2], lo.b);
  EXPECT_EQ(rgb[3], hi.r);
  EXPECT_NE(lo, hi);
}

TEST(Colorize, SemanticModeUsesTheOntologyColourOfEachLabel) {
  PointCloud c;
  c.push(0, 0, 0, 0);
  c.push(1, 0, 0, 0);
  PointLabels labels;
  labels.resize(2);
  labels.semantic = {10, 0};
  Ontology o;
  ClassDef car;
  car.name = "car";
  car.semanticKittiId = 10;
  car.color = {200, 10, 20};
  o.classes.push_back(car);
  const auto rgb = colorize(c, ColorMode::Semantic, 0, 1, &labels, &o);
  EXPECT_EQ(rgb[0], 200);
  EXPECT_EQ(rgb[1], 10);
  EXPECT_EQ(rgb[3], 128);  // unlabeled grey
}

TEST(RampColor, ClampsOutOfRangeAndNan) {
  EXPECT_EQ(rampColor(-5.f), rampColor(0.f));
  EXPECT_EQ(rampColor(5.f), rampColor(1.f));
  EXPECT_EQ(rampColor(std::numeric_limits<float>::quiet_NaN()), rampColor(0.f));
}

}  // namespace
}  // namespace lidarlabel

namespace lidarlabel {
namespace {

TEST(ColorizeByBoxes, PointsInsideABoxGetItsColourAndOthersGrey) {
  PointCloud c;
  c.push(10.f, 0.f, 0.f, 0.f);  // inside box 0
  c.push(0.f, 5.f, 0.5f, 0.f);  // inside box 1 (rotated)
  c.push(30.f, 0.f, 0.f, 0.f);  // in none
  c.push(10.f, 0.f, 5.f, 0.f);  // above box 0
  BoxColors boxes;
  boxes.boxes = {Cuboid{Eigen::Vector3d(10, 0, 0), Eigen::Vector3d(4, 2, 2), 0.0, 0, 0},
                 Cuboid{Eigen::Vector3d(0, 5, 0), Eigen::Vector3d(4, 2, 2), 1.2, 0, 0}};
  boxes.colors = {Rgb{255, 0, 0}, Rgb{0, 0, 255}};
  const auto rgb = colorize(c, ColorMode::BoxMembership, -2.5f, 2.5f, nullptr, nullptr, &boxes);
  ASSERT_EQ(rgb.size(), 12u);
  auto at = [&](int i) { return Rgb{rgb[3 * i], rgb[3 * i + 1], rgb[3 * i + 2]}; };
  EXPECT_EQ(at(0), (Rgb{255, 0, 0}));
  EXPECT_EQ(at(1), (Rgb{0, 0, 255}));
  EXPECT_EQ(at(2), boxes.outside);
  EXPECT_EQ(at(3), boxes.outside);
}

TEST(ColorizeByBoxes, OverlappingBoxesColourAPointByTheNearestCentre) {
  PointCloud c;
  c.push(1.2f, 0.f, 0.f, 0.f);  // in both; nearer box 1's centre (2, 0, 0)
  BoxColors boxes;
  boxes.boxes = {Cuboid{Eigen::Vector3d(0, 0, 0), Eigen::Vector3d(4, 2, 2), 0.0, 0, 0},
                 Cuboid{Eigen::Vector3d(2, 0, 0), Eigen::Vector3d(4, 2, 2), 0.0, 0, 0}};
  boxes.colors = {Rgb{255, 0, 0}, Rgb{0, 0, 255}};
  const auto rgb = colorizeByBoxes(c, boxes);
  EXPECT_EQ(rgb[2], 255);
  EXPECT_EQ(rgb[0], 0);
}

TEST(ColorizeByBoxes, NonFinitePointsAndNoBoxesAreGrey) {
  PointCloud c;
  c.push(std::numeric_limits<float>::quiet_NaN(), 0.f, 0.f, 0.f);
  c.push(0.f, 0.f, 0.f, 0.f);
  BoxColors boxes;
  boxes.outside = Rgb{1, 2, 3};
  boxes.boxes = {Cuboid{Eigen::Vector3d(0, 0, 0), Eigen::Vector3d(4, 2, 2), 0.0, 0, 0}};
  boxes.colors = {Rgb{255, 0, 0}};
  auto rgb = colorizeByBoxes(c, boxes);
  EXPECT_EQ((Rgb{rgb[0], rgb[1], rgb[2]}), (Rgb{1, 2, 3}));
  EXPECT_EQ(rgb[3], 255);
  rgb = colorize(c, ColorMode::BoxMembership);  // no boxes given: all grey
  EXPECT_EQ((Rgb{rgb[3], rgb[4], rgb[5]}), BoxColors{}.outside);
}

}  // namespace
}  // namespace lidarlabel
