// The Qt 6 <-> VTK bridge in a real widget. Needs an X display (run under xvfb-run).
#include "lidarlabel/render/scene_view.h"

#include <QTest>
#include <QWheelEvent>

#include <gtest/gtest.h>

#include "qt_app.h"

namespace lidarlabel {
namespace {

PointCloud ring(float radius, int n) {
  PointCloud c;
  for (int i = 0; i < n; ++i) {
    const float a = 6.2831853f * i / n;
    c.push(radius * std::cos(a), radius * std::sin(a), -1.5f, 0.5f);
  }
  return c;
}

std::vector<std::uint8_t> solid(std::size_t n, std::uint8_t r, std::uint8_t g, std::uint8_t b) {
  std::vector<std::uint8_t> rgb(3 * n);
  for (std::size_t i = 0; i < n; ++i) rgb[3 * i] = r, rgb[3 * i + 1] = g, rgb[3 * i + 2] = b;
  return rgb;
}

TEST(SceneView, ShowsCloudAndCuboidInTheGrabbedFramebuffer) {
  test::qtApp();
  SceneView view;
  view.resize(480, 360);
  const PointCloud cloud = ring(12.f, 4000);
  view.setCloud(cloud, solid(cloud.size(), 0, 220, 0));
  view.setCuboids(
      {CuboidItem{Cuboid{Eigen::Vector3d(5, 0, -0.8), Eigen::Vector3d(4.5, 2, 1.6), 0.3, 0, 0},
                  Rgb{245, 150, 100}, false}});
  view.resetCamera(CameraPreset::BirdsEye);
  view.show();
  ASSERT_TRUE(QTest::qWaitForWindowExposed(&view));
  const QImage img = view.grabFramebuffer();
  EXPECT_GT(test::countColor(img, 0, 220, 0), 200);
  EXPECT_GT(test::countColor(img, 245, 150, 100), 50);
}

TEST(SceneView, RecolouringKeepsGeometryAndChangesPixels) {
  test::qtApp();
  SceneView view;
  view.resize(320, 240);
  const PointCloud cloud = ring(10.f, 3000);
  view.setCloud(cloud, solid(cloud.size(), 0, 220, 0));
  view.resetCamera(CameraPreset::BirdsEye);
  view.show();
  ASSERT_TRUE(QTest::qWaitForWindowExposed(&view));
  view.setColors(solid(cloud.size(), 230, 0, 0));
  const QImage img = view.grabFramebuffer();
  EXPECT_GT(test::countColor(img, 230, 0, 0), 200);
  EXPECT_EQ(test::countColor(img, 0, 220, 0), 0);
}

TEST(SceneView, PickPointFindsTheDrawnPointUnderTheCursor) {
  test::qtApp();
  SceneView view;
  view.resize(400, 300);
  PointCloud cloud;
  cloud.push(0.f, 0.f, -1.f, 0.f);  // centre of a bird's-eye view
  cloud.push(8.f, 0.f, -1.f, 0.f);  // above the centre on screen
  view.setCloud(cloud, solid(cloud.size(), 255, 255, 255));
  view.resetCamera(CameraPreset::BirdsEye);
  EXPECT_EQ(view.pickPoint(200, 150), std::optional<std::size_t>(0));
  EXPECT_FALSE(view.pickPoint(10, 10).has_value());
  const double metresPerPx = 2.0 * halfViewHeight(view.camera()) / 300.0;
  EXPECT_EQ(view.pickPoint(200, 150 - 8.0 / metresPerPx), std::optional<std::size_t>(1));
}

TEST(SceneView, MouseWheelForwardZoomsIn) {
  test::qtApp();
  SceneView view;
  view.resize(320, 240);
  const double before = view.camera().distance;
  QWheelEvent wheel(QPointF(160, 120), QPointF(160, 120), QPoint(), QPoint(0, 120), Qt::NoButton,
                    Qt::NoModifier, Qt::NoScrollPhase, false);
  QApplication::sendEvent(&view, &wheel);
  EXPECT_NEAR(view.camera().distance, 0.85 * before, 1e-9);
}

TEST(SceneView, LeftDragOrbitsAndRightDragPansTheCamera) {
  test::qtApp();
  SceneView view;
  view.resize(400, 300);
  view.show();
  ASSERT_TRUE(QTest::qWaitForWindowExposed(&view));
  const OrbitCamera start = view.camera();
  QTest::mousePress(&view, Qt::LeftButton, Qt::NoModifier, QPoint(100, 100));
  QTest::mouseMove(&view, QPoint(130, 100));
  QTest::mouseRelease(&view, Qt::LeftButton, Qt::NoModifier, QPoint(130, 100));
  const OrbitCamera orbited = view.camera();
  EXPECT_NEAR(orbited.azimuth, orbit(start, 30, 0, view.height()).azimuth, 1e-9);
  EXPECT_TRUE(orbited.target.isApprox(start.target));

  QTest::mousePress(&view, Qt::RightButton, Qt::NoModifier, QPoint(100, 100));
  QTest::mouseMove(&view, QPoint(100, 120));
  QTest::mouseRelease(&view, Qt::RightButton, Qt::NoModifier, QPoint(100, 120));
  EXPECT_TRUE(view.camera().target.isApprox(pan(orbited, 0, 20, view.height()).target, 1e-9));
  EXPECT_DOUBLE_EQ(view.camera().azimuth, orbited.azimuth);
}

// Records what it receives; consumes left-button presses, moves and releases when `consume`.
struct RecordingTool : ViewTool {
  bool consume = false;
  std::vector<ViewInput> inputs;
  bool viewInput(SceneView&, const ViewInput& in) override {
    inputs.push_back(in);
    return consume && (in.button == Qt::LeftButton || (in.buttons & Qt::LeftButton));
  }
};

void leftDrag(SceneView& view, QPoint from, QPoint to) {
  QTest::mousePress(&view, Qt::LeftButton, Qt::NoModifier, from);
  QTest::mouseMove(&view, to);
  QTest::mouseRelease(&view, Qt::LeftButton, Qt::NoModifier, to);
}

TEST(SceneView, ToolThatConsumesALeftDragStopsTheOrbit) {
  test::qtApp();
  SceneView view;
  view.resize(400, 300);
  RecordingTool tool;
  tool.consume = true;
  view.setTool(&tool);
  view.show();
  ASSERT_TRUE(QTest::qWaitForWindowExposed(&view));
  const OrbitCamera start = view.camera();
  leftDrag(view, QPoint(100, 100), QPoint(160, 130));
  EXPECT_DOUBLE_EQ(view.camera().azimuth, start.azimuth);
  EXPECT_DOUBLE_EQ(view.camera().elevation, start.elevation);
  ASSERT_GE(tool.inputs.size(), 3u);
  EXPECT_EQ(tool.inputs.front().type, ViewInput::Type::Press);
  EXPECT_EQ(tool.inputs.front().button, Qt::LeftButton);
  EXPECT_EQ(tool.inputs.back().type, ViewInput::Type::Release);
}

TEST(SceneView, ToolThatDeclinesLeavesTheOrbitToTheCamera) {
  test::qtApp();
  SceneView view;
  view.resize(400, 300);
  RecordingTool tool;
  view.setTool(&tool);
  view.show();
  ASSERT_TRUE(QTest::qWaitForWindowExposed(&view));
  const OrbitCamera start = view.camera();
  leftDrag(view, QPoint(100, 100), QPoint(130, 100));
  EXPECT_NEAR(view.camera().azimuth, orbit(start, 30, 0, view.height()).azimuth, 1e-9);
  EXPECT_GE(tool.inputs.size(), 3u);
}

TEST(SceneView, ToolInputCarriesThePixelAndTheRayThroughIt) {
  test::qtApp();
  SceneView view;
  view.resize(400, 300);
  view.resetCamera(CameraPreset::BirdsEye);
  RecordingTool tool;
  view.setTool(&tool);
  view.show();
  ASSERT_TRUE(QTest::qWaitForWindowExposed(&view));
  const auto px = view.projectToPixel(Eigen::Vector3d(6, 3, 0));
  ASSERT_TRUE(px.has_value());
  QTest::mouseDClick(
      &view, Qt::LeftButton, Qt::NoModifier,
      QPoint(static_cast<int>(std::lround(px->x())), static_cast<int>(std::lround(px->y()))));
  ASSERT_FALSE(tool.inputs.empty());
  const ViewInput& in = tool.inputs.back();
  EXPECT_EQ(in.type, ViewInput::Type::DoubleClick);
  Eigen::Vector3d hit;
  ASSERT_TRUE(in.ray.hitHorizontalPlane(0.0, &hit));
  const double mpp = metresPerPixel(view.camera(), view.height());
  EXPECT_NEAR(hit.x(), 6.0, mpp);  // within the pixel rounding
  EXPECT_NEAR(hit.y(), 3.0, mpp);
}

}  // namespace
}  // namespace lidarlabel
