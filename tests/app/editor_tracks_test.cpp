// Edit API: whole-track actions (every box of a track, in every frame, one undo step).
#include <gtest/gtest.h>

#include <cmath>

#include "editor_fixture.h"
#include "lidarlabel/core/interpolation.h"

namespace lidarlabel {
namespace {

constexpr ObjectId kCar = 28;  // synthetic sample: a car seen well in frames 0..8

std::vector<std::size_t> framesWith(const Document& doc, ObjectId id) {
  std::vector<std::size_t> out;
  for (std::size_t f = 0; f < doc.frameCount(); ++f)
    if (doc.object(f, id) != nullptr) out.push_back(f);
  return out;
}

// Heading of a box in the world frame (x, y).
Eigen::Vector2d worldHeading(const Document& doc, std::size_t f, const Cuboid& box) {
  const Eigen::Vector3d h = egoPoseOf(doc.sequence(), f).linear() *
                            Eigen::Vector3d(std::cos(box.yaw), std::sin(box.yaw), 0);
  return h.head<2>();
}

TEST(EditorTracks, DeleteTracksRemovesEveryBoxOfTheTrackInOneUndoStep) {
  Document doc;
  Editor editor(doc);
  test::openSynthetic(doc);
  const std::vector<std::size_t> frames = framesWith(doc, kCar);
  ASSERT_GE(frames.size(), 9u);
  const std::size_t others = doc.objects(0).size() - 1;
  EXPECT_EQ(editor.removeTracks({kCar}), static_cast<int>(frames.size()));
  EXPECT_TRUE(framesWith(doc, kCar).empty());
  EXPECT_EQ(doc.objects(0).size(), others);
  EXPECT_EQ(doc.undoStack()->count(), 1);
  doc.undoStack()->undo();
  EXPECT_EQ(framesWith(doc, kCar), frames);
}

TEST(EditorTracks, AcceptTracksMakesEveryToolBoxOfTheTrackManual) {
  Document doc;
  Editor editor(doc);
  test::openSynthetic(doc);
  Sequence s = doc.sequence();
  for (Frame& f : s.frames)
    for (ObjectAnnotation& o : f.objects) o.provenance = Provenance::Automatic;
  doc.setSequence(s, doc.folder());
  const int n = static_cast<int>(framesWith(doc, kCar).size());
  EXPECT_EQ(editor.acceptTracks({kCar}), n);
  for (std::size_t f : framesWith(doc, kCar))
    EXPECT_EQ(doc.object(f, kCar)->provenance, Provenance::Manual);
  EXPECT_EQ(editor.acceptTracks({kCar}), 0);  // nothing left to accept: no step
  EXPECT_EQ(doc.undoStack()->count(), 1);
}

TEST(EditorTracks, SetTrackClassChangesEveryFrameAndRefusesUnknownClasses) {
  Document doc;
  Editor editor(doc);
  test::openSynthetic(doc);
  EXPECT_EQ(editor.setTrackClass(kCar, "no such class"), 0);
  EXPECT_EQ(editor.setTrackClass(kCar, "van"), static_cast<int>(framesWith(doc, kCar).size()));
  for (std::size_t f : framesWith(doc, kCar)) EXPECT_EQ(doc.object(f, kCar)->className, "van");
  EXPECT_EQ(doc.undoStack()->count(), 1);
}

TEST(EditorTracks, FlipTrackHeadingGivesEveryBoxTheFlippedBoxsHeading) {
  Document doc;
  Editor editor(doc);
  test::openSynthetic(doc);
  Sequence s = doc.sequence();
  for (ObjectAnnotation& o : s.frames[3].objects)  // frame 3's box already points the other way
    if (o.trackId == kCar) o.box = flipHeading(o.box);
  doc.setSequence(s, doc.folder());
  const int n = static_cast<int>(framesWith(doc, kCar).size());
  const Cuboid before = doc.object(0, kCar)->box;
  EXPECT_EQ(editor.flipTrackHeading(kCar), n - 1);  // all but frame 3
  EXPECT_NEAR(std::abs(angleDiff(doc.object(0, kCar)->box.yaw, before.yaw)), M_PI, 1e-9);
  const Eigen::Vector2d want = worldHeading(doc, 0, doc.object(0, kCar)->box);
  for (std::size_t f : framesWith(doc, kCar))
    EXPECT_GT(worldHeading(doc, f, doc.object(f, kCar)->box).dot(want), 0.9) << "frame " << f;
  EXPECT_EQ(doc.undoStack()->count(), 1);
}

TEST(EditorTracks, FlipTrackHeadingKeepsTheTurnOfATrackThatTurns) {
  Document doc;
  Editor editor(doc);
  test::openSynthetic(doc);
  // The track turns 40 deg per frame in the world (past 90 deg from frame 3 on); frame 5's box
  // points the other way.
  Sequence s = doc.sequence();
  const auto egoYaw = [&](std::size_t f) {
    const Eigen::Matrix3d r = egoPoseOf(s, f).linear();
    return std::atan2(r(1, 0), r(0, 0));
  };
  const double turn = 40.0 * M_PI / 180.0;
  for (std::size_t f = 0; f < s.frames.size(); ++f)
    for (ObjectAnnotation& o : s.frames[f].objects)
      if (o.trackId == kCar)
        o.box.yaw = wrapAngle(turn * static_cast<double>(f) - egoYaw(f) + (f == 5 ? M_PI : 0.0));
  doc.setSequence(s, doc.folder());
  const std::vector<std::size_t> frames = framesWith(doc, kCar);
  ASSERT_GE(frames.size(), 9u);
  EXPECT_EQ(editor.flipTrackHeading(kCar), static_cast<int>(frames.size()) - 1);  // not frame 5
  for (std::size_t f : frames) {
    const Eigen::Vector2d h = worldHeading(doc, f, doc.object(f, kCar)->box);
    const double want = turn * static_cast<double>(f) + M_PI;  // every box turned round, in turn
    EXPECT_GT(h.dot(Eigen::Vector2d(std::cos(want), std::sin(want))), 0.99) << "frame " << f;
  }
}

TEST(EditorTracks, FlipTrackHeadingLeavesASidewaysBoxAndComparesTheNextOneWithTheOneBefore) {
  Document doc;
  Editor editor(doc);
  test::openSynthetic(doc);
  Sequence s = doc.sequence();
  for (ObjectAnnotation& o : s.frames[4].objects)  // a fit turned square to the track
    if (o.trackId == kCar) o.box.yaw = wrapAngle(o.box.yaw + M_PI / 2);
  doc.setSequence(s, doc.folder());
  const Cuboid sideways = doc.object(4, kCar)->box;
  const int n = static_cast<int>(framesWith(doc, kCar).size());
  EXPECT_EQ(editor.flipTrackHeading(kCar), n - 1);  // every box but the sideways one
  EXPECT_DOUBLE_EQ(doc.object(4, kCar)->box.yaw, sideways.yaw);
  const Eigen::Vector2d want = worldHeading(doc, 0, doc.object(0, kCar)->box);
  for (std::size_t f : framesWith(doc, kCar)) {
    if (f == 4) continue;
    EXPECT_GT(worldHeading(doc, f, doc.object(f, kCar)->box).dot(want), 0.9) << "frame " << f;
  }
}

TEST(EditorTracks, ApplySizeToTrackKeepsEachBoxsFootprintCentreAndBottom) {
  Document doc;
  Editor editor(doc);
  test::openSynthetic(doc);
  const ObjectAnnotation later = *doc.object(5, kCar);
  Cuboid edited = doc.object(0, kCar)->box;
  edited.size += Eigen::Vector3d(0.3, -0.1, 0.2);
  ASSERT_TRUE(editor.setBox(kCar, edited));
  EXPECT_EQ(editor.applySizeToTrack(kCar), static_cast<int>(framesWith(doc, kCar).size()) - 1);
  const Cuboid& b = doc.object(5, kCar)->box;
  EXPECT_TRUE(b.size.isApprox(edited.size));
  EXPECT_NEAR((b.center - later.box.center).head<2>().norm(), 0.0, 1e-9);
  EXPECT_NEAR(b.center.z() - b.size.z() / 2, later.box.center.z() - later.box.size.z() / 2, 1e-9);
  EXPECT_EQ(doc.undoStack()->count(), 2);  // the edit, then the whole-track step
  doc.undoStack()->undo();
  EXPECT_EQ(*doc.object(5, kCar), later);
}

}  // namespace
}  // namespace lidarlabel

namespace lidarlabel {
namespace {

TEST(EditorTracks, EndTracksDeletesTheTrackFromTheCurrentFrameOnOnly) {
  Document doc;
  Editor editor(doc);
  test::openSynthetic(doc);
  const std::size_t before = framesWith(doc, kCar).size();
  doc.setCurrentFrame(4);
  EXPECT_EQ(editor.endTracks({kCar}), static_cast<int>(before) - 4);
  EXPECT_EQ(framesWith(doc, kCar), (std::vector<std::size_t>{0, 1, 2, 3}));
  EXPECT_EQ(doc.undoStack()->count(), 1);
  doc.undoStack()->undo();
  EXPECT_EQ(framesWith(doc, kCar).size(), before);
}

}  // namespace
}  // namespace lidarlabel
