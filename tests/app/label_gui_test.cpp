// Point labelling in the real window under Xvfb: brush and lasso strokes with real mouse events
// select exactly the points core's selection predicts for the view's camera; the ground action,
// fill from box, no disagreement left, the colours on screen, save, and a SemanticKITTI export
// of the saved frame that passes the format's conformance checks.
#include <QComboBox>
#include <QPushButton>

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

#include "../io/conformance_support.h"
#include "app_fixture.h"
#include "desk_fixture.h"
#include "label_fixture.h"
#include "lidarlabel/app/disagreement_list.h"
#include "lidarlabel/app/label_panel.h"
#include "lidarlabel/app/label_tool.h"
#include "lidarlabel/app/scene_presenter.h"
#include "lidarlabel/app/sub_views.h"
#include "lidarlabel/core/box_edit.h"
#include "lidarlabel/core/label_colors.h"
#include "lidarlabel/core/points_in_box.h"
#include "lidarlabel/io/native_format.h"
#include "lidarlabel/io/semantic_kitti.h"
#include "lidarlabel/render/view_ray.h"

namespace lidarlabel {
namespace {

namespace fs = std::filesystem;
using test::Desk;
using test::sendMouse;

constexpr std::uint16_t kRoad = 40, kCar = 10, kSidewalk = 48;

// The desk on the SemanticKITTI frames (frame 0: car 1) with frame 0's labels erased, coloured
// by label, seen from the bird's-eye camera.
struct LabelDesk : Desk {
  LabelDesk() {
    const std::string folder = test::writeAnnotatedSequence(test::scratchDir());
    {
      Document d;
      d.open(folder);
      test::putCarOnARealCar(d);
      saveNativeSequence(d.sequence(), folder + "/" + kNativeFileName);
    }
    EXPECT_TRUE(open(folder));
    const std::size_t n = doc().cloud(0)->size();
    std::vector<std::uint32_t> all(n);
    for (std::uint32_t i = 0; i < n; ++i) all[i] = i;
    doc().setPointLabels(0, all, 0, 0);
    doc().undoStack()->clear();
    QTest::keyClick(&view(), Qt::Key_4);  // colour by label
    QTest::keyClick(&view(), Qt::Key_B);  // bird's-eye camera
    QApplication::processEvents();
  }
  PointLabels labels() { return *doc().pointLabels(0); }
  ProjectedPoints projected() {
    const ScreenProjection p = screenProjection(view().camera(), view().width(), view().height());
    const std::vector<std::uint8_t> drawn = window.presenter()->drawnMask();
    return projectPoints(*doc().cloud(0), p, &drawn);
  }
  // A pixel of the 3D view at fractions of its size.
  QPointF at(double fx, double fy) { return QPointF(fx * view().width(), fy * view().height()); }
  void chooseClass(const QString& name) {
    auto* combo = window.labelPanel()->findChild<QComboBox*>(QStringLiteral("labelClass"));
    combo->setCurrentIndex(combo->findText(name));
  }
};

std::vector<std::uint32_t> withSemantic(const PointLabels& l, std::uint16_t sem) {
  std::vector<std::uint32_t> v;
  for (std::uint32_t i = 0; i < l.size(); ++i)
    if (l.semantic[i] == sem) v.push_back(i);
  return v;
}

std::vector<std::uint32_t> merged(std::vector<std::uint32_t> a,
                                  const std::vector<std::uint32_t>& b) {
  a.insert(a.end(), b.begin(), b.end());
  std::sort(a.begin(), a.end());
  a.erase(std::unique(a.begin(), a.end()), a.end());
  return a;
}

TEST(LabelGui, BrushStrokeLabelsExactlyThePointsUnderItsPathAsOneUndoStep) {
  LabelDesk d;
  QTest::keyClick(&d.view(), Qt::Key_W);
  ASSERT_TRUE(d.window.labelling());
  d.chooseClass(QStringLiteral("sidewalk"));
  const double r = d.window.labelTool()->radius();
  const ProjectedPoints pts = d.projected();
  const QPointF a = d.at(0.3, 0.4), b = d.at(0.6, 0.55);
  std::vector<std::uint32_t> expected = pointsInCircle(pts, {a.x(), a.y()}, r);
  QPointF last = a;
  sendMouse(&d.view(), QEvent::MouseButtonPress, a, Qt::LeftButton, Qt::LeftButton);
  for (int i = 1; i <= 8; ++i) {
    const QPointF p = a + (b - a) * (i / 8.0);
    sendMouse(&d.view(), QEvent::MouseMove, p, Qt::NoButton, Qt::LeftButton);
    expected = merged(expected, pointsNearSegment(pts, {last.x(), last.y()}, {p.x(), p.y()}, r));
    last = p;
  }
  sendMouse(&d.view(), QEvent::MouseButtonRelease, b, Qt::LeftButton, Qt::NoButton);
  ASSERT_GT(expected.size(), 10u);
  EXPECT_EQ(withSemantic(d.labels(), kSidewalk), expected);
  EXPECT_EQ(d.undoCount(), 1);
  d.doc().undoStack()->undo();
  EXPECT_TRUE(withSemantic(d.labels(), kSidewalk).empty());
}

TEST(LabelGui, LassoLabelsExactlyThePointsInsideThePolygon) {
  LabelDesk d;
  QTest::keyClick(&d.view(), Qt::Key_L);
  d.chooseClass(QStringLiteral("vegetation"));
  const ProjectedPoints pts = d.projected();
  const std::vector<QPointF> corners = {d.at(0.2, 0.25), d.at(0.8, 0.3), d.at(0.5, 0.75)};
  sendMouse(&d.view(), QEvent::MouseButtonPress, corners[0], Qt::LeftButton, Qt::LeftButton);
  sendMouse(&d.view(), QEvent::MouseMove, corners[1], Qt::NoButton, Qt::LeftButton);
  sendMouse(&d.view(), QEvent::MouseMove, corners[2], Qt::NoButton, Qt::LeftButton);
  EXPECT_EQ(d.view().overlayPathCount(), 1u);  // the lasso being drawn
  sendMouse(&d.view(), QEvent::MouseButtonRelease, corners[2], Qt::LeftButton, Qt::NoButton);
  std::vector<Eigen::Vector2d> poly;
  for (const QPointF& c : corners) poly.emplace_back(c.x(), c.y());
  const std::vector<std::uint32_t> expected = pointsInPolygon(pts, poly);
  ASSERT_GT(expected.size(), 10u);
  const auto veg = d.window.editor().semanticIdOf("vegetation");
  EXPECT_EQ(withSemantic(d.labels(), *veg), expected);
  EXPECT_EQ(d.undoCount(), 1);
}

TEST(LabelGui, RoadSidewalkAndCarByGroundBrushAndFillLeaveNoDisagreementAndSaveConformingLabels) {
  LabelDesk d;
  QTest::keyClick(&d.view(), Qt::Key_G, Qt::ControlModifier | Qt::ShiftModifier);  // ground
  const auto ground = d.window.editor().ground(0);
  EXPECT_EQ(withSemantic(d.labels(), kRoad).size(), ground->groundCount);
  // A strip of the ground brushed as sidewalk: what the brush takes is no longer road.
  QTest::keyClick(&d.view(), Qt::Key_W);
  d.chooseClass(QStringLiteral("sidewalk"));
  test::drag(&d.view(), d.at(0.2, 0.7), d.at(0.8, 0.7));
  EXPECT_GT(withSemantic(d.labels(), kSidewalk).size(), 10u);
  EXPECT_LT(withSemantic(d.labels(), kRoad).size() + 10, ground->groundCount);
  d.window.editor().select({1});
  QTest::keyClick(&d.view(), Qt::Key_B, Qt::ControlModifier);  // fill from the selected box
  const auto inside = indicesInBox(*d.doc().cloud(0), d.doc().object(0, 1)->box);
  const PointLabels l = d.labels();
  for (std::uint32_t i : inside) {
    ASSERT_EQ(l.semantic[i], kCar);
    ASSERT_EQ(l.instance[i], 1);
  }
  EXPECT_EQ(d.undoCount(), 3);

  d.window.disagreementList()->refresh();
  EXPECT_EQ(d.window.disagreementList()->total(), 0u);
  // On screen: road and car colours in label mode; no disagreement colour in that mode.
  const Rgb road = d.doc().ontology().find("road")->color;
  auto count = [&](Rgb c) {
    QApplication::processEvents();
    const QImage img = d.view().grabFramebuffer().convertToFormat(QImage::Format_RGB888);
    int n = 0;
    for (int y = 0; y < img.height(); ++y)
      for (int x = 0; x < img.width(); ++x) n += img.pixelColor(x, y) == QColor(c.r, c.g, c.b);
    return n;
  };
  EXPECT_GT(count(road), 200);
  QTest::keyClick(&d.view(), Qt::Key_6);  // colour by disagreement
  EXPECT_EQ(d.window.coloring(), PointColoring::Disagreement);
  EXPECT_EQ(count(kOutsideOwnBoxColor) + count(kInsideOtherBoxColor), 0);

  QTest::keyClick(&d.view(), Qt::Key_S, Qt::ControlModifier);  // save
  EXPECT_FALSE(d.doc().isModified());
  const Sequence saved = loadNativeSequence(d.window.workspace().documentPath());
  ASSERT_FALSE(saved.frames[0].pointLabelPath.empty());
  const std::string out = d.doc().folder() + "/semantickitti_export";
  exportSemanticKitti(saved, out);
  conformance::checkSemanticKitti(out + "/labels",
                                  test::sampleData("semantickitti/sequences/00/velodyne"));
  EXPECT_EQ(readSemanticKittiLabels(out + "/labels/000000.label"), l);
}

TEST(LabelGui, MovingALabelledBoxOffersToUpdateItsPointsWithoutADialog) {
  LabelDesk d;
  d.window.editor().select({1});
  d.window.editor().fillFromBoxes({1});
  QPushButton* offer = d.window.labelPanel()->offerButton();
  EXPECT_FALSE(offer->isVisible());
  QTest::keyClick(&d.view(), Qt::Key_Up);  // nudge forward
  EXPECT_TRUE(offer->isVisible());
  EXPECT_EQ(d.window.labelPanel()->offeredBox(), 1u);
  QTest::mouseClick(offer, Qt::LeftButton);
  EXPECT_FALSE(offer->isVisible());
  EXPECT_EQ(d.window.editor().disagreements(0).total, 0u);
}

TEST(LabelGui, HiddenClassesAreNotDrawnNorPainted) {
  LabelDesk d;
  QTest::keyClick(&d.view(), Qt::Key_G, Qt::ControlModifier | Qt::ShiftModifier);
  d.window.presenter()->setHiddenClasses({kRoad});
  const std::vector<std::uint8_t> drawn = d.window.presenter()->drawnMask();
  const PointLabels l = d.labels();
  for (std::uint32_t i = 0; i < l.size(); ++i) ASSERT_EQ(drawn[i] != 0, l.semantic[i] != kRoad);
  // A brush over everything paints only drawn points: the road stays road.
  QTest::keyClick(&d.view(), Qt::Key_W);
  d.chooseClass(QStringLiteral("sidewalk"));
  d.window.labelTool()->setRadius(300);
  test::drag(&d.view(), d.at(0.1, 0.2), d.at(0.9, 0.8));
  EXPECT_EQ(withSemantic(d.labels(), kRoad), withSemantic(l, kRoad));
}

TEST(LabelGui, BrushInTheSideViewLabelsOnlyTheFollowedBoxsNeighbourhoodUnderItsPath) {
  LabelDesk d;
  d.window.editor().select({1});
  QApplication::processEvents();
  SceneView* side = d.window.subViews()->view(SubViewKind::Side);
  QTest::keyClick(&d.view(), Qt::Key_W);
  d.chooseClass(QStringLiteral("sidewalk"));
  const double r = d.window.labelTool()->radius();
  // The side view's candidates are the points of the box and its margin, as it shows them.
  const Cuboid box = d.doc().object(0, 1)->box;
  const auto near = indicesInBox(*d.doc().cloud(0), box,
                                 static_cast<float>(d.window.subViews()->config().margin));
  const ProjectedPoints pts = projectPoints(
      *d.doc().cloud(0), screenProjection(side->camera(), side->width(), side->height()), nullptr,
      &near);
  // A horizontal stroke through the box's centre, from one end of the box to the other.
  const QPointF c = test::pixel(*side, box.center);
  const QPointF a = test::pixel(*side, faceCenter(box, BoxFace::Back));
  const QPointF b = test::pixel(*side, faceCenter(box, BoxFace::Front));
  std::vector<std::uint32_t> expected = pointsInCircle(pts, {a.x(), c.y()}, r);
  expected = merged(expected, pointsNearSegment(pts, {a.x(), c.y()}, {b.x(), c.y()}, r));
  sendMouse(side, QEvent::MouseButtonPress, QPointF(a.x(), c.y()), Qt::LeftButton, Qt::LeftButton);
  sendMouse(side, QEvent::MouseMove, QPointF(b.x(), c.y()), Qt::NoButton, Qt::LeftButton);
  sendMouse(side, QEvent::MouseButtonRelease, QPointF(b.x(), c.y()), Qt::LeftButton, Qt::NoButton);
  ASSERT_GT(expected.size(), 10u);
  const std::vector<std::uint32_t> painted = withSemantic(d.labels(), kSidewalk);
  EXPECT_EQ(painted, expected);
  // Nothing outside what the side view shows: points behind the box on the same pixels stay.
  std::vector<std::uint32_t> sortedNear = near;
  std::sort(sortedNear.begin(), sortedNear.end());
  EXPECT_TRUE(std::includes(sortedNear.begin(), sortedNear.end(), painted.begin(), painted.end()));
  EXPECT_EQ(d.undoCount(), 1);
}

}  // namespace
}  // namespace lidarlabel
