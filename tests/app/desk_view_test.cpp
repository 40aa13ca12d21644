// What the main view shows of the frame: hide ground as a visibility mask on the shared sweep,
// and the focus / orbit keys through render's camera API. Needs Xvfb.
#include <gtest/gtest.h>

#include "app_fixture.h"
#include "desk_fixture.h"
#include "lidarlabel/app/scene_presenter.h"
#include "lidarlabel/core/ground.h"
#include "lidarlabel/render/scene_view.h"

namespace lidarlabel {
namespace {

struct Opened : test::Desk {
  Opened() {
    EXPECT_TRUE(open(test::writeAnnotatedSequence(test::scratchDir())));
    QTest::keyClick(&view(), Qt::Key_B);  // bird's-eye camera
  }
};

TEST(DeskView, HideGroundHidesGroundPointsAndPickingKeepsTheFramesIndices) {
  Opened d;
  ScenePresenter& p = *d.window.presenter();
  const auto cloud = p.frameCloud();
  ASSERT_TRUE(cloud);
  const GroundResult g = removeGround(*cloud);
  ASSERT_GT(g.groundCount, 0u);
  std::size_t ground = 0;
  while (!g.isGround[ground]) ++ground;
  const QPointF px = test::pixel(d.view(), {cloud->x[ground], cloud->y[ground], cloud->z[ground]});
  ASSERT_TRUE(d.view().pickPoint(px.x(), px.y(), 1.0).has_value());

  p.setHideGround(true);
  EXPECT_EQ(p.shownCloud(), p.frameCloud());  // masked, not copied: indices are the frame's
  const auto hidden = d.view().pickPoint(px.x(), px.y(), 1.0);
  if (hidden) {
    EXPECT_FALSE(g.isGround[*hidden]);  // only a non-ground point can be under it
  }

  p.setHideGround(false);
  const auto again = d.view().pickPoint(px.x(), px.y(), 1.0);
  ASSERT_TRUE(again.has_value());
}

TEST(DeskView, FocusCentresTheSelectedBoxAndOrbitKeepsTheEye) {
  Opened d;
  d.window.editor().select({1});
  const Cuboid box = d.object(1).box;
  QTest::keyClick(&d.view(), Qt::Key_F);
  EXPECT_EQ(d.view().camera().target, box.center);
  const OrbitCamera focused = d.view().camera();
  EXPECT_EQ(focused.distance, focusOn(focused, box).distance);

  OrbitCamera away = focused;
  away.target = Eigen::Vector3d(0, 0, 0);
  d.view().setCamera(away);
  const Eigen::Vector3d eye = eyePosition(away);
  QTest::keyClick(&d.view(), Qt::Key_O);
  EXPECT_EQ(d.view().camera().target, box.center);
  EXPECT_LT((eyePosition(d.view().camera()) - eye).norm(), 1e-6);
}

}  // namespace
}  // namespace lidarlabel
