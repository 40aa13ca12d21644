#include "lidarlabel/render/pick.h"

#include <gtest/gtest.h>

#include "lidarlabel/render/offscreen.h"

namespace lidarlabel {
namespace {

// Bird's-eye camera looking down at the origin; 400x400 px image.
struct Fixture {
  OrbitCamera cam = birdsEyeCamera(Bounds{});
  Eigen::Matrix4d vp = viewProjectionMatrix(cam, 1.0);
  double metresPerPx = 2.0 * halfViewHeight(cam) / 400.0;
};

TEST(PickNearestPoint, FindsThePointUnderTheCursor) {
  Fixture f;
  PointCloud cloud;
  cloud.push(0.f, 0.f, 0.f, 0.f);   // image centre
  cloud.push(10.f, 0.f, 0.f, 0.f);  // forward: above the centre on screen
  cloud.push(0.f, 10.f, 0.f, 0.f);  // left: left of the centre on screen
  const double d = 10.0 / f.metresPerPx;
  EXPECT_EQ(pickNearestPoint(cloud, f.vp, 400, 400, 200, 200), std::optional<std::size_t>(0));
  EXPECT_EQ(pickNearestPoint(cloud, f.vp, 400, 400, 200, 200 - d), std::optional<std::size_t>(1));
  EXPECT_EQ(pickNearestPoint(cloud, f.vp, 400, 400, 200 - d, 200), std::optional<std::size_t>(2));
}

TEST(PickNearestPoint, PrefersThePointClosestToTheEye) {
  Fixture f;
  PointCloud cloud;
  cloud.push(0.f, 0.f, -1.5f, 0.f);  // ground
  cloud.push(0.f, 0.f, 1.0f, 0.f);   // roof above it: closer to a camera looking down
  cloud.push(0.f, 0.f, -0.5f, 0.f);
  EXPECT_EQ(pickNearestPoint(cloud, f.vp, 400, 400, 200, 200), std::optional<std::size_t>(1));
}

TEST(PickNearestPoint, ReturnsNothingOutsideThePixelRadius) {
  Fixture f;
  PointCloud cloud;
  cloud.push(0.f, 0.f, 0.f, 0.f);
  EXPECT_FALSE(pickNearestPoint(cloud, f.vp, 400, 400, 200 + 7, 200, 6.0).has_value());
  EXPECT_TRUE(pickNearestPoint(cloud, f.vp, 400, 400, 200 + 5, 200, 6.0).has_value());
}

TEST(PickNearestPoint, IgnoresPointsBehindAPerspectiveEye) {
  OrbitCamera cam = chaseCamera(Bounds{});
  const Eigen::Vector3d eye = eyePosition(cam);
  const Eigen::Vector3d behind = eye + (eye - cam.target);  // mirrored target, behind the eye
  PointCloud cloud;
  cloud.push(static_cast<float>(behind.x()), static_cast<float>(behind.y()),
             static_cast<float>(behind.z()), 0.f);
  const Eigen::Matrix4d vp = viewProjectionMatrix(cam, 1.0);
  EXPECT_FALSE(pickNearestPoint(cloud, vp, 400, 400, 200, 200, 50.0).has_value());
}

TEST(PickNearestPoint, InterleavedInputGivesTheSameAnswer) {
  Fixture f;
  const float xyz[] = {0.f, 0.f, 0.f, 5.f, 0.f, 0.f};
  const double d = 5.0 / f.metresPerPx;
  EXPECT_EQ(pickNearestPoint(xyz, 2, f.vp, 400, 400, 200, 200 - d), std::optional<std::size_t>(1));
}

}  // namespace
}  // namespace lidarlabel
