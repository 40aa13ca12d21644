// Opening labelled layouts in the window and creating a box with one click. Needs Xvfb.
#include <QAction>
#include <QDoubleSpinBox>
#include <QMenu>
#include <QTableWidget>
#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

#include "desk_fixture.h"
#include "lidarlabel/app/box_tool.h"
#include "lidarlabel/app/object_list.h"
#include "lidarlabel/app/scene_presenter.h"
#include "lidarlabel/app/sub_views.h"
#include "lidarlabel/core/box_iou.h"
#include "lidarlabel/core/points_in_box.h"
#include "lidarlabel/io/ontology_io.h"

namespace lidarlabel {
namespace {

namespace fs = std::filesystem;

// A copy of a sample folder in the test's scratch folder (the workspace writes its lock and
// recovery files next to the data; the sample tree stays untouched).
std::string copyOfSample(const std::string& rel) {
  const fs::path dst = fs::path(test::scratchDir()) / fs::path(rel).filename();
  fs::copy(test::sampleData(rel), dst, fs::copy_options::recursive);
  return dst.string();
}

std::size_t nonDontCareRows(const std::string& labelFile) {
  std::ifstream in(labelFile);
  std::size_t n = 0;
  for (std::string line; std::getline(in, line);)
    if (!line.empty() && line.rfind("DontCare", 0) != 0) ++n;
  return n;
}

TEST(DeskOpen, TheKittiObjectSampleShowsOneBoxPerNonDontCareRow) {
  test::Desk d;
  const std::string folder = copyOfSample("kitti_object/training");
  ASSERT_TRUE(d.open(folder));
  for (std::size_t frame : {0u, 1u, 4u}) {
    d.doc().setCurrentFrame(frame);
    char name[32];
    std::snprintf(name, sizeof name, "/label_2/%06zu.txt", frame);
    const std::size_t rows = nonDontCareRows(folder + name);
    EXPECT_EQ(d.doc().objects(frame).size(), rows) << "frame " << frame;
    EXPECT_EQ(d.view().cuboidCount(), rows) << "frame " << frame;
    EXPECT_EQ(d.window.objectList()->table()->rowCount(), static_cast<int>(rows));
  }
}

TEST(DeskOpen, TheNuScenesSampleShowsItsSixtyNineBoxes) {
  test::Desk d;
  ASSERT_TRUE(d.open(copyOfSample("nuscenes")));
  EXPECT_EQ(d.doc().objects(0).size(), 69u);
  EXPECT_EQ(d.view().cuboidCount(), 69u);
  EXPECT_EQ(d.window.objectList()->table()->rowCount(), 69);
}

// The synthetic sample, frame 0, with its best-sampled car left unlabelled, seen from above.
struct UnlabelledCar : test::Desk {
  Cuboid truth;
  UnlabelledCar() {
    EXPECT_TRUE(open(copyOfSample("synthetic")));
    const PointCloud& cloud = *window.presenter()->shownCloud();
    std::optional<ObjectId> best;
    std::size_t most = 0;
    for (const ObjectAnnotation& o : doc().objects(0)) {
      const std::size_t n = indicesInBox(cloud, o.box).size();
      if (o.className == "car" && n > most) {
        most = n;
        best = o.trackId;
      }
    }
    EXPECT_TRUE(best.has_value());
    truth = object(*best).box;
    window.editor().remove({*best});
    doc().undoStack()->clear();
    QTest::keyClick(&view(), Qt::Key_B);  // bird's-eye camera
  }
  // A pixel of the main view showing a point of the car.
  QPointF pixelOnTheCar() {
    const PointCloud& cloud = *window.presenter()->shownCloud();
    const auto inside = indicesInBox(cloud, truth);
    EXPECT_GT(inside.size(), 20u);
    const std::uint32_t i = inside[inside.size() / 2];
    return test::pixel(view(), {cloud.x[i], cloud.y[i], cloud.z[i]});
  }
};

TEST(DeskOpen, OneClickOnAnUnlabelledCarCreatesAFittedBoxAsOneUndoStep) {
  UnlabelledCar d;
  QTest::keyClick(&d.view(), Qt::Key_N);  // create-by-click tool
  ASSERT_EQ(d.window.tool()->mode(), ToolMode::CreateClick);
  const std::size_t before = d.doc().objects(0).size();
  test::click(&d.view(), d.pixelOnTheCar());
  ASSERT_EQ(d.doc().objects(0).size(), before + 1);
  ASSERT_EQ(d.doc().selection().size(), 1u);
  const ObjectAnnotation& created = d.object(d.doc().selection().front());
  EXPECT_EQ(created.className, "car");
  EXPECT_GE(iou3d(created.box, d.truth), 0.7);
  EXPECT_EQ(d.undoCount(), 1);
  d.doc().undoStack()->undo();
  EXPECT_EQ(d.doc().objects(0).size(), before);
}

TEST(DeskOpen, AOneClickBoxOnACarInTheOncomingLaneFacesBackAndThePanelShowsIt) {
  UnlabelledCar d;  // car 27: in the oncoming lane, 3.5 m left of the sensor, facing back
  ASSERT_LT(std::abs(angleDiff(d.truth.yaw, M_PI)), 0.01);
  QTest::keyClick(&d.view(), Qt::Key_N);
  test::click(&d.view(), d.pixelOnTheCar());
  ASSERT_EQ(d.doc().selection().size(), 1u);
  const ObjectAnnotation& created = d.object(d.doc().selection().front());
  EXPECT_LT(std::abs(angleDiff(created.box.yaw, d.truth.yaw)), 0.2);
  const auto* yaw = d.window.findChild<QDoubleSpinBox*>(QStringLiteral("field_yaw"));
  ASSERT_NE(yaw, nullptr);
  EXPECT_GT(std::abs(yaw->value()), 170.0);  // degrees
}

TEST(DeskOpen, WithLeftHandTrafficChosenTheOncomingCarsOneClickBoxFacesForward) {
  UnlabelledCar d;  // car 27, 3.5 m left of the sensor: with left-hand traffic, on its own side
  auto* menu = d.window.findChild<QMenu*>(QStringLiteral("trafficMenu"));
  ASSERT_NE(menu, nullptr);
  auto* recorded = menu->findChild<QAction*>(QStringLiteral("trafficRecorded"));
  auto* left = menu->findChild<QAction*>(QStringLiteral("trafficLeft"));
  ASSERT_TRUE(recorded && left);
  // The synthetic sample records no side: the desk falls back to right-hand traffic.
  EXPECT_TRUE(recorded->isChecked());
  EXPECT_EQ(recorded->text(), QStringLiteral("&As the sequence records (none: right-hand)"));
  left->trigger();
  EXPECT_TRUE(left->isChecked());
  EXPECT_FALSE(recorded->isChecked());
  QTest::keyClick(&d.view(), Qt::Key_N);
  test::click(&d.view(), d.pixelOnTheCar());
  ASSERT_EQ(d.doc().selection().size(), 1u);
  const ObjectAnnotation& created = d.object(d.doc().selection().front());
  EXPECT_LT(std::abs(angleDiff(created.box.yaw, 0.0)), 0.2);
  const auto* yaw = d.window.findChild<QDoubleSpinBox*>(QStringLiteral("field_yaw"));
  ASSERT_NE(yaw, nullptr);
  EXPECT_LT(std::abs(yaw->value()), 10.0);  // degrees
  EXPECT_EQ(d.undoCount(), 1);              // the choice is a setting: only the box is an undo step
}

TEST(DeskOpen, TheSingaporeNuScenesSceneShowsLeftHandTrafficInTheTrafficMenu) {
  test::Desk d;
  ASSERT_TRUE(d.open(copyOfSample("nuscenes")));
  auto* menu = d.window.findChild<QMenu*>(QStringLiteral("trafficMenu"));
  ASSERT_NE(menu, nullptr);
  auto* recorded = menu->findChild<QAction*>(QStringLiteral("trafficRecorded"));
  ASSERT_NE(recorded, nullptr);
  EXPECT_TRUE(recorded->isChecked());
  EXPECT_EQ(recorded->text(), QStringLiteral("&As the sequence records (left-hand)"));
  EXPECT_EQ(d.window.editor().trafficConfig().side, TrafficSide::Left);
}

TEST(DeskOpen, ACreatedBoxAndTheSubViewsAppearOnScreenInTheClassColour) {
  UnlabelledCar d;
  const Rgb car = defaultOntology().colorOf("car");
  d.doc().setCurrentFrame(0);
  // Only the new box is drawn near the click: count car-coloured pixels around it.
  const QPointF p = d.pixelOnTheCar();
  const QRect around(p.toPoint() - QPoint(40, 40), QSize(80, 80));
  const int beforeCount =
      test::countColor(d.view().grabFramebuffer().copy(around), car.r, car.g, car.b);
  QTest::keyClick(&d.view(), Qt::Key_N);
  test::click(&d.view(), p);
  ASSERT_EQ(d.doc().selection().size(), 1u);
  const int afterCount =
      test::countColor(d.view().grabFramebuffer().copy(around), car.r, car.g, car.b);
  EXPECT_GT(afterCount, beforeCount + 30);
  for (SubViewKind k : {SubViewKind::Top, SubViewKind::Side, SubViewKind::Front}) {
    const QImage img = d.window.subViews()->view(k)->grabFramebuffer();
    EXPECT_GT(test::countColor(img, car.r, car.g, car.b), 100) << static_cast<int>(k);  // lines
    // The box is framed in the middle of the sub-view: a column just beside the handles on
    // the centre line crosses its edges.
    const QImage mid = img.copy(img.width() / 2 + 9, 0, 3, img.height());
    EXPECT_GT(test::countColor(mid, car.r, car.g, car.b), 2) << static_cast<int>(k);
  }
}

}  // namespace
}  // namespace lidarlabel
