// Keyed boxes, handles and the rubber band in a real widget, checked on the grabbed framebuffer.
// Needs an X display (run under xvfb-run).
#include <QTest>

#include <gtest/gtest.h>

#include "lidarlabel/render/scene_view.h"
#include "qt_app.h"

namespace lidarlabel {
namespace {

// Pixels of colour (r, g, b) within `radius` pixels of (x, y).
int colorNear(const QImage& image, Eigen::Vector2d at, int radius, Rgb c) {
  const QRect r(static_cast<int>(at.x()) - radius, static_cast<int>(at.y()) - radius,
                2 * radius + 1, 2 * radius + 1);
  return test::countColor(image.copy(r), c.r, c.g, c.b, 8);
}

CuboidItem car(double x, double y, Rgb color) {
  return {Cuboid{Eigen::Vector3d(x, y, -0.8), Eigen::Vector3d(4.0, 2.0, 1.6), 0.0, 0, 0}, color,
          false};
}

// Bird's-eye view of the 40 m around the sensor, shown and exposed.
struct ShownView {
  QApplication& app = test::qtApp();  // before any widget
  SceneView view;
  ShownView() {
    view.resize(400, 400);
    view.resetCamera(CameraPreset::BirdsEye);
    view.show();
    EXPECT_TRUE(QTest::qWaitForWindowExposed(&view));
  }
  // The pixel of the middle of a box's front edge (top face, x = centre + length / 2).
  Eigen::Vector2d frontEdge(const CuboidItem& item) {
    const Cuboid& b = item.box;
    return *view.projectToPixel(b.center + Eigen::Vector3d(b.length() / 2, 0.5, b.height() / 2));
  }
};

const Rgb kRed{250, 40, 40}, kBlue{40, 90, 250}, kYellow{240, 230, 30};

TEST(SceneViewBoxes, KeyedBoxAppearsInItsColourWhereProjectToPixelSays) {
  ShownView v;
  const CuboidItem a = car(10, 5, kRed);
  v.view.setCuboid(7, a);
  const QImage img = v.view.grabFramebuffer();
  EXPECT_GT(colorNear(img, v.frontEdge(a), 2, kRed), 0);
  EXPECT_EQ(colorNear(img, v.frontEdge(car(-10, -5, kRed)), 2, kRed), 0);  // nothing elsewhere
  EXPECT_EQ(v.view.cuboidCount(), 1u);
}

TEST(SceneViewBoxes, RemovingAKeyedBoxRemovesItsPixelsAndKeepsTheOthers) {
  ShownView v;
  const CuboidItem a = car(10, 5, kRed), b = car(-8, -6, kBlue);
  v.view.setCuboid(1, a);
  v.view.setCuboid(2, b);
  v.view.removeCuboid(1);
  const QImage img = v.view.grabFramebuffer();
  EXPECT_EQ(test::countColor(img, kRed.r, kRed.g, kRed.b, 8), 0);
  EXPECT_GT(colorNear(img, v.frontEdge(b), 2, kBlue), 0);
  EXPECT_EQ(v.view.cuboidCount(), 1u);
}

TEST(SceneViewBoxes, SettingAnExistingKeyMovesThatBoxOnly) {
  ShownView v;
  const CuboidItem a = car(10, 5, kRed), b = car(-8, -6, kBlue);
  v.view.setCuboid(1, a);
  v.view.setCuboid(2, b);
  (void)v.view.grabFramebuffer();
  const CuboidItem moved = car(0, 12, kYellow);
  v.view.setCuboid(1, moved);
  const QImage img = v.view.grabFramebuffer();
  EXPECT_EQ(colorNear(img, v.frontEdge(a), 2, kRed), 0);
  EXPECT_GT(colorNear(img, v.frontEdge(moved), 2, kYellow), 0);
  EXPECT_GT(colorNear(img, v.frontEdge(b), 2, kBlue), 0);
  EXPECT_EQ(v.view.cuboidCount(), 2u);
}

TEST(SceneViewBoxes, ManyKeyedBoxesAcrossChunksAreAllDrawnAndCounted) {
  ShownView v;
  // 150 boxes on a grid (more than two chunks), then every other one removed.
  for (int k = 0; k < 150; ++k)
    v.view.setCuboid(k, car(-30 + 5 * (k % 13), -30 + 5 * (k / 13), kRed));
  for (int k = 0; k < 150; k += 2) v.view.removeCuboid(k);
  EXPECT_EQ(v.view.cuboidCount(), 75u);
  const QImage img = v.view.grabFramebuffer();
  for (int k : {1, 73, 149})
    EXPECT_GT(
        colorNear(img, v.frontEdge(car(-30 + 5 * (k % 13), -30 + 5 * (k / 13), kRed)), 2, kRed), 0)
        << "box " << k;
  for (int k : {0, 74, 148})
    EXPECT_EQ(
        colorNear(img, v.frontEdge(car(-30 + 5 * (k % 13), -30 + 5 * (k / 13), kRed)), 1, kRed), 0)
        << "box " << k;
}

TEST(SceneViewBoxes, SelectingAKeyedBoxKeepsOneBoxAndDrawsItThicker) {
  ShownView v;
  CuboidItem a = car(10, 5, kRed);
  v.view.setCuboid(3, a);
  const int thin = test::countColor(v.view.grabFramebuffer(), kRed.r, kRed.g, kRed.b, 8);
  a.selected = true;
  v.view.setCuboid(3, a);
  const int thick = test::countColor(v.view.grabFramebuffer(), kRed.r, kRed.g, kRed.b, 8);
  EXPECT_EQ(v.view.cuboidCount(), 1u);
  EXPECT_GT(thick, thin * 3 / 2);
}

TEST(SceneViewBoxes, SetCuboidsReplacesEveryKeyedBox) {
  ShownView v;
  v.view.setCuboid(100, car(10, 5, kRed));
  v.view.setCuboids({car(-8, -6, kBlue), car(0, 12, kBlue)});
  EXPECT_EQ(v.view.cuboidCount(), 2u);
  EXPECT_EQ(test::countColor(v.view.grabFramebuffer(), kRed.r, kRed.g, kRed.b, 8), 0);
  v.view.clearCuboids();
  EXPECT_EQ(v.view.cuboidCount(), 0u);
}

TEST(SceneViewBoxes, HandleAppearsAtItsPixelWithTheSameSizeAtAnyZoom) {
  ShownView v;
  HandleItem h;
  h.position = Eigen::Vector3d(6, -4, 0);
  h.color = Rgb{255, 0, 255};
  h.sizePx = 12;
  v.view.setHandles({h});
  const auto px = v.view.projectToPixel(h.position);
  ASSERT_TRUE(px.has_value());
  const QImage img = v.view.grabFramebuffer();
  EXPECT_GT(colorNear(img, *px, 3, h.color), 40);  // the 7x7 window around it is filled
  const int area = test::countColor(img, 255, 0, 255, 8);
  EXPECT_NEAR(area, 10 * 10, 40);  // 12 px minus the dark outline
  v.view.setCamera(zoom(v.view.camera(), 4));
  const auto zoomed = v.view.projectToPixel(h.position);
  const QImage img2 = v.view.grabFramebuffer();
  EXPECT_GT(colorNear(img2, *zoomed, 3, h.color), 40);
  EXPECT_NEAR(test::countColor(img2, 255, 0, 255, 8), area, 8);
  v.view.setHandles({});
  EXPECT_EQ(test::countColor(v.view.grabFramebuffer(), 255, 0, 255, 8), 0);
}

TEST(SceneViewBoxes, RoundHandleIsACircleNotASquare) {
  ShownView v;
  HandleItem h;
  h.position = Eigen::Vector3d(0, 0, 0);
  h.color = Rgb{0, 255, 255};
  h.round = true;
  h.sizePx = 20;
  v.view.setHandles({h});
  const auto px = *v.view.projectToPixel(h.position);
  const QImage img = v.view.grabFramebuffer();
  EXPECT_GT(colorNear(img, px, 2, h.color), 20);
  // The square's corner region (8..9 px off-centre diagonally) is outside the circle.
  EXPECT_EQ(colorNear(img, px + Eigen::Vector2d(8.5, 8.5), 1, h.color), 0);
}

TEST(SceneViewBoxes, RubberBandOutlinesItsPixelRectangle) {
  ShownView v;
  SceneStyle style = v.view.style();
  style.rubberBand = Rgb{255, 160, 0};
  v.view.setStyle(style);
  v.view.setRubberBand(QRectF(QPointF(100, 120), QPointF(300, 220)));
  const QImage img = v.view.grabFramebuffer();
  const Rgb c = style.rubberBand;
  EXPECT_GT(colorNear(img, {200, 120}, 2, c), 0);   // top edge
  EXPECT_GT(colorNear(img, {200, 220}, 2, c), 0);   // bottom edge
  EXPECT_GT(colorNear(img, {100, 170}, 2, c), 0);   // left edge
  EXPECT_GT(colorNear(img, {300, 170}, 2, c), 0);   // right edge
  EXPECT_EQ(colorNear(img, {200, 170}, 20, c), 0);  // outline only
  v.view.setRubberBand(std::nullopt);
  EXPECT_EQ(test::countColor(v.view.grabFramebuffer(), c.r, c.g, c.b, 8), 0);
}

}  // namespace
}  // namespace lidarlabel
