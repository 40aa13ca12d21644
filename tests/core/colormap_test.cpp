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
