// Needs an X display (run under xvfb-run, see README).
// No-return points (NaN / Inf coordinates, kept so that point indices match the file) are never
// drawn: a sweep with them renders exactly like the same sweep without them.
#include <limits>

#include <gtest/gtest.h>

#include "lidarlabel/render/offscreen.h"
#include "qt_app.h"

namespace lidarlabel {
namespace {

constexpr float kNaN = std::numeric_limits<float>::quiet_NaN();
constexpr float kInf = std::numeric_limits<float>::infinity();

// A 40 m x 40 m grid of ground points, 0.5 m spacing, drawn green; with no-returns, a red
// no-return point (all-NaN, NaN z, Inf z, Inf x, -Inf y, in turn) before every third point.
OffscreenScene groundScene(PointCloud& cloud, bool withNoReturns) {
  OffscreenScene s;
  s.cloud = &cloud;
  int k = 0;
  for (int i = -40; i <= 40; ++i)
    for (int j = -40; j <= 40; ++j) {
      const float x = 0.5f * static_cast<float>(i), y = 0.5f * static_cast<float>(j);
      if (withNoReturns && k++ % 3 == 0) {
        const float p[5][3] = {
            {kNaN, kNaN, kNaN}, {x, y, kNaN}, {x, y, kInf}, {kInf, y, -1.7f}, {x, -kInf, -1.7f}};
        const float* q = p[(k / 3) % 5];
        cloud.push(q[0], q[1], q[2], 0.f);
        s.rgb.insert(s.rgb.end(), {255, 0, 0});
      }
      cloud.push(x, y, -1.7f, 0.3f);
      s.rgb.insert(s.rgb.end(), {0, 200, 0});
    }
  s.camera = chaseCamera(computeBounds(cloud));
  return s;
}

TEST(RenderNoReturnPoints, ASweepWithNoReturnsLooksExactlyLikeTheSweepWithout) {
  test::qtApp();
  PointCloud plain, mixed;
  const RgbImage a = renderOffscreen(groundScene(plain, false), 320, 240);
  const RgbImage b = renderOffscreen(groundScene(mixed, true), 320, 240);
  ASSERT_GT(mixed.size(), plain.size());
  ASSERT_EQ(a.rgb.size(), b.rgb.size());
  EXPECT_TRUE(a.rgb == b.rgb);
  int red = 0;
  for (int y = 0; y < b.height; ++y)
    for (int x = 0; x < b.width; ++x) red += b.at(x, y).r > 128 ? 1 : 0;
  EXPECT_EQ(red, 0);
}

}  // namespace
}  // namespace lidarlabel
