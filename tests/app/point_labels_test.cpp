// Per-point labels through the document and the edit API, without widgets: lazy loading of the
// dataset's labels, strokes as one undo step, fills equal to core's point-in-box, the ground
// action, consistency, and labels surviving save / reopen / autosave recovery / export.
#include <gtest/gtest.h>

#include <filesystem>

#include "app_fixture.h"
#include "label_fixture.h"
#include "lidarlabel/app/commands/paint_points.h"
#include "lidarlabel/app/editor.h"
#include "lidarlabel/app/workspace.h"
#include "lidarlabel/core/points_in_box.h"
#include "lidarlabel/io/atomic_file.h"
#include "lidarlabel/io/nuscenes_lidarseg.h"
#include "lidarlabel/io/ontology_io.h"
#include "lidarlabel/io/semantic_kitti.h"
#include "qt_app.h"

namespace lidarlabel {
namespace {

namespace fs = std::filesystem;

constexpr std::uint16_t kRoad = 40, kCar = 10, kSidewalk = 48;

std::vector<std::uint32_t> range(std::uint32_t from, std::uint32_t to) {
  std::vector<std::uint32_t> v;
  for (std::uint32_t i = from; i < to; ++i) v.push_back(i);
  return v;
}

struct PointLabelsTest : ::testing::Test {
  void SetUp() override {
    test::qtApp();
    folder = test::writeAnnotatedSequence(test::scratchDir());
    doc.open(folder);
    test::putCarOnARealCar(doc);
    saveNativeSequence(doc.sequence(), folder + "/" + kNativeFileName);  // for Workspace opens
  }
  PointLabels labels(std::size_t frame = 0) {
    const auto l = doc.pointLabels(frame);
    return l ? *l : PointLabels{};
  }
  std::string folder;
  Document doc;
  Editor editor{doc};
};

TEST_F(PointLabelsTest, SemanticKittiLabelsArriveInTheDocument) {
  const std::string file = test::sampleData("semantickitti/sequences/00/labels/000000.label");
  const PointLabels expected =
      readSemanticKittiLabelsMapped(file, defaultOntology(), doc.cloud(0)->size());
  EXPECT_EQ(labels(0), expected);
  EXPECT_TRUE(doc.unsavedPointLabelFrames().empty());
}

TEST_F(PointLabelsTest, SetPointLabelsEmitsTheFrameAndTheWrittenIndices) {
  std::vector<PointLabelsEvent> events;
  QObject::connect(&doc, &Document::pointLabelsChanged,
                   [&](const PointLabelsEvent& e) { events.push_back(e); });
  doc.setPointLabels(1, {30, 10, 20}, kRoad, 0);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].frame, 1u);
  EXPECT_EQ(events[0].indices.size(), 3u);
  EXPECT_EQ(events[0].first, 10u);
  EXPECT_EQ(events[0].last, 30u);
  EXPECT_EQ(labels(1).semantic[20], kRoad);
  EXPECT_EQ(doc.unsavedPointLabelFrames(), std::vector<std::size_t>{1});
}

TEST_F(PointLabelsTest, UnsavedLabelsSurviveTheirSweepLeavingThePrefetchingCache) {
  Document small(DocumentConfig{.cachedFrames = 1, .prefetch = true});
  small.open(folder);
  small.setPointLabels(0, {5, 6, 7}, kSidewalk, 3);
  for (std::size_t f : {1u, 2u}) {
    small.setCurrentFrame(f);
    small.cloud(f);
    small.sharedCache()->waitIdle();  // the neighbours' reads are done
  }
  ASSERT_FALSE(small.cache().contains(0));  // the edited frame's sweep was evicted
  small.pointLabels(1);                     // evicts loaded labels of uncached frames
  const auto l = small.pointLabels(0);
  ASSERT_TRUE(l);
  EXPECT_EQ(l->semantic[6], kSidewalk);
  EXPECT_EQ(l->instance[6], 3u);
  EXPECT_EQ(small.unsavedPointLabelFrames(), std::vector<std::size_t>{0});
}

TEST_F(PointLabelsTest, AStrokeOfThreeSegmentsIsOneUndoStepAndUndoRestoresTheLabels) {
  const PointLabels before = labels();
  EXPECT_GT(editor.paintClass(range(0, 100), "sidewalk", 0, {}, false), 0);
  EXPECT_GT(editor.paintClass(range(100, 200), "sidewalk", 0, {}, true), 0);
  EXPECT_GT(editor.paintClass(range(150, 300), "sidewalk", 0, {}, true), 0);
  EXPECT_EQ(doc.undoStack()->count(), 1);
  for (std::uint32_t i = 0; i < 300; ++i) ASSERT_EQ(labels().semantic[i], kSidewalk);
  doc.undoStack()->undo();
  EXPECT_EQ(labels(), before);
  doc.undoStack()->redo();
  EXPECT_EQ(labels().semantic[299], kSidewalk);
}

