// The view shares the caller's cloud (no copy of x/y/z) and hands a big one over with progress
// and cancel. Needs an X display (run under xvfb-run).
#include <QTest>
#include <memory>

#include <gtest/gtest.h>

#include "lidarlabel/render/scene_view.h"
#include "qt_app.h"

namespace lidarlabel {
namespace {

const Rgb kGreen{0, 230, 0};

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
  int greenPixels() { return test::countColor(view.grabFramebuffer(), 0, 230, 0, 8); }
};

// n points on a 10 m wide grid ahead of the sensor, all green.
std::shared_ptr<const PointCloud> grid(std::size_t n) {
  auto c = std::make_shared<PointCloud>();
  for (std::size_t i = 0; i < n; ++i)
    c->push(5.f + 10.f * static_cast<float>(i % 100) / 100.f,
            -5.f + 10.f * static_cast<float>(i / 100 % 100) / 100.f, 0.f, 0.f);
  return c;
}

std::vector<std::uint8_t> green(std::size_t n) {
  std::vector<std::uint8_t> rgb(3 * n);
  for (std::size_t i = 0; i < n; ++i) rgb[3 * i + 1] = kGreen.g;
  return rgb;
}

TEST(SceneViewSharedCloud, KeepsTheCallersCloudWithoutACopyUntilTheNextOne) {
  ShownView v;
  const auto cloud = grid(1000);
  ASSERT_TRUE(v.view.setCloud(cloud, green(1000)));
  EXPECT_EQ(cloud.use_count(), 2);  // the view holds the same cloud, not a copy
  v.view.resetCamera(CameraPreset::BirdsEye);
  EXPECT_GT(v.greenPixels(), 0);
  v.view.clearCloud();
  EXPECT_EQ(cloud.use_count(), 1);
  EXPECT_EQ(v.greenPixels(), 0);
}

TEST(SceneViewSharedCloud, PicksFromTheSharedCloudByIndex) {
  ShownView v;
  const auto cloud = grid(10'000);
  v.view.setCloud(cloud, green(cloud->size()));
  v.view.resetCamera(CameraPreset::BirdsEye);
  const std::size_t k = 4321;
  const auto px = *v.view.projectToPixel({cloud->x[k], cloud->y[k], cloud->z[k]});
  const auto picked = v.view.pickPoint(px.x(), px.y(), 0.5);
  ASSERT_TRUE(picked.has_value());
  EXPECT_NEAR(cloud->x[*picked], cloud->x[k], 0.11);
  EXPECT_NEAR(cloud->y[*picked], cloud->y[k], 0.11);
}

TEST(SceneViewSharedCloud, ProgressCountsUpToTheTotalAndTheCloudIsShown) {
  ShownView v;
  const auto cloud = grid(3'000'000);
  std::size_t last = 0, total = 0, calls = 0;
  bool monotone = true;
  const bool ok = v.view.setCloud(cloud, green(cloud->size()), [&](std::size_t d, std::size_t t) {
    monotone = monotone && d >= last && (total == 0 || t == total);
    last = d, total = t, ++calls;
    return true;
  });
  EXPECT_TRUE(ok);
  EXPECT_TRUE(monotone);
  EXPECT_GE(calls, 3u);  // reported along the way, not only at the end
  EXPECT_EQ(last, total);
  v.view.resetCamera(CameraPreset::BirdsEye);
  EXPECT_GT(v.greenPixels(), 0);
}

TEST(SceneViewSharedCloud, CancellingLeavesTheViewEmptyAndReleasesTheCloud) {
  ShownView v;
  const auto cloud = grid(3'000'000);
  std::size_t calls = 0;
  const bool ok = v.view.setCloud(cloud, green(cloud->size()),
                                  [&](std::size_t, std::size_t) { return ++calls < 2; });
  EXPECT_FALSE(ok);
  EXPECT_EQ(calls, 2u);  // stopped at the first refusal
  EXPECT_EQ(cloud.use_count(), 1);
  v.view.resetCamera(CameraPreset::BirdsEye);
  EXPECT_EQ(v.greenPixels(), 0);
  const auto px = *v.view.projectToPixel({cloud->x[0], cloud->y[0], cloud->z[0]});
  EXPECT_FALSE(v.view.pickPoint(px.x(), px.y()).has_value());
}

}  // namespace
}  // namespace lidarlabel
