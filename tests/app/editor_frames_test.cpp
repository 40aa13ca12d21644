// Edit API: edits over several frames (copy to the next frame, propagate, interpolate).
#include <gtest/gtest.h>

#include "editor_fixture.h"
#include "lidarlabel/core/box_iou.h"
#include "lidarlabel/core/points_in_box.h"

namespace lidarlabel {
namespace {

constexpr ObjectId kCar = 28;  // synthetic sample: a car seen well in frames 0..8

void expectSameBox(const Cuboid& a, const Cuboid& b) {
  EXPECT_NEAR((a.center - b.center).norm(), 0.0, 1e-9);
  EXPECT_NEAR((a.size - b.size).norm(), 0.0, 1e-9);
  EXPECT_NEAR(angleDiff(a.yaw, b.yaw), 0.0, 1e-9);
}

TEST(EditorFrames, CopyToNextFrameKeepsTheBoxStillInTheWorldWithPoses) {
  Document doc;
  Editor editor(doc);
  test::openSynthetic(doc);
  test::removeTrack(doc, kCar, 1, 1);
  const Cuboid box = doc.object(0, kCar)->box;
  EXPECT_EQ(editor.copyToNextFrame({kCar}), 1);
  const ObjectAnnotation* copy = doc.object(1, kCar);
  ASSERT_NE(copy, nullptr);
  const Eigen::Isometry3d p0 = *doc.sequence().frames[0].info.egoPose;
  const Eigen::Isometry3d p1 = *doc.sequence().frames[1].info.egoPose;
  EXPECT_NEAR((p1 * copy->box.center - p0 * box.center).norm(), 0.0, 1e-9);
  EXPECT_GT((copy->box.center - box.center).norm(), 0.5);  // the ego moved 0.8 m
  EXPECT_EQ(copy->className, "car");
  EXPECT_EQ(doc.undoStack()->count(), 1);
  doc.undoStack()->undo();
  EXPECT_EQ(doc.object(1, kCar), nullptr);
}

TEST(EditorFrames, CopyToNextFrameWithoutPosesKeepsTheLidarFrameBox) {
  Document doc;
  Editor editor(doc);
  test::openAnnotated(doc);
  Sequence s = doc.sequence();
  for (Frame& f : s.frames) f.info.egoPose.reset();
  doc.setSequence(s, doc.folder());
  const ObjectAnnotation before = *doc.object(1, 1);
  EXPECT_EQ(editor.copyToNextFrame({1}), 1);  // frame 0's car replaces frame 1's
  EXPECT_EQ(doc.object(1, 1)->box, doc.object(0, 1)->box);
  EXPECT_EQ(doc.objects(1).size(), 2u);
  doc.undoStack()->undo();
  EXPECT_EQ(*doc.object(1, 1), before);
}

TEST(EditorFrames, CopyToNextFrameOnTheLastFrameDoesNothing) {
  Document doc;
  Editor editor(doc);
  test::openAnnotated(doc);
  doc.setCurrentFrame(2);
  EXPECT_EQ(editor.copyToNextFrame({1}), 0);
  EXPECT_EQ(doc.undoStack()->count(), 0);
}

// The tracker driven directly, as the edit API is documented to: start from frame 0's box with
// the re-fit's bias measured on frame 0, one step per later frame with that frame's ground, pose
// and time.
std::vector<ObjectAnnotation> trackDirectly(Document& doc, const ObjectAnnotation& start,
                                            int frames) {
  const Sequence& s = doc.sequence();
  const TrackerConfig config;
  TrackerState state = startTracks({start}, egoPoseOf(s, 0), 0.0, config);
  const auto first = doc.cloud(0);
  const GroundResult firstGround = removeGround(*first, GroundConfig{});
  calibrateTracks(state, *first, &firstGround, egoPoseOf(s, 0), config);
  std::vector<ObjectAnnotation> out;
  for (int f = 1; f <= frames; ++f) {
    const auto cloud = doc.cloud(f);
    const GroundResult ground = removeGround(*cloud, GroundConfig{});
    TrackFrame tf;
    tf.cloud = cloud.get();
    tf.ground = &ground;
    tf.egoPose = egoPoseOf(s, f);
    tf.time =
        static_cast<double>(s.frames[f].info.timestampUs - s.frames[0].info.timestampUs) * 1e-6;
    TrackStepResult step = trackNextFrame(state, tf, config);
    state = step.state;
    EXPECT_EQ(step.objects.size(), 1u) << "frame " << f;
    if (!step.objects.empty()) out.push_back(step.objects.front());
  }
  return out;
}

TEST(EditorFrames, PropagateGivesTheTrackersBoxesInOneUndoStep) {
  Document doc;
  Editor editor(doc);
  test::openSynthetic(doc);
  const std::vector<ObjectAnnotation> truth = {*doc.object(3, kCar), *doc.object(4, kCar)};
  const std::vector<ObjectAnnotation> expected = trackDirectly(doc, *doc.object(0, kCar), 4);
  ASSERT_EQ(expected.size(), 4u);
  EXPECT_EQ(editor.propagate({kCar}, 4), 4);
  for (int f = 1; f <= 4; ++f) {
    const ObjectAnnotation* o = doc.object(f, kCar);
    ASSERT_NE(o, nullptr);
    expectSameBox(o->box, expected[f - 1].box);
    EXPECT_EQ(o->provenance, Provenance::Tracked);
    EXPECT_EQ(o->className, "car");
  }
  EXPECT_GE(iou3d(doc.object(4, kCar)->box, truth[1].box), 0.5);  // it followed the car
  EXPECT_EQ(doc.undoStack()->count(), 1);
  doc.undoStack()->undo();
  EXPECT_EQ(*doc.object(3, kCar), truth[0]);
  EXPECT_EQ(*doc.object(4, kCar), truth[1]);
}

TEST(EditorFrames, PropagateCancelledChangesNothing) {
  Document doc;
  Editor editor(doc);
  test::openSynthetic(doc);
  const auto before = doc.objects(2);
  int calls = 0;
  EXPECT_EQ(editor.propagate({kCar}, 5, [&](int, int) { return ++calls < 3; }), 0);
  EXPECT_EQ(doc.objects(2), before);
  EXPECT_EQ(doc.undoStack()->count(), 0);
}

TEST(EditorFrames, InterpolateGivesTheEnginesBoxesInOneUndoStep) {
  Document doc;
  Editor editor(doc);
  test::openSynthetic(doc);
  test::removeTrack(doc, kCar, 1, 5);  // keyframes stay at 0 and 6
  const std::vector<Keyframe> expected = interpolateTrack(doc.sequence(), kCar);
  ASSERT_EQ(expected.size(), 5u);
  EXPECT_EQ(editor.interpolate(kCar), 5);
  for (const Keyframe& k : expected) {
    const ObjectAnnotation* o = doc.object(k.frame, kCar);
    ASSERT_NE(o, nullptr);
    EXPECT_EQ(*o, k.object);
    EXPECT_EQ(o->provenance, Provenance::Interpolated);
  }
  EXPECT_EQ(doc.undoStack()->count(), 1);
  doc.undoStack()->undo();
  for (std::size_t f = 1; f <= 5; ++f) EXPECT_EQ(doc.object(f, kCar), nullptr);
}

TEST(EditorFrames, InterpolateReplacesToolBoxesButNeverManualOnes) {
  Document doc;
  Editor editor(doc);
  test::openSynthetic(doc);
  Sequence s = doc.sequence();
  for (std::size_t f = 1; f <= 5; ++f)
    for (ObjectAnnotation& o : s.frames[f].objects)
      if (o.trackId == kCar) o.provenance = Provenance::Tracked;
  doc.setSequence(s, doc.folder());
  const ObjectAnnotation key6 = *doc.object(6, kCar);
  EXPECT_EQ(editor.interpolate(kCar), 5);
  for (std::size_t f = 1; f <= 5; ++f)
    EXPECT_EQ(doc.object(f, kCar)->provenance, Provenance::Interpolated);
  EXPECT_EQ(*doc.object(6, kCar), key6);
}

}  // namespace
}  // namespace lidarlabel