TEST_F(PointLabelsTest, StrokeRecordHoldsOnlyTheChangedPointsAndTheirOldLabels) {
  editor.erasePoints(range(0, 5000));
  const int n = editor.paintClass(range(0, 5000), "road", 0, {}, false) +
                editor.paintClass(range(5000, 8000), "road", 0, {}, true);
  const auto* cmd = dynamic_cast<const PaintPointsCommand*>(
      doc.undoStack()->command(doc.undoStack()->count() - 1));
  ASSERT_NE(cmd, nullptr);
  EXPECT_EQ(cmd->pointCount(), static_cast<std::size_t>(n));
  EXPECT_GE(cmd->memoryBytes(), 8u * n);         // 4 B index + 2 + 2 B old labels
  EXPECT_LE(cmd->memoryBytes(), 8u * n + 512u);  // and not a copy of the 120k-point frame
}

TEST_F(PointLabelsTest, EachStrokeIsItsOwnUndoStepEvenWhenItsFirstSegmentChangesNothing) {
  editor.paintClass(range(0, 10), "road", 0, {}, false);
  editor.paintClass(range(0, 10), "road", 0, {}, false);  // already road: no step
  editor.paintClass(range(10, 20), "road", 0, {}, true);  // continues that (empty) stroke
  EXPECT_EQ(doc.undoStack()->count(), 2);
}

TEST_F(PointLabelsTest, FillFromBoxEqualsCorePointInBox) {
  const auto cloud = doc.cloud(0);
  const ObjectAnnotation car = doc.objects(0).front();
  const std::vector<std::uint32_t> inside = indicesInBox(*cloud, car.box);
  ASSERT_GT(inside.size(), 20u);
  editor.fillFromBoxes({car.trackId});
  const PointLabels l = labels();
  std::vector<std::uint32_t> labelled;
  for (std::uint32_t i = 0; i < l.size(); ++i)
    if (l.instance[i] == car.trackId && l.semantic[i] == kCar) labelled.push_back(i);
  EXPECT_EQ(labelled, inside);
}

TEST_F(PointLabelsTest, FillFromTrackLabelsEveryFrameOfTheTrackAsOneStep) {
  editor.fillFromBoxes({1}, FillScope::Tracks);
  EXPECT_EQ(doc.undoStack()->count(), 1);
  for (std::size_t f : {0u, 1u}) {
    const auto inside = indicesInBox(*doc.cloud(f), doc.object(f, 1)->box);
    for (std::uint32_t i : inside) ASSERT_EQ(labels(f).instance[i], 1) << "frame " << f;
  }
  EXPECT_EQ(doc.unsavedPointLabelFrames(), (std::vector<std::size_t>{0, 1}));
}

TEST_F(PointLabelsTest, NonGroundRestrictionKeepsGroundPointsOutOfAFill) {
  PointFilter f;
  f.nonGroundOnly = true;
  editor.erasePoints(range(0, static_cast<std::uint32_t>(doc.cloud(0)->size())));
  editor.fillFromBoxes({1}, FillScope::Boxes, f);
  const auto ground = editor.ground(0);
  const PointLabels l = labels();
  std::size_t car = 0;
  for (std::uint32_t i = 0; i < l.size(); ++i) {
    if (l.semantic[i] != kCar) continue;
    ++car;
    ASSERT_FALSE(ground->isGround[i]) << i;
  }
  EXPECT_GT(car, 0u);
}

TEST_F(PointLabelsTest, GroundActionLabelsExactlyTheGroundRemovalResult) {
  editor.erasePoints(range(0, static_cast<std::uint32_t>(doc.cloud(0)->size())));
  EXPECT_EQ(editor.labelGround("road"), static_cast<int>(editor.ground(0)->groundCount));
  const auto ground = editor.ground(0);
  const PointLabels l = labels();
  for (std::uint32_t i = 0; i < l.size(); ++i)
    ASSERT_EQ(l.semantic[i], ground->isGround[i] ? kRoad : 0) << i;
}

TEST_F(PointLabelsTest, FillInstancesFromBoxesLeavesNoDisagreement) {
  doc.setPointLabels(0, range(0, 50), kCar, 1);  // instance 1 far from car 1's box
  EXPECT_GT(editor.disagreements(0).total, 0u);
  EXPECT_GT(editor.fillInstancesFromBoxes(), 0);
  EXPECT_EQ(editor.disagreements(0).total, 0u);
}

TEST_F(PointLabelsTest, UpdatingAMovedBoxsPointsMakesThemFollowTheBox) {
  editor.erasePoints(range(0, static_cast<std::uint32_t>(doc.cloud(0)->size())));
  editor.fillFromBoxes({1});
  Cuboid moved = doc.object(0, 1)->box;
  moved.center.x() += 1.0;
  editor.setBox(1, moved);
  EXPECT_GT(editor.disagreements(0).total, 0u);
  EXPECT_GT(editor.updateBoxPoints(1), 0);
  EXPECT_EQ(editor.disagreements(0).total, 0u);
  const auto inside = indicesInBox(*doc.cloud(0), moved);
  for (std::uint32_t i : inside) ASSERT_EQ(labels().instance[i], 1);
}

