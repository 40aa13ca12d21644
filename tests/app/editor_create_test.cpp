// Edit API: creating boxes (one click, rectangle, default size on the ground).
#include <QSignalSpy>

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>

#include "editor_fixture.h"
#include "lidarlabel/core/box_iou.h"
#include "lidarlabel/core/box_place.h"

namespace lidarlabel {
namespace {

// Car 28 of the synthetic sample's frame 0: 384 points, 4.9 m from the sensor, yaw 0.
constexpr ObjectId kCar = 28;

// Car 27 of frame 0: in the oncoming lane, 3.5 m left of the sensor, facing back (yaw pi).
constexpr ObjectId kOncomingCar = 27;

// The synthetic sample with frame 0's ground-truth boxes taken out; returns `car`'s.
Cuboid openWithoutFrame0Boxes(Document& doc, ObjectId car = kCar) {
  test::openSynthetic(doc);
  const Cuboid truth = doc.object(0, car)->box;
  Sequence s = doc.sequence();
  s.frames[0].objects.clear();
  doc.setSequence(s, doc.folder());
  return truth;
}

// The synthetic sample without any box: no class has a size of the sequence's own yet
// (EditorConfig::sizePrior), so new boxes take the ontology's default size.
void openWithoutBoxes(Document& doc) {
  test::openSynthetic(doc);
  Sequence s = doc.sequence();
  for (Frame& f : s.frames) f.objects.clear();
  doc.setSequence(s, doc.folder());
}

// The road level in the sweep itself around xy: the median z of the points within 2 m (BEV) that
// lie within 0.2 m of the lowest one (the simulated road has a 1 % slope and bumps).
double roadLevelNear(const PointCloud& cloud, const Eigen::Vector2d& xy) {
  std::vector<double> z;
  for (std::size_t i = 0; i < cloud.size(); ++i)
    if ((Eigen::Vector2d(cloud.x[i], cloud.y[i]) - xy).norm() < 2.0) z.push_back(cloud.z[i]);
  if (z.empty()) return std::numeric_limits<double>::quiet_NaN();
  const double lowest = *std::min_element(z.begin(), z.end());
  std::erase_if(z, [lowest](double v) { return v > lowest + 0.2; });
  std::sort(z.begin(), z.end());
  return z[z.size() / 2];
}

TEST(EditorCreate, OneClickOnAWellSeenCarFitsItsGroundTruth) {
  Document doc;
  Editor editor(doc);
  const Cuboid truth = openWithoutFrame0Boxes(doc);
  const auto id = editor.createAtPoint(test::pointOn(doc, 0, truth), "car");
  ASSERT_TRUE(id.has_value());
  const ObjectAnnotation* o = doc.object(0, *id);
  ASSERT_NE(o, nullptr);
  EXPECT_GE(iou3d(o->box, truth), 0.7);
  EXPECT_EQ(o->className, "car");
  EXPECT_EQ(o->provenance, Provenance::Manual);
}

TEST(EditorCreate, OneClickOnACarLeftOfTheEgoLaneFacesTheOncomingTraffic) {
  Document doc;
  Editor editor(doc);
  const Cuboid truth = openWithoutFrame0Boxes(doc, kOncomingCar);
  const auto id = editor.createAtPoint(test::pointOn(doc, 0, truth), "car");
  ASSERT_TRUE(id.has_value());
  const Cuboid& box = doc.object(0, *id)->box;
  EXPECT_GE(iou3d(box, truth), 0.7);
  EXPECT_LT(std::abs(angleDiff(box.yaw, truth.yaw)), 0.2) << box.yaw;
}

TEST(EditorCreate, WithoutTheTrafficPriorAOneClickBoxFacesForward) {
  Document doc;
  EditorConfig config;
  config.traffic.side = TrafficSide::Off;
  Editor editor(doc, config);
  const Cuboid truth = openWithoutFrame0Boxes(doc, kOncomingCar);
  const auto id = editor.createAtPoint(test::pointOn(doc, 0, truth), "car");
  ASSERT_TRUE(id.has_value());
  EXPECT_LT(std::abs(doc.object(0, *id)->box.yaw), 0.2);
}

TEST(EditorCreate, ASequenceRecordingLeftHandTrafficTurnsTheOncomingCarsBoxForward) {
  Document doc;
  Editor editor(doc);  // right-hand traffic by default: the sequence's own side wins
  const Cuboid truth = openWithoutFrame0Boxes(doc, kOncomingCar);
  Sequence s = doc.sequence();
  s.metadata[kTrafficSideKey] = "left";
  doc.setSequence(s, doc.folder());
  EXPECT_EQ(editor.trafficConfig().side, TrafficSide::Left);
  const auto id = editor.createAtPoint(test::pointOn(doc, 0, truth), "car");
  ASSERT_TRUE(id.has_value());
  // On the ego vehicle's left, with left-hand traffic a parked car faces forward.
  EXPECT_LT(std::abs(doc.object(0, *id)->box.yaw), 0.2);
}

TEST(EditorCreate, ANewBoxTakesAnUnusedIdIsSelectedAndIsOneUndoStep) {
  Document doc;
  Editor editor(doc);
  const Cuboid truth = openWithoutFrame0Boxes(doc);
  const ObjectId expected = doc.unusedTrackId();
  const auto id = editor.createAtPoint(test::pointOn(doc, 0, truth), "car");
  ASSERT_TRUE(id.has_value());
  EXPECT_EQ(*id, expected);
  EXPECT_EQ(doc.selection(), std::vector<ObjectId>{*id});
  EXPECT_EQ(doc.undoStack()->count(), 1);
  doc.undoStack()->undo();
  EXPECT_TRUE(doc.objects(0).empty());
  EXPECT_TRUE(doc.selection().empty());
}

TEST(EditorCreate, AClickWithTooFewPointsGivesTheClassDefaultSizeOnTheGround) {
  Document doc;
  Editor editor(doc);
  openWithoutBoxes(doc);
  // Open road 25 m ahead: nothing stands there, so nothing is fitted.
  const Eigen::Vector3d click(25.0, 0.5, -1.7);
  const auto id = editor.createAtPoint(click, "car");
  ASSERT_TRUE(id.has_value());
  const Cuboid& b = doc.object(0, *id)->box;
  EXPECT_EQ(b.size, doc.ontology().find("car")->defaultSize);
  const auto cloud = doc.cloud(0);
  const double groundZ = *groundHeightAt(*cloud, *editor.ground(0), {25.0, 0.5}, 2.0);
  EXPECT_NEAR(b.center.z() - b.height() / 2, groundZ, 1e-9);
  EXPECT_NEAR(groundZ, roadLevelNear(*cloud, {25.0, 0.5}), 0.1);
  EXPECT_NEAR(b.center.x(), 25.0, 1e-12);
}

TEST(EditorCreate, DefaultAtDropsTheClassSizeStandingOnTheGroundWithTheYawGiven) {
  Document doc;
  Editor editor(doc);
  openWithoutBoxes(doc);
  const auto id = editor.createDefaultAt({12.0, -6.0, 3.0}, "pedestrian", 0.4);
  ASSERT_TRUE(id.has_value());
  const ObjectAnnotation& o = *doc.object(0, *id);
  EXPECT_EQ(o.className, "pedestrian");
  EXPECT_EQ(o.box.size, doc.ontology().find("pedestrian")->defaultSize);
  EXPECT_NEAR(o.box.yaw, 0.4, 1e-12);
  EXPECT_NEAR(o.box.center.z() - o.box.height() / 2, roadLevelNear(*doc.cloud(0), {12.0, -6.0}),
              0.1);
}

TEST(EditorCreate, ARectangleAroundACarFitsItsPoints) {
  Document doc;
  Editor editor(doc);
  const Cuboid truth = openWithoutFrame0Boxes(doc);
  const Eigen::Vector2d c = truth.center.head<2>();
  const auto id =
      editor.createFromRect(c + Eigen::Vector2d(-3.2, -1.6), c + Eigen::Vector2d(3.2, 1.6), "car");
  ASSERT_TRUE(id.has_value());
  EXPECT_GE(iou3d(doc.object(0, *id)->box, truth), 0.7);
}

TEST(EditorCreate, AnEmptyRectangleOrAnUnknownClassCreatesNothing) {
  Document doc;
  Editor editor(doc);
  openWithoutFrame0Boxes(doc);
  EXPECT_FALSE(editor.createFromRect({200, 200}, {204, 203}, "car").has_value());
  EXPECT_FALSE(editor.createDefaultAt({5, 5, 0}, "no-such-class").has_value());
  EXPECT_FALSE(editor.createAtPoint({5, 5, 0}, "no-such-class").has_value());
  EXPECT_EQ(doc.undoStack()->count(), 0);
  EXPECT_TRUE(doc.objects(0).empty());
}

TEST(EditorCreate, NothingIsCreatedWithoutAnOpenSequence) {
  Document doc;
  Editor editor(doc);
  EXPECT_FALSE(editor.createAtPoint({5, 5, 0}, "car").has_value());
  EXPECT_FALSE(editor.createDefaultAt({5, 5, 0}, "car").has_value());
}

TEST(EditorCreate, GroundIsComputedOncePerFrame) {
  Document doc;
  Editor editor(doc);
  test::openSynthetic(doc);
  const auto first = editor.ground(0);
  EXPECT_EQ(editor.ground(0), first);
  EXPECT_EQ(first->isGround.size(), doc.cloud(0)->size());
  EXPECT_NE(editor.ground(1), first);
}

TEST(EditorCreate, GroundIsRecomputedForANewSequence) {
  Document doc;
  Editor editor(doc);
  test::openSynthetic(doc);
  const auto synthetic = editor.ground(0);
  test::openAnnotated(doc);
  EXPECT_EQ(editor.ground(0)->isGround.size(), doc.cloud(0)->size());
  EXPECT_NE(editor.ground(0)->isGround.size(), synthetic->isGround.size());
}

}  // namespace
}  // namespace lidarlabel
