// render's screenProjection is the projection the view draws with, as core's ScreenProjection
// (the labelling tools select points with it).
#include <gtest/gtest.h>

#include "lidarlabel/render/view_ray.h"

namespace lidarlabel {
namespace {

void expectSamePixels(const OrbitCamera& cam) {
  const ScreenProjection p = screenProjection(cam, 640, 480);
  for (const Eigen::Vector3d& q : {Eigen::Vector3d(15, 2, -1), Eigen::Vector3d(8, -9, 1.5),
                                   Eigen::Vector3d(20, 4, 0), Eigen::Vector3d(-30, 0, 0)}) {
    const auto a = pixelOfPoint(cam, 640, 480, q);
    const auto b = projectPoint(p, q);
    ASSERT_EQ(a.has_value(), b.has_value());
    if (!a) continue;
    EXPECT_NEAR(a->x(), b->x(), 1e-6);
    EXPECT_NEAR(a->y(), b->y(), 1e-6);
  }
}

TEST(ScreenProjection, PerspectiveCameraGivesTheViewsPixels) {
  OrbitCamera c;
  c.target = Eigen::Vector3d(12, -3, 0.5);
  c.distance = 25;
  c.azimuth = 2.4;
  c.elevation = 0.45;
  expectSamePixels(c);
}

TEST(ScreenProjection, ParallelCameraGivesTheViewsPixels) {
  OrbitCamera c;
  c.target = Eigen::Vector3d(5, 1, 0);
  c.distance = 40;
  c.azimuth = -0.7;
  c.elevation = 1.2;
  c.parallel = true;
  expectSamePixels(c);
}

}  // namespace
}  // namespace lidarlabel
