#include "lidarlabel/render/orbit_camera.h"

#include <cmath>
#include <numbers>

#include <gtest/gtest.h>

namespace lidarlabel {
namespace {

constexpr double kPi = std::numbers::pi;

TEST(OrbitCamera, BirdsEyeLooksStraightDownWithForwardUpOnScreen) {
  const OrbitCamera c = birdsEyeCamera(Bounds{});
  const Eigen::Vector3d eye = eyePosition(c);
  EXPECT_NEAR(eye.x(), c.target.x(), 1e-9);
  EXPECT_NEAR(eye.y(), c.target.y(), 1e-9);
  EXPECT_NEAR(eye.z(), c.target.z() + c.distance, 1e-9);
  EXPECT_TRUE(viewUp(c).isApprox(Eigen::Vector3d::UnitX(), 1e-9));
  EXPECT_TRUE(c.parallel);
}

TEST(OrbitCamera, ChaseEyeIsBehindAndAboveTheSensor) {
  const OrbitCamera c = chaseCamera(Bounds{});
  const Eigen::Vector3d eye = eyePosition(c);
  EXPECT_LT(eye.x(), 0.0);
  EXPECT_NEAR(eye.y(), 0.0, 1e-9);
  EXPECT_GT(eye.z(), 0.0);
  EXPECT_GT(c.target.x(), 0.0);  // looks forward
}

TEST(OrbitCamera, ViewUpIsOrthogonalToTheViewDirection) {
  OrbitCamera c;
  c.azimuth = 0.7;
  c.elevation = 0.4;
  const Eigen::Vector3d dir = (c.target - eyePosition(c)).normalized();
  EXPECT_NEAR(dir.dot(viewUp(c)), 0.0, 1e-12);
  EXPECT_NEAR(viewUp(c).norm(), 1.0, 1e-12);
}

TEST(OrbitCamera, DraggingTheFullViewHeightTurnsHalfARound) {
  OrbitCamera c;
  c.azimuth = 0.0;
  const OrbitCamera d = orbit(c, -600.0, 0.0, 600.0);
  EXPECT_NEAR(std::abs(d.azimuth), kPi, 1e-9);
  EXPECT_DOUBLE_EQ(d.elevation, c.elevation);
}

TEST(OrbitCamera, OrbitClampsElevationAtStraightDown) {
  OrbitCamera c;
  c.elevation = 1.4;
  EXPECT_DOUBLE_EQ(orbit(c, 0.0, 1e4, 600.0).elevation, kPi / 2);
  EXPECT_GT(orbit(c, 0.0, -1e4, 600.0).elevation, -kPi / 2);
}

TEST(OrbitCamera, ZoomStepScalesDistanceBy085AndClamps) {
  OrbitCamera c;
  c.distance = 100.0;
  EXPECT_NEAR(zoom(c, 1.0).distance, 85.0, 1e-9);
  EXPECT_NEAR(zoom(c, -2.0).distance, 100.0 / (0.85 * 0.85), 1e-9);
  EXPECT_DOUBLE_EQ(zoom(c, 1000.0).distance, 0.5);
}

TEST(OrbitCamera, PanInBirdsEyeMovesTargetAlongScreenAxes) {
  OrbitCamera c = birdsEyeCamera(Bounds{});
  const double metresPerPx = 2.0 * halfViewHeight(c) / 500.0;
  // Dragging right by 10 px moves the scene right: the target moves to the screen's left (+y).
  const OrbitCamera right = pan(c, 10.0, 0.0, 500.0);
  EXPECT_NEAR(right.target.y() - c.target.y(), 10.0 * metresPerPx, 1e-9);
  EXPECT_NEAR(right.target.x(), c.target.x(), 1e-9);
  // Dragging down moves the target forward (+x, up on screen).
  const OrbitCamera down = pan(c, 0.0, 10.0, 500.0);
  EXPECT_NEAR(down.target.x() - c.target.x(), 10.0 * metresPerPx, 1e-9);
}

}  // namespace
}  // namespace lidarlabel
