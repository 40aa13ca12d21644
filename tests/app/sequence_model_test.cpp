// Sequences without widgets: track summaries, the selection following a track, "needs
// attention", merging a pre-labelling result, the pre-labelling runner and the document's
// prefetch.
#include <gtest/gtest.h>
#include <QEventLoop>
#include <QTimer>

#include "editor_fixture.h"
#include "lidarlabel/app/attention.h"
#include "lidarlabel/app/prelabel_runner.h"
#include "lidarlabel/app/track_index.h"
#include "lidarlabel/app/track_selection.h"
#include "lidarlabel/core/prelabel.h"
#include "lidarlabel/io/sweep_io.h"
#include "qt_app.h"

namespace lidarlabel {
namespace {

// The fixture's sequence: frame 0 car 1; frame 1 car 1 and pedestrian 2; frame 2 nothing.
TEST(TrackIndex, SummarisesEachTracksFramesClassAndSources) {
  Document doc;
  test::openAnnotated(doc);
  TrackIndex index;
  index.rebuild(doc.sequence());
  ASSERT_EQ(index.tracks().size(), 2u);
  const TrackSummary& car = *index.track(1);
  EXPECT_EQ(car.count(), 2u);
  EXPECT_EQ(car.firstFrame(), 0u);
  EXPECT_EQ(car.lastFrame(), 1u);
  EXPECT_EQ(car.className(), "car");
  EXPECT_EQ(car.provenanceCounts()[static_cast<int>(Provenance::Manual)], 2u);
  EXPECT_EQ(index.track(2)->count(), 1u);
}

TEST(TrackIndex, AnEventUpdatesOnlyTheTracksItNamesAndDropsEmptyTracks) {
  Document doc;
  Editor editor(doc);
  test::openAnnotated(doc);
  TrackIndex index;
  index.rebuild(doc.sequence());
  std::vector<ObjectId> changed;
  QObject::connect(&doc, &Document::objectsRemoved, [&](const ObjectsEvent& e) {
    changed = index.update(doc.sequence(), e.frame, touchedIds(e));
  });
  doc.setCurrentFrame(1);
  editor.remove({2});
  EXPECT_EQ(changed, std::vector<ObjectId>{2});
  EXPECT_EQ(index.track(2), nullptr);
  EXPECT_EQ(index.track(1)->count(), 2u);
}

TEST(TrackIndex, AGeometryOnlyChangeLeavesTheSummary) {
  Document doc;
  test::openAnnotated(doc);
  TrackIndex index;
  index.rebuild(doc.sequence());
  Sequence s = doc.sequence();
  s.frames[0].objects[0].box.center.x() += 1.0;
  EXPECT_TRUE(index.update(s, 0, {1}).empty());
  s.frames[0].objects[0].provenance = Provenance::Tracked;
  EXPECT_EQ(index.update(s, 0, {1}), std::vector<ObjectId>{1});
}

TEST(TrackIndex, NearestFrameAndPresenceFollowTheTracksFrames) {
  TrackSummary t;
  for (std::size_t f : {2u, 3u, 9u}) t.frames[f] = {"car", Provenance::Manual};
  EXPECT_EQ(t.nearestFrame(0), 2u);
  EXPECT_EQ(t.nearestFrame(5), 3u);
  EXPECT_EQ(t.nearestFrame(7), 9u);
  EXPECT_EQ(t.nearestFrame(20), 9u);
  TrackIndex index;
  Sequence s;
  s.frames.resize(4);
  s.frames[1].objects = {test::makeObject(5, "car", {1, 0, 0}, {4, 2, 1.5}, 0)};
  s.frames[3].objects = {test::makeObject(5, "car", {2, 0, 0}, {4, 2, 1.5}, 0)};
  index.rebuild(s);
  EXPECT_EQ(index.presence({5}, 4), (std::vector<bool>{false, true, false, true}));
}

TEST(TrackSelection, ATrackStaysSelectedAcrossFramesWhereItIsAbsent) {
  Document doc;
  test::openAnnotated(doc);
  TrackSelection tracks(doc);
  doc.setCurrentFrame(1);
  tracks.setTracks({2});
  EXPECT_EQ(doc.selection(), std::vector<ObjectId>{2});
  doc.setCurrentFrame(2);  // no boxes: nothing to select, the track stays chosen
  EXPECT_TRUE(doc.selection().empty());
  EXPECT_EQ(tracks.tracks(), std::vector<ObjectId>{2});
  doc.setCurrentFrame(0);
  EXPECT_TRUE(doc.selection().empty());
  doc.setCurrentFrame(1);
  EXPECT_EQ(doc.selection(), std::vector<ObjectId>{2});
}

TEST(TrackSelection, SelectingOnAFrameReplacesTheTracks) {
  Document doc;
  test::openAnnotated(doc);
  TrackSelection tracks(doc);
  doc.setCurrentFrame(1);
  tracks.setTracks({2});
  doc.setSelection({1});  // a click on the car
  EXPECT_EQ(tracks.tracks(), std::vector<ObjectId>{1});
  doc.setSelection({});  // a click on nothing
  EXPECT_TRUE(tracks.tracks().empty());
}

PointCloud pointsAt(const Eigen::Vector3d& c, int n) {
  PointCloud cloud;
  cloud.resize(static_cast<std::size_t>(n));
  for (int i = 0; i < n; ++i) {
    cloud.x[i] = static_cast<float>(c.x() + 0.01 * i);
    cloud.y[i] = static_cast<float>(c.y());
    cloud.z[i] = static_cast<float>(c.z());
  }
  return cloud;
}

TEST(Attention, NamesToolBoxesEmptyFramesAndBoxesWithFewPoints) {
  ObjectAnnotation car = test::makeObject(1, "car", {10, 0, 0}, {4, 2, 1.5}, 0);
  EXPECT_EQ(attentionReasons({}, nullptr), kAttentionNoBoxes);
  EXPECT_EQ(attentionReasons({car}, nullptr), 0u);
  const PointCloud four = pointsAt(car.box.center, 4), five = pointsAt(car.box.center, 5);
  EXPECT_EQ(attentionReasons({car}, &four), kAttentionFewPoints);
  EXPECT_EQ(attentionReasons({car}, &five), 0u);
  car.provenance = Provenance::Automatic;
  EXPECT_EQ(attentionReasons({car}, &five), kAttentionToolBoxes);
  car.review = ReviewState::Accepted;
  EXPECT_EQ(attentionReasons({car}, &five), 0u);
  car.review = ReviewState::Unreviewed;
  car.provenance = Provenance::Interpolated;
  EXPECT_EQ(attentionReasons({car}, &five), 0u);
}

TEST(Attention, TheNextFrameNeedingAttentionWrapsAroundTheSequence) {
  Document doc;
  test::openAnnotated(doc);
  AttentionConfig config;
  config.minPoints = 0;  // boxes and frames only
  const auto hit = findNextAttention(doc, 0, config);
  ASSERT_TRUE(hit.has_value());
  EXPECT_EQ(hit->frame, 2u);
  EXPECT_EQ(hit->reasons, kAttentionNoBoxes);
  EXPECT_FALSE(hit->wrapped);
  const auto again = findNextAttention(doc, 2, config);
  ASSERT_TRUE(again.has_value());
  EXPECT_EQ(again->frame, 2u);  // frames 0 and 1 are fine: back to itself
  EXPECT_TRUE(again->wrapped);
}

TEST(Attention, ABoxWithFewPointsIsFoundAndItsVerdictRemembered) {
  Document doc;
  test::openAnnotated(doc);
  Sequence s = doc.sequence();
  s.frames[1].objects.push_back(test::makeObject(9, "car", {0, 60, 30}, {1, 1, 1}, 0));  // in air
  s.frames[2].objects = {test::makeObject(3, "car", {9, 3.5, -0.9}, {4.5, 1.9, 1.6}, 0.2)};
  doc.setSequence(s, doc.folder());
  AttentionMemo memo;
  const auto hit = findNextAttention(doc, 0, {}, &memo);
  ASSERT_TRUE(hit.has_value());
  EXPECT_EQ(hit->frame, 1u);
  EXPECT_EQ(hit->reasons, kAttentionFewPoints);
  ASSERT_EQ(memo.fewPoints.count(1), 1u);
  EXPECT_TRUE(memo.fewPoints[1].second);
  int looked = 0;
  EXPECT_FALSE(findNextAttention(doc, 0, {}, &memo, [&](int, int) { return ++looked < 1; }));
}

Sequence resultWith(const Document& doc, std::size_t frame, std::vector<ObjectAnnotation> boxes) {
  Sequence r = doc.sequence();
  for (Frame& f : r.frames) f.objects.clear();
  r.frames[frame].objects = std::move(boxes);
  return r;
}

TEST(ApplyPrelabels, AddsAutomaticBoxesWithUnusedIdsInOneUndoStep) {
  Document doc;
  test::openAnnotated(doc);
  const Sequence before = doc.sequence();
  ObjectAnnotation a = test::makeObject(1, "car", {20, -5, -0.9}, {4, 2, 1.5}, 0);
  ObjectAnnotation b = test::makeObject(1, "car", {20.5, -5, -0.9}, {4, 2, 1.5}, 0);
  Sequence r = resultWith(doc, 0, {a});
  r.frames[2].objects = {b};  // the same result track in another frame
  EXPECT_EQ(applyPrelabels(doc, r), 2);
  EXPECT_EQ(doc.undoStack()->count(), 1);
  const ObjectAnnotation* added0 = doc.object(0, 3);  // ids 1 and 2 are taken
  const ObjectAnnotation* added2 = doc.object(2, 3);
  ASSERT_NE(added0, nullptr);
  ASSERT_NE(added2, nullptr);
  EXPECT_EQ(added0->provenance, Provenance::Automatic);
  EXPECT_EQ(doc.objects(0).size(), 2u);
  doc.undoStack()->undo();
  EXPECT_EQ(doc.sequence().frames[0].objects, before.frames[0].objects);
  EXPECT_EQ(doc.sequence().frames[2].objects, before.frames[2].objects);
}

TEST(ApplyPrelabels, DropsDetectionsOnTheAnnotatorsBoxesAndReplacesUnacceptedAutomaticOnes) {
  Document doc;
  test::openAnnotated(doc);
  const ObjectAnnotation annotators = *doc.object(0, 1);
  ObjectAnnotation onTop = annotators;
  onTop.trackId = 7;
  EXPECT_EQ(applyPrelabels(doc, resultWith(doc, 0, {onTop})), 0);
  EXPECT_EQ(doc.undoStack()->count(), 0);
  ObjectAnnotation elsewhere = test::makeObject(7, "car", {20, -5, -0.9}, {4, 2, 1.5}, 0);
  EXPECT_EQ(applyPrelabels(doc, resultWith(doc, 0, {elsewhere})), 1);
  EXPECT_EQ(applyPrelabels(doc, resultWith(doc, 0, {elsewhere})), 1);  // a second run
  EXPECT_EQ(doc.objects(0).size(), 2u);                                // replaced, not doubled
  EXPECT_EQ(*doc.object(0, 1), annotators);
}

// Runs the event loop until the runner reports (finished, cancelled or failed).
void waitForRunner(PrelabelRunner& runner) {
  QEventLoop loop;
  QObject::connect(&runner, &PrelabelRunner::finished, &loop, &QEventLoop::quit);
  QObject::connect(&runner, &PrelabelRunner::cancelled, &loop, &QEventLoop::quit);
  QObject::connect(&runner, &PrelabelRunner::failed, &loop, &QEventLoop::quit);
  QTimer::singleShot(120000, &loop, &QEventLoop::quit);
  if (runner.isRunning()) loop.exec();
}

TEST(PrelabelRunner, GivesTheEnginesBoxesMergedAsOneUndoStep) {
  test::qtApp();
  Document doc;
  test::openAnnotated(doc);
  const Sequence engine = prelabelSequence(
      doc.sequence(),
      [&](std::size_t f) { return readSweep(doc.sequence().sweepPathOf(f), "kitti-bin"); },
      doc.ontology());
  Document expected;
  test::openAnnotated(expected);
  const int expectedBoxes = applyPrelabels(expected, engine);
  ASSERT_GT(expectedBoxes, 0);
  PrelabelRunner runner(doc);
  int reported = -1;
  QObject::connect(&runner, &PrelabelRunner::finished, [&](int n) { reported = n; });
  ASSERT_TRUE(runner.start());
  EXPECT_FALSE(runner.start());  // one run at a time
  waitForRunner(runner);
  EXPECT_EQ(reported, expectedBoxes);
  for (std::size_t f = 0; f < doc.frameCount(); ++f)
    EXPECT_EQ(doc.objects(f), expected.objects(f)) << "frame " << f;
  EXPECT_EQ(doc.undoStack()->count(), 1);
}

TEST(PrelabelRunner, CancelledLeavesTheDocumentUnchanged) {
  test::qtApp();
  Document doc;
  test::openAnnotated(doc);
  const Sequence before = doc.sequence();
  PrelabelRunner runner(doc);
  bool cancelled = false;
  QObject::connect(&runner, &PrelabelRunner::cancelled, [&] { cancelled = true; });
  ASSERT_TRUE(runner.start());
  runner.cancel();
  waitForRunner(runner);
  EXPECT_TRUE(cancelled);
  for (std::size_t f = 0; f < doc.frameCount(); ++f)
    EXPECT_EQ(doc.objects(f), before.frames[f].objects);
  EXPECT_EQ(doc.undoStack()->count(), 0);
}

TEST(DocumentPrefetch, AFrameChangeHasTheNextAndPreviousSweepsReadInTheBackground) {
  Document doc;
  test::openAnnotated(doc);
  doc.sharedCache()->waitIdle();
  EXPECT_TRUE(doc.cache().contains(1));  // prefetched after opening on frame 0
  doc.setCurrentFrame(1);
  doc.sharedCache()->waitIdle();
  EXPECT_TRUE(doc.cache().contains(2));
  const std::size_t loads = doc.cache().stats().loads;
  (void)doc.cloud(2);
  (void)doc.ground(2);  // segmented by the worker too
  EXPECT_EQ(doc.cache().stats().loads, loads);
  EXPECT_EQ(doc.cache().stats().grounds, 3u);  // frames 1, 2 and 0, all by the worker
}

TEST(DocumentPrefetch, OffMeansNothingIsReadAhead) {
  DocumentConfig config;
  config.prefetch = false;
  Document doc(config);
  test::openAnnotated(doc);
  doc.sharedCache()->waitIdle();
  EXPECT_FALSE(doc.cache().contains(1));
}

}  // namespace
}  // namespace lidarlabel
