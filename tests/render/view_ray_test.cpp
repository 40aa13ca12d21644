#include "lidarlabel/render/view_ray.h"

#include <cmath>

#include <gtest/gtest.h>

#include "lidarlabel/render/offscreen.h"

namespace lidarlabel {
namespace {

constexpr double kW = 640, kH = 480;

OrbitCamera obliquePerspective() {
  OrbitCamera c;
  c.target = Eigen::Vector3d(12, -3, 0.5);
  c.distance = 25;
  c.azimuth = 2.4;
  c.elevation = 0.45;
  return c;
}

OrbitCamera obliqueParallel() {
  OrbitCamera c = obliquePerspective();
  c.parallel = true;
  return c;
}

double distanceToRay(const ViewRay& r, const Eigen::Vector3d& p) {
  const Eigen::Vector3d v = p - r.origin;
  return (v - v.dot(r.direction) * r.direction).norm();
}

void expectRayThroughProjectedPoint(const OrbitCamera& cam) {
  for (const Eigen::Vector3d& p :
       {Eigen::Vector3d(15, 2, -1), Eigen::Vector3d(8, -9, 1.5), Eigen::Vector3d(20, 4, 0)}) {
    const auto px = pixelOfPoint(cam, kW, kH, p);
    ASSERT_TRUE(px.has_value());
    const ViewRay ray = rayThroughPixel(cam, kW, kH, px->x(), px->y());
    EXPECT_NEAR(ray.direction.norm(), 1.0, 1e-12);
    EXPECT_NEAR(distanceToRay(ray, p), 0.0, 1e-9);
    EXPECT_GT((p - ray.origin).dot(ray.direction), 0.0);  // in front of the origin
  }
}

TEST(ViewRay, RayThroughAPixelPassesThroughThePointProjectedThereInPerspective) {
  expectRayThroughProjectedPoint(obliquePerspective());
}

TEST(ViewRay, RayThroughAPixelPassesThroughThePointProjectedThereInParallel) {
  expectRayThroughProjectedPoint(obliqueParallel());
}

// The pure projection must match the matrix VTK draws with (offscreen.h, same camera setup).
void expectSameAsVtk(const OrbitCamera& cam) {
  const Eigen::Matrix4d vp = viewProjectionMatrix(cam, kW / kH);
  for (const Eigen::Vector3d& p : {Eigen::Vector3d(15, 2, -1), Eigen::Vector3d(8, -9, 1.5)}) {
    const Eigen::Vector4d clip = vp * p.homogeneous();
    const double px = 0.5 * (clip.x() / clip.w() + 1.0) * kW;
    const double py = 0.5 * (1.0 - clip.y() / clip.w()) * kH;
    const auto ours = pixelOfPoint(cam, kW, kH, p);
    ASSERT_TRUE(ours.has_value());
    EXPECT_NEAR(ours->x(), px, 1e-6);
    EXPECT_NEAR(ours->y(), py, 1e-6);
  }
}

TEST(ViewRay, PixelOfPointMatchesTheRenderersProjectionInPerspective) {
  expectSameAsVtk(obliquePerspective());
}

TEST(ViewRay, PixelOfPointMatchesTheRenderersProjectionInParallel) {
  expectSameAsVtk(obliqueParallel());
}

TEST(ViewRay, TargetProjectsToTheViewCentre) {
  const auto px = pixelOfPoint(obliquePerspective(), kW, kH, obliquePerspective().target);
  ASSERT_TRUE(px.has_value());
  EXPECT_NEAR(px->x(), kW / 2, 1e-9);
  EXPECT_NEAR(px->y(), kH / 2, 1e-9);
}

TEST(ViewRay, PointBehindThePerspectiveEyeHasNoPixel) {
  const OrbitCamera cam = obliquePerspective();
  const Eigen::Vector3d eye = eyePosition(cam);
  EXPECT_FALSE(pixelOfPoint(cam, kW, kH, eye + (eye - cam.target)).has_value());
}

TEST(ViewRay, BirdsEyeForwardIsUpAndLeftIsLeftOnScreen) {
  const OrbitCamera cam = birdsEyeCamera(Bounds{});
  const double mpp = metresPerPixel(cam, kH);
  const auto fwd = pixelOfPoint(cam, kW, kH, Eigen::Vector3d(10, 0, 0));
  const auto left = pixelOfPoint(cam, kW, kH, Eigen::Vector3d(0, 10, 0));
  ASSERT_TRUE(fwd && left);
  EXPECT_NEAR(fwd->x(), kW / 2, 1e-9);
  EXPECT_NEAR(fwd->y(), kH / 2 - 10 / mpp, 1e-9);
  EXPECT_NEAR(left->x(), kW / 2 - 10 / mpp, 1e-9);
}

TEST(ViewRay, HitsAHorizontalPlaneBelowTheEye) {
  ViewRay r;
  r.origin = Eigen::Vector3d(0, 0, 10);
  r.direction = Eigen::Vector3d(1, 0, -1).normalized();
  Eigen::Vector3d hit;
  ASSERT_TRUE(r.hitHorizontalPlane(-2.0, &hit));
  EXPECT_NEAR(hit.x(), 12.0, 1e-12);
  EXPECT_NEAR(hit.y(), 0.0, 1e-12);
  EXPECT_NEAR(hit.z(), -2.0, 1e-12);
}

TEST(ViewRay, MissesAPlaneBehindItOrParallelToIt) {
  ViewRay r;
  r.origin = Eigen::Vector3d(0, 0, 10);
  r.direction = Eigen::Vector3d(1, 0, -1).normalized();
  Eigen::Vector3d hit(7, 7, 7);
  EXPECT_FALSE(r.hitHorizontalPlane(12.0, &hit));
  r.direction = Eigen::Vector3d::UnitX();
  EXPECT_FALSE(r.hitHorizontalPlane(0.0, &hit));
  EXPECT_EQ(hit, Eigen::Vector3d(7, 7, 7));
}

TEST(ViewRay, ClosestPointOnALineAcrossTheRay) {
  ViewRay r;  // straight down through (3, 0, *)
  r.origin = Eigen::Vector3d(3, 0, 10);
  r.direction = -Eigen::Vector3d::UnitZ();
  double s = 0;
  ASSERT_TRUE(r.closestOnLine(Eigen::Vector3d(1, 0, 0), Eigen::Vector3d(2, 0, 0), &s));
  EXPECT_NEAR(s, 2.0, 1e-12);  // (1,0,0) + 2 * x-hat = (3,0,0), right under the ray
  EXPECT_FALSE(r.closestOnLine(Eigen::Vector3d::Zero(), Eigen::Vector3d::UnitZ(), &s));
}

}  // namespace
}  // namespace lidarlabel
