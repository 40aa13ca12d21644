// Which points the view draws and picks: visibility mask, non-finite points, level of detail.
// Needs an X display (run under xvfb-run).
#include <QTest>
#include <limits>

#include <gtest/gtest.h>

#include "lidarlabel/render/scene_view.h"
#include "qt_app.h"

namespace lidarlabel {
namespace {

std::vector<std::uint8_t> solid(std::size_t n, Rgb c) {
  std::vector<std::uint8_t> rgb(3 * n);
  for (std::size_t i = 0; i < n; ++i) rgb[3 * i] = c.r, rgb[3 * i + 1] = c.g, rgb[3 * i + 2] = c.b;
  return rgb;
}

struct ShownView {
  QApplication& app = test::qtApp();  // before any widget
  SceneView view;
  ShownView() {
    view.resize(320, 320);
    SceneStyle s = view.style();
    s.pointSize = 6;
    view.setStyle(s);
    view.show();
    EXPECT_TRUE(QTest::qWaitForWindowExposed(&view));
  }
  int pixelsOf(Rgb c) { return test::countColor(view.grabFramebuffer(), c.r, c.g, c.b, 8); }
};

const Rgb kGreen{0, 230, 0}, kRed{230, 0, 0};

// Two points: index 0 ahead (green), index 1 to the left (red).
PointCloud twoPoints() {
  PointCloud c;
  c.push(10.f, 0.f, 0.f, 0.f);
  c.push(0.f, 10.f, 0.f, 0.f);
  return c;
}

TEST(SceneViewPoints, HiddenPointsAreNeitherDrawnNorPickedAndKeepTheirIndices) {
  ShownView v;
  const PointCloud cloud = twoPoints();
  v.view.setCloud(cloud, {kGreen.r, kGreen.g, kGreen.b, kRed.r, kRed.g, kRed.b});
  v.view.resetCamera(CameraPreset::BirdsEye);
  const auto p0 = *v.view.projectToPixel({10, 0, 0}), p1 = *v.view.projectToPixel({0, 10, 0});
  v.view.setVisiblePoints({0, 1});  // hide point 0
  EXPECT_EQ(v.pixelsOf(kGreen), 0);
  EXPECT_GT(v.pixelsOf(kRed), 0);
  EXPECT_FALSE(v.view.pickPoint(p0.x(), p0.y()).has_value());
  EXPECT_EQ(v.view.pickPoint(p1.x(), p1.y()), std::optional<std::size_t>(1));
  v.view.setVisiblePoints({});  // all again
  EXPECT_GT(v.pixelsOf(kGreen), 0);
  EXPECT_EQ(v.view.pickPoint(p0.x(), p0.y()), std::optional<std::size_t>(0));
}

TEST(SceneViewPoints, AMaskOfTheWrongSizeIsIgnored) {
  ShownView v;
  v.view.setCloud(twoPoints(), solid(2, kGreen));
  v.view.resetCamera(CameraPreset::BirdsEye);
  v.view.setVisiblePoints({0, 0, 0});
  EXPECT_GT(v.pixelsOf(kGreen), 0);
}

TEST(SceneViewPoints, NonFinitePointsAreNeverDrawnNorPickedAndTheRestIs) {
  ShownView v;
  PointCloud cloud = twoPoints();
  const float nan = std::numeric_limits<float>::quiet_NaN();
  cloud.push(nan, nan, nan, 0.f);
  cloud.push(std::numeric_limits<float>::infinity(), 0.f, 0.f, 0.f);
  v.view.setCloud(cloud, solid(cloud.size(), kGreen));
  v.view.resetCamera(CameraPreset::BirdsEye);
  EXPECT_GT(v.pixelsOf(kGreen), 0);  // the finite points still frame and draw
  const auto p1 = *v.view.projectToPixel({0, 10, 0});
  EXPECT_EQ(v.view.pickPoint(p1.x(), p1.y(), 1e6), std::optional<std::size_t>(1));
}

TEST(SceneViewPoints, ABigCloudDrawsTheLevelOfDetailWhenNewAndWhileOrbitingThenTheFullCloud) {
  ShownView v;
  SceneStyle s = v.view.style();
  s.lodPoints = 1000;  // a 20k-point cloud counts as big
  s.pointSize = 1;
  v.view.setStyle(s);
  PointCloud cloud;
  for (int i = 0; i < 20000; ++i)
    cloud.push(0.05f * (i % 200) - 5.f, 0.05f * (i / 200) - 5.f, 0.f, 0.f);
  v.view.setCloud(cloud, solid(cloud.size(), kGreen));
  v.view.resetCamera(CameraPreset::BirdsEye);
  v.view.setCamera(zoom(v.view.camera(), 8));
  // A new big cloud shows its level of detail first, then the full cloud.
  EXPECT_TRUE(v.view.drawingLevelOfDetail());
  ASSERT_TRUE(QTest::qWaitFor([&] { return !v.view.drawingLevelOfDetail(); }, 3000));
  const int full = v.pixelsOf(kGreen);
  QTest::mousePress(&v.view, Qt::LeftButton, Qt::NoModifier, QPoint(100, 100));
  QTest::mouseMove(&v.view, QPoint(102, 100));
  EXPECT_TRUE(v.view.drawingLevelOfDetail());
  const int moving = v.pixelsOf(kGreen);
  QTest::mouseRelease(&v.view, Qt::LeftButton, Qt::NoModifier, QPoint(102, 100));
  EXPECT_GT(moving, 0);
  EXPECT_LT(moving, full / 4);  // about 1 point in 20
  EXPECT_TRUE(QTest::qWaitFor([&] { return !v.view.drawingLevelOfDetail(); }, 3000));
  EXPECT_GT(v.pixelsOf(kGreen), moving * 4);
}

TEST(SceneViewPoints, SmallCloudsAreNeverDecimated) {
  ShownView v;
  v.view.setCloud(twoPoints(), solid(2, kGreen));
  QTest::mousePress(&v.view, Qt::LeftButton, Qt::NoModifier, QPoint(100, 100));
  QTest::mouseMove(&v.view, QPoint(110, 100));
  EXPECT_FALSE(v.view.drawingLevelOfDetail());
  QTest::mouseRelease(&v.view, Qt::LeftButton, Qt::NoModifier, QPoint(110, 100));
}

}  // namespace
}  // namespace lidarlabel
