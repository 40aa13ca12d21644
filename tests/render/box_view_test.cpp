// Sub-view cameras that follow a box, focus and orbit-around (pure maths), and the sub-view slab
// in an offscreen render (needs an X display).
#include <cmath>

#include <gtest/gtest.h>

#include "lidarlabel/render/offscreen.h"
#include "lidarlabel/render/orbit_camera.h"
#include "lidarlabel/render/view_ray.h"

namespace lidarlabel {
namespace {

constexpr double kW = 300, kH = 200;

Cuboid car() {
  return Cuboid{Eigen::Vector3d(12, -4, -0.7), Eigen::Vector3d(4.6, 1.9, 1.5), 0.7, 0, 0};
}

enum class Face { Front, Back, Left, Right, Top };
// Centre of a box face (box axes: x = heading, y = left, z = up).
Eigen::Vector3d faceCentre(const Cuboid& b, Face f) {
  const Eigen::Vector3d h = 0.5 * b.size;
  const Eigen::Vector3d local = f == Face::Front   ? Eigen::Vector3d(h.x(), 0, 0)
                                : f == Face::Back  ? Eigen::Vector3d(-h.x(), 0, 0)
                                : f == Face::Left  ? Eigen::Vector3d(0, h.y(), 0)
                                : f == Face::Right ? Eigen::Vector3d(0, -h.y(), 0)
                                                   : Eigen::Vector3d(0, 0, h.z());
  return b.center + b.rotation() * local;
}

Eigen::Vector2d px(const OrbitCamera& c, const Eigen::Vector3d& p) {
  const auto q = pixelOfPoint(c, kW, kH, p);
  EXPECT_TRUE(q.has_value());
  return q.value_or(Eigen::Vector2d::Zero());
}

// Every corner inside the view, at least `inset` pixels from its border.
void expectFramed(const OrbitCamera& c, const Cuboid& b, double inset) {
  for (const Eigen::Vector3d& corner : b.corners()) {
    const Eigen::Vector2d q = px(c, corner);
    EXPECT_GE(q.x(), inset);
    EXPECT_LE(q.x(), kW - inset);
    EXPECT_GE(q.y(), inset);
    EXPECT_LE(q.y(), kH - inset);
  }
}

TEST(BoxViewCamera, TopViewPutsTheHeadingUpAndTheBoxRightOnTheRight) {
  const Cuboid b = car();
  const OrbitCamera c = boxViewCamera(b, BoxView::Top, kW / kH, 0.5);
  const Eigen::Vector2d centre = px(c, b.center);
  EXPECT_NEAR(centre.x(), kW / 2, 1e-6);
  EXPECT_NEAR(centre.y(), kH / 2, 1e-6);
  const Eigen::Vector2d front = px(c, faceCentre(b, Face::Front));
  const Eigen::Vector2d right = px(c, faceCentre(b, Face::Right));
  EXPECT_NEAR(front.x(), kW / 2, 1e-6);
  EXPECT_LT(front.y(), kH / 2);
  EXPECT_GT(right.x(), kW / 2);
  EXPECT_NEAR(right.y(), kH / 2, 1e-6);
}

TEST(BoxViewCamera, SideViewPutsTheHeadingRightAndTopUp) {
  const Cuboid b = car();
  const OrbitCamera c = boxViewCamera(b, BoxView::Side, kW / kH, 0.5);
  EXPECT_GT(px(c, faceCentre(b, Face::Front)).x(), kW / 2);
  EXPECT_LT(px(c, faceCentre(b, Face::Top)).y(), kH / 2);
  // Looking towards +y of the box: the right face is nearer the eye than the left.
  const Eigen::Vector3d eye = eyePosition(c);
  EXPECT_LT((faceCentre(b, Face::Right) - eye).norm(), (faceCentre(b, Face::Left) - eye).norm());
}

TEST(BoxViewCamera, FrontViewLooksAtTheFrontFaceWithTheBoxLeftOnTheRight) {
  const Cuboid b = car();
  const OrbitCamera c = boxViewCamera(b, BoxView::Front, kW / kH, 0.5);
  EXPECT_GT(px(c, faceCentre(b, Face::Left)).x(), kW / 2);
  EXPECT_LT(px(c, faceCentre(b, Face::Top)).y(), kH / 2);
  const Eigen::Vector3d eye = eyePosition(c);
  EXPECT_LT((faceCentre(b, Face::Front) - eye).norm(), (faceCentre(b, Face::Back) - eye).norm());
}

TEST(BoxViewCamera, EveryViewFramesTheBoxWithTheMarginAndTheTightSideTouchesIt) {
  const Cuboid b = car();
  for (BoxView v : {BoxView::Top, BoxView::Side, BoxView::Front}) {
    const OrbitCamera c = boxViewCamera(b, v, kW / kH, 0.5);
    const double pxPerMetre = 1.0 / metresPerPixel(c, kH);
    expectFramed(c, b, 0.5 * pxPerMetre - 1e-6);
    // The margin is exact on the tighter axis: some corner lies 0.5 m from a border.
    double nearest = 1e9;
    for (const Eigen::Vector3d& corner : b.corners()) {
      const Eigen::Vector2d q = px(c, corner);
      nearest = std::min({nearest, q.x(), kW - q.x(), q.y(), kH - q.y()});
    }
    EXPECT_NEAR(nearest, 0.5 * pxPerMetre, 1e-6) << static_cast<int>(v);
  }
}

TEST(BoxViewCamera, SlabKeepsTheBoxAndTheMarginInFrontOfTheEye) {
  const Cuboid b{Eigen::Vector3d(5, 0, 0), Eigen::Vector3d(16, 2.5, 3.8), 0.0, 0, 0};  // a bus
  const OrbitCamera c = boxViewCamera(b, BoxView::Front, kW / kH, 0.5);
  EXPECT_NEAR(c.slabHalfDepth, 8.5, 1e-12);
  EXPECT_GT(c.distance, c.slabHalfDepth);  // the whole slab is in front of the eye
}

TEST(FocusOn, CentresTheBoxAndFitsIt) {
  OrbitCamera c;  // perspective, default direction
  const Cuboid b = car();
  const OrbitCamera f = focusOn(c, b);
  EXPECT_TRUE(f.target.isApprox(b.center));
  EXPECT_DOUBLE_EQ(f.azimuth, c.azimuth);
  EXPECT_DOUBLE_EQ(f.elevation, c.elevation);
  expectFramed(f, b, 1.0);
}

TEST(OrbitAround, KeepsTheEyeAndLooksAtTheNewTarget) {
  OrbitCamera c;
  c.azimuth = 2.0;
  c.elevation = 0.6;
  const Eigen::Vector3d eye = eyePosition(c), p(14, 3, -1);
  const OrbitCamera o = orbitAround(c, p);
  EXPECT_TRUE(eyePosition(o).isApprox(eye, 1e-9));
  EXPECT_TRUE(o.target.isApprox(p));
  const auto centre = pixelOfPoint(o, kW, kH, p);
  ASSERT_TRUE(centre.has_value());
  EXPECT_NEAR(centre->x(), kW / 2, 1e-6);
}

TEST(BoxViewCamera, SubViewDrawsOnlyPointsInTheBoxSlab) {
  const Cuboid b = car();
  const OrbitCamera c = boxViewCamera(b, BoxView::Top, kW / kH, 0.5);
  // Two points in the view's frame: one on the box, one 3 m above it (outside the slab).
  PointCloud cloud;
  const Eigen::Vector3d in = b.center + Eigen::Vector3d(0.5, 0.2, 0);
  const Eigen::Vector3d above = b.center + Eigen::Vector3d(-0.8, -0.3, 3.0);
  cloud.push(in.x(), in.y(), in.z(), 0.f);
  cloud.push(above.x(), above.y(), above.z(), 0.f);
  OffscreenScene s;
  s.cloud = &cloud;
  s.rgb = {0, 255, 0, 255, 0, 0};
  s.camera = c;
  s.style.pointSize = 6;
  const RgbImage img = renderOffscreen(s, static_cast<int>(kW), static_cast<int>(kH));
  const Eigen::Vector2d pin = px(c, in), pabove = px(c, above);
  EXPECT_EQ(img.at(static_cast<int>(pin.x()), static_cast<int>(pin.y())), (Rgb{0, 255, 0}));
  EXPECT_NE(img.at(static_cast<int>(pabove.x()), static_cast<int>(pabove.y())), (Rgb{255, 0, 0}));
}

}  // namespace
}  // namespace lidarlabel