namespace lidarlabel {
namespace {

// The fastest car of the synthetic sample over frames 0..4 (world frame) with 100+ points in
// frame 3.
ObjectId fastestTrack(Document& doc) {
  ObjectId best = 0;
  double bestTravel = 0.0;
  const auto cloud = doc.cloud(3);
  for (const ObjectAnnotation& o : doc.objects(0)) {
    const ObjectAnnotation* later = doc.object(4, o.trackId);
    const ObjectAnnotation* seen = doc.object(3, o.trackId);
    if (later == nullptr || seen == nullptr || o.className != "car") continue;
    if (indicesInBox(*cloud, seen->box).size() < 100) continue;
    const double travel = (egoPoseOf(doc.sequence(), 4) * later->box.center -
                           egoPoseOf(doc.sequence(), 0) * o.box.center)
                              .norm();
    if (travel > bestTravel) bestTravel = travel, best = o.trackId;
  }
  return best;
}

// Centre error in frame 3 of a track propagated from frame 2 (its true boxes before kept or not).
double errorAfterPropagating(bool earlierBoxes) {
  Document doc;
  Editor editor(doc);
  test::openSynthetic(doc);
  const ObjectId id = fastestTrack(doc);
  const Cuboid truth = doc.object(3, id)->box;
  if (!earlierBoxes) test::removeTrack(doc, id, 0, 1);
  doc.setCurrentFrame(2);
  EXPECT_GE(editor.propagate({id}, 1), 1) << "track " << id;
  return (doc.object(3, id)->box.center - truth.center).head<2>().norm();
}

TEST(EditorFrames, PropagateStartsAMovingTrackWithTheVelocityOfItsEarlierBoxes) {
  const double seeded = errorAfterPropagating(true);
  const double unknown = errorAfterPropagating(false);
  EXPECT_LT(seeded, unknown);
  EXPECT_LT(seeded, 0.2);
}

}  // namespace
}  // namespace lidarlabel
