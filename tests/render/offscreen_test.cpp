// Needs an X display (run under xvfb-run, see README).
#include "lidarlabel/render/offscreen.h"

#include <QImage>

#include <gtest/gtest.h>

#include "lidarlabel/render/pick.h"
#include "qt_app.h"

namespace lidarlabel {
namespace {

QImage toQImage(const RgbImage& img) {
  return QImage(img.rgb.data(), img.width, img.height, 3 * img.width, QImage::Format_RGB888).copy();
}

// A 40 m x 40 m grid of ground points, 0.5 m spacing.
PointCloud groundGrid() {
  PointCloud c;
  for (int i = -40; i <= 40; ++i)
    for (int j = -40; j <= 40; ++j) c.push(0.5f * i, 0.5f * j, -1.7f, 0.3f);
  return c;
}

OffscreenScene sceneWithBox(const PointCloud& cloud, bool withBox) {
  OffscreenScene s;
  s.cloud = &cloud;
  s.rgb.assign(3 * cloud.size(), 0);
  for (std::size_t i = 0; i < cloud.size(); ++i) s.rgb[3 * i + 1] = 200;  // green points
  if (withBox) {
    CuboidItem box;
    box.box.center = Eigen::Vector3d(8.0, 3.0, -0.9);
    box.box.size = Eigen::Vector3d(4.5, 1.9, 1.6);
    box.box.yaw = 0.4;
    box.color = Rgb{255, 0, 255};
    s.cuboids.push_back(box);
  }
  s.camera = chaseCamera(computeBounds(cloud));
  return s;
}

TEST(RenderOffscreen, DrawsPointsOnTheBackground) {
  test::qtApp();
  const PointCloud cloud = groundGrid();
  const QImage img = toQImage(renderOffscreen(sceneWithBox(cloud, false), 320, 240));
  EXPECT_GT(test::countColor(img, 0, 200, 0), 500);
  EXPECT_GT(test::countColor(img, 18, 20, 26, 2), 500);  // background still visible
}

TEST(RenderOffscreen, DrawsCuboidWireframeInItsExactColour) {
  test::qtApp();
  const PointCloud cloud = groundGrid();
  const QImage with = toQImage(renderOffscreen(sceneWithBox(cloud, true), 320, 240));
  const QImage without = toQImage(renderOffscreen(sceneWithBox(cloud, false), 320, 240));
  EXPECT_GT(test::countColor(with, 255, 0, 255, 0), 50);
  EXPECT_EQ(test::countColor(without, 255, 0, 255, 40), 0);
}

TEST(RenderOffscreen, SelectedCuboidIsDrawnWithThickerLines) {
  test::qtApp();
  const PointCloud cloud = groundGrid();
  OffscreenScene s = sceneWithBox(cloud, true);
  const int normal = test::countColor(toQImage(renderOffscreen(s, 320, 240)), 255, 0, 255, 0);
  s.cuboids[0].selected = true;
  const int selected = test::countColor(toQImage(renderOffscreen(s, 320, 240)), 255, 0, 255, 0);
  EXPECT_GT(selected, normal * 3 / 2);
}

TEST(RenderOffscreen, PickMatrixMatchesWhereThePointIsDrawn) {
  test::qtApp();
  PointCloud cloud;
  cloud.push(6.f, -4.f, 0.f, 0.f);
  OffscreenScene s;
  s.cloud = &cloud;
  s.rgb = {255, 255, 255};
  s.style.pointSize = 5.f;
  s.camera = birdsEyeCamera(Bounds{});
  const QImage img = toQImage(renderOffscreen(s, 300, 200));
  // Where the drawn white sprite is, the CPU pick must find the point.
  int sx = 0, sy = 0, n = 0;
  for (int y = 0; y < img.height(); ++y)
    for (int x = 0; x < img.width(); ++x)
      if (img.pixelColor(x, y) == QColor(255, 255, 255)) sx += x, sy += y, ++n;
  ASSERT_GT(n, 0);
  const Eigen::Matrix4d vp = viewProjectionMatrix(s.camera, 300.0 / 200.0);
  const double cx = sx / static_cast<double>(n) + 0.5, cy = sy / static_cast<double>(n) + 0.5;
  const auto hit = pickNearestPoint(cloud, vp, 300, 200, cx, cy, 2.0);
  EXPECT_EQ(hit, std::optional<std::size_t>(0));
}

}  // namespace
}  // namespace lidarlabel