TEST_F(PointLabelsTest, LabelsSurviveSaveAndReopenAndTheDatasetFileIsNotWritten) {
  const std::string source = test::sampleData("semantickitti/sequences/00/labels/000000.label");
  const std::string sourceBytes = readFile(source);
  Document d;
  Editor e{d};
  Workspace ws(d);
  ASSERT_TRUE(ws.open(folder));
  e.paintClass(range(0, 1000), "sidewalk");
  e.fillFromBoxes({1});
  const PointLabels edited = *d.pointLabels(0);
  ASSERT_TRUE(ws.save());
  EXPECT_TRUE(d.unsavedPointLabelFrames().empty());
  EXPECT_EQ(d.sequence().frames[0].pointLabelPath, "point_labels/000000.llpl");
  EXPECT_TRUE(fs::exists(folder + "/point_labels/000000.llpl"));
  ws.close();
  Document reopened;
  reopened.open(folder);
  EXPECT_EQ(*reopened.pointLabels(0), edited);
  EXPECT_EQ(readFile(source), sourceBytes);
}

TEST_F(PointLabelsTest, ASecondSaveWritesANewSidecarAndRemovesTheOldOne) {
  Document d;
  Editor e{d};
  Workspace ws(d);
  ASSERT_TRUE(ws.open(folder));
  e.paintClass(range(0, 10), "sidewalk");
  ASSERT_TRUE(ws.save());
  e.paintClass(range(10, 20), "sidewalk");
  ASSERT_TRUE(ws.save());
  EXPECT_EQ(d.sequence().frames[0].pointLabelPath, "point_labels/000000-1.llpl");
  EXPECT_FALSE(fs::exists(folder + "/point_labels/000000.llpl"));
  const PointLabels saved = readPointLabels(folder + "/point_labels/000000-1.llpl");
  EXPECT_EQ(saved, *d.pointLabels(0));
}

TEST_F(PointLabelsTest, AutosaveAndRecoveryIncludePointLabels) {
  PointLabels edited;
  {
    Document crashed;
    Editor e{crashed};
    Workspace ws(crashed);
    ws.open(folder);
    e.paintClass(range(0, 500), "sidewalk");
    edited = *crashed.pointLabels(0);
    ws.autosaveNow();
    ws.waitForAutosave();
    EXPECT_TRUE(fs::exists(ws.recoveryPath() + ".labels/000000.llpl"));
  }  // destroyed while modified: the recovery stays, as after a crash
  Document d;
  Workspace ws(d);
  WorkspacePrompts prompts;
  prompts.offerRecovery = [](const std::string&) { return true; };
  ws.setPrompts(prompts);
  ws.open(folder);
  EXPECT_EQ(*d.pointLabels(0), edited);
  EXPECT_EQ(d.unsavedPointLabelFrames(), std::vector<std::size_t>{0});
  ASSERT_TRUE(ws.save());  // the recovered labels become the document's sidecar
  EXPECT_FALSE(fs::exists(ws.recoveryPath() + ".labels"));
  Document reopened;
  reopened.open(folder);
  EXPECT_EQ(*reopened.pointLabels(0), edited);
}

TEST_F(PointLabelsTest, ExportsToSemanticKittiAndLidarsegCarryTheLabelsUnchanged) {
  Document d;
  Editor e{d};
  Workspace ws(d);
  ASSERT_TRUE(ws.open(folder));
  e.labelGround("road");
  e.fillFromBoxes({1});
  ASSERT_TRUE(ws.save());
  const PointLabels l = *d.pointLabels(0);
  const Sequence saved = loadNativeSequence(ws.documentPath());
  const std::string out = folder + "/export";
  exportSemanticKitti(saved, out);
  EXPECT_EQ(readSemanticKittiLabels(out + "/labels/000000.label", l.size()), l);
  const Ontology& o = defaultOntology();
  exportNuscenesLidarseg(saved, out + "/nus", o);
  const std::string seg = out + "/nus/lidarseg/v1.0-lidarlabel";
  ASSERT_TRUE(fs::exists(seg));
  std::vector<std::string> bins;  // only frame 0 has a sidecar, so one file
  for (const auto& entry : fs::directory_iterator(seg)) bins.push_back(entry.path().string());
  ASSERT_EQ(bins.size(), 1u);
  const std::string bin = bins[0];
  const std::string bytes = readFile(bin);
  ASSERT_EQ(bytes.size(), l.size());
  std::size_t checked = 0;
  for (std::size_t i = 0; i < l.size(); ++i) {
    const ClassDef* c = o.findBySemanticKittiId(l.semantic[i]);
    if (!c || c->nuscenesLidarsegIndex < 0 || (l.semantic[i] != kRoad && l.semantic[i] != kCar))
      continue;
    ASSERT_EQ(static_cast<unsigned char>(bytes[i]), c->nuscenesLidarsegIndex) << i;
    ++checked;
  }
  EXPECT_GT(checked, 1000u);
}

}  // namespace
}  // namespace lidarlabel
