// Brush and lasso selection on a fixed camera: a parallel camera looking down at a 1 m grid, so
// every point's pixel is known exactly (pixel = centre + 10 px per metre).
#include "lidarlabel/core/point_selection.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>

namespace lidarlabel {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

// Points on the grid x, y in -5..5 (121 points, index = (x + 5) * 11 + (y + 5)), z = 0.
PointCloud grid() {
  PointCloud c;
  for (int x = -5; x <= 5; ++x)
    for (int y = -5; y <= 5; ++y) c.push(float(x), float(y), 0.f, 1.f);
  return c;
}
std::uint32_t at(int x, int y) {
  return static_cast<std::uint32_t>((x + 5) * 11 + (y + 5));
}

// Looking down from z = 10, screen right = -y (LiDAR left is screen left), screen up = +x.
ScreenProjection topDown() {
  ScreenProjection p;
  p.eye = {0, 0, 10};
  p.forward = {0, 0, -1};
  p.right = {0, -1, 0};
  p.up = {1, 0, 0};
  p.parallel = true;
  p.focal = 10.0;  // pixels per metre
  p.centre = {100, 100};
  return p;
}

// The pixel of grid point (x, y) in topDown().
Eigen::Vector2d px(int x, int y) {
  return {100.0 - 10.0 * y, 100.0 - 10.0 * x};
}

TEST(ProjectPoint, ParallelCameraMapsMetresToPixelsAboutTheCentre) {
  const auto p = projectPoint(topDown(), {2, 3, 0});
  ASSERT_TRUE(p);
  EXPECT_NEAR(p->x(), 70.0, 1e-9);
  EXPECT_NEAR(p->y(), 80.0, 1e-9);
}

TEST(ProjectPoint, PerspectivePointBehindTheEyeIsNotVisible) {
  ScreenProjection p = topDown();
  p.parallel = false;
  EXPECT_FALSE(projectPoint(p, {0, 0, 11}));
  EXPECT_TRUE(projectPoint(p, {0, 0, 0}));
}

TEST(ProjectPoints, SkipsHiddenAndNonFinitePoints) {
  PointCloud c = grid();
  c.x[at(0, 0)] = NAN;
  std::vector<std::uint8_t> shown(c.size(), 1);
  shown[at(1, 1)] = 0;
  const ProjectedPoints pts = projectPoints(c, topDown(), &shown);
  EXPECT_EQ(pts.index.size(), c.size() - 2);
  EXPECT_TRUE(std::find(pts.index.begin(), pts.index.end(), at(0, 0)) == pts.index.end());
  EXPECT_TRUE(std::find(pts.index.begin(), pts.index.end(), at(1, 1)) == pts.index.end());
}

TEST(BrushSelection, DiscSelectsExactlyThePointsWithinTheRadius) {
  const ProjectedPoints pts = projectPoints(grid(), topDown());
  // 10.5 px around (2, 3): the point and its four 1 m neighbours (10 px away); 15 px also takes
  // the four diagonals (14.1 px): the 3 x 3 block.
  EXPECT_THAT(pointsInCircle(pts, px(2, 3), 10.5),
              ElementsAre(at(1, 3), at(2, 2), at(2, 3), at(2, 4), at(3, 3)));
  EXPECT_EQ(pointsInCircle(pts, px(2, 3), 15.0).size(), 9u);
}

TEST(BrushSelection, SegmentCoversThePathBetweenTwoMouseMoves) {
  const ProjectedPoints pts = projectPoints(grid(), topDown());
  // From (0, -2) to (0, 2) with a 3 px radius: the five points on that line only.
  EXPECT_THAT(pointsNearSegment(pts, px(0, -2), px(0, 2), 3.0),
              ElementsAre(at(0, -2), at(0, -1), at(0, 0), at(0, 1), at(0, 2)));
}

TEST(BrushSelection, NegativeRadiusSelectsNothing) {
  EXPECT_THAT(pointsInCircle(projectPoints(grid(), topDown()), px(0, 0), -1.0), IsEmpty());
}

TEST(LassoSelection, PolygonSelectsExactlyTheEnclosedPoints) {
  const ProjectedPoints pts = projectPoints(grid(), topDown());
  // A triangle around grid points (0,0), (0,1), (1,0): corners half a metre outside them.
  const std::vector<Eigen::Vector2d> lasso = {{px(0, 0).x() + 5, px(0, 0).y() + 5},
                                              {px(0, 1).x() - 12, px(0, 1).y() + 5},
                                              {px(1, 0).x() + 5, px(1, 0).y() - 12}};
  EXPECT_THAT(pointsInPolygon(pts, lasso), ElementsAre(at(0, 0), at(0, 1), at(1, 0)));
}

TEST(LassoSelection, FewerThanThreeVerticesSelectNothing) {
  EXPECT_THAT(pointsInPolygon(projectPoints(grid(), topDown()), {px(0, 0), px(1, 1)}), IsEmpty());
}

TEST(PointFilter, EveryRestrictionNarrowsTheSelection) {
  PointCloud c;
  c.push(0, 0, -1.7f, 0);  // 0: ground, labelled road
  c.push(1, 0, 0.0f, 0);   // 1: unlabelled, in the box
  c.push(2, 0, 1.0f, 0);   // 2: labelled car, high
  PointLabels l;
  l.resize(3);
  l.semantic = {40, 0, 10};
  const std::vector<std::uint8_t> ground = {1, 0, 0};
  const std::vector<std::uint32_t> all = {0, 1, 2};
  PointFilter f;
  EXPECT_THAT(filterPoints(all, f, c, &l, &ground), ElementsAre(0u, 1u, 2u));
  f.nonGroundOnly = true;
  EXPECT_THAT(filterPoints(all, f, c, &l, &ground), ElementsAre(1u, 2u));
  f = {};
  f.unlabelledOnly = true;
  EXPECT_THAT(filterPoints(all, f, c, &l, &ground), ElementsAre(1u));
  f = {};
  f.insideBox = Cuboid{{1, 0, 0}, {1, 1, 1}, 0};
  EXPECT_THAT(filterPoints(all, f, c, &l, &ground), ElementsAre(1u));
  f = {};
  f.minZ = -0.5f;
  EXPECT_THAT(filterPoints(all, f, c, &l, &ground), ElementsAre(1u, 2u));
  f.maxZ = 0.5f;
  EXPECT_THAT(filterPoints(all, f, c, &l, &ground), ElementsAre(1u));
}

}  // namespace
}  // namespace lidarlabel
