// Handing a big sweep to the view: the presenter's progress dialog and its Cancel. Needs Xvfb.
#include <QProgressDialog>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>

#include <gtest/gtest.h>

#include "editor_fixture.h"
#include "lidarlabel/app/scene_presenter.h"
#include "lidarlabel/render/scene_view.h"
#include "qt_app.h"

namespace lidarlabel {
namespace {

struct Presented {
  QApplication& app = test::qtApp();  // before any widget
  Document doc;
  SceneView view;
  ScenePresenter presenter;
  explicit Presented(PresenterConfig config) : presenter(doc, view, nullptr, config) {
    view.resize(320, 240);
    view.show();
    EXPECT_TRUE(QTest::qWaitForWindowExposed(&view));
  }
};

PresenterConfig alwaysProgress() {
  PresenterConfig c;
  c.progressPoints = 1;  // every sweep counts as big
  c.progressDelayMs = 0;
  return c;
}

TEST(PresenterProgress, CancelInTheProgressDialogLeavesTheViewEmpty) {
  Presented p(alwaysProgress());
  QSignalSpy cancelled(&p.presenter, &ScenePresenter::drawCancelled);
  QSignalSpy shown(&p.presenter, &ScenePresenter::cloudShown);
  bool sawDialog = false;
  QTimer::singleShot(0, &p.view, [&] {  // runs while the dialog processes events
    if (auto* d = p.view.findChild<QProgressDialog*>(QStringLiteral("drawProgress"))) {
      sawDialog = true;
      d->cancel();
    }
  });
  test::openAnnotated(p.doc);
  EXPECT_TRUE(sawDialog);
  EXPECT_EQ(cancelled.count(), 1);
  EXPECT_EQ(shown.count(), 0);
  const PointCloud& c = *p.presenter.frameCloud();
  const auto px = p.view.projectToPixel({c.x[0], c.y[0], c.z[0]});
  if (px) {
    EXPECT_FALSE(p.view.pickPoint(px->x(), px->y(), 1e6).has_value());
  }
}

TEST(PresenterProgress, WithoutCancelTheSweepIsShown) {
  Presented p(alwaysProgress());
  QSignalSpy shown(&p.presenter, &ScenePresenter::cloudShown);
  test::openAnnotated(p.doc);
  EXPECT_EQ(shown.count(), 1);
  p.view.resetCamera(CameraPreset::BirdsEye);
  EXPECT_TRUE(p.view.pickPoint(160, 120, 1e6).has_value());
}

}  // namespace
}  // namespace lidarlabel
