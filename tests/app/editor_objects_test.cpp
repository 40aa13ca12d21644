// Edit API: object properties (class, track id, attributes, accept) and whole objects (delete,
// duplicate).
#include <QSignalSpy>

#include <gtest/gtest.h>

#include "editor_fixture.h"

namespace lidarlabel {
namespace {

struct EditorObjects : ::testing::Test {
  Document doc;
  Editor editor{doc};
  void SetUp() override {
    test::openAnnotated(doc);
    doc.setCurrentFrame(1);  // car 1 and pedestrian 2
  }
  const ObjectAnnotation* object(ObjectId id) { return doc.object(1, id); }
  QUndoStack& stack() { return *doc.undoStack(); }
};

TEST_F(EditorObjects, ClassChangeEmitsTheClassBitAndUndoes) {
  QSignalSpy changed(&doc, &Document::objectsChanged);
  ASSERT_TRUE(editor.setClass(1, "truck"));
  EXPECT_EQ(object(1)->className, "truck");
  ASSERT_EQ(changed.count(), 1);
  const auto e = changed.at(0).at(0).value<ObjectsEvent>();
  EXPECT_EQ(e.ids, std::vector<ObjectId>{1});
  EXPECT_EQ(e.properties, unsigned(kPropClass));
  stack().undo();
  EXPECT_EQ(object(1)->className, "car");
}

TEST_F(EditorObjects, ClassChangeIsRefusedForAClassOutsideTheOntology) {
  EXPECT_FALSE(editor.setClass(1, "spaceship"));
  EXPECT_FALSE(editor.setClass(99, "truck"));
  EXPECT_EQ(object(1)->className, "car");
  EXPECT_EQ(stack().count(), 0);
}

TEST_F(EditorObjects, TrackIdRenumbersTheObjectAndKeepsItSelected) {
  editor.select({1});
  ASSERT_TRUE(editor.setTrackId(1, 40));
  EXPECT_EQ(object(1), nullptr);
  ASSERT_NE(object(40), nullptr);
  EXPECT_EQ(object(40)->className, "car");
  EXPECT_EQ(doc.selection(), std::vector<ObjectId>{40});
  EXPECT_NE(doc.object(0, 1), nullptr);  // other frames keep their ids
  stack().undo();
  EXPECT_NE(object(1), nullptr);
  EXPECT_EQ(object(40), nullptr);
}

TEST_F(EditorObjects, TrackIdIsRefusedWhenTakenInTheFrameOrZero) {
  EXPECT_FALSE(editor.setTrackId(1, 2));
  EXPECT_FALSE(editor.setTrackId(1, 0));
  EXPECT_FALSE(editor.setTrackId(77, 78));
  EXPECT_EQ(object(1)->className, "car");
  EXPECT_EQ(object(2)->className, "pedestrian");
  EXPECT_EQ(stack().count(), 0);
}

TEST_F(EditorObjects, AttributeIsSetAndAnEmptyValueRemovesIt) {
  ASSERT_TRUE(editor.setAttribute(2, "state", "standing"));
  EXPECT_EQ(object(2)->attributes.at("state"), "standing");
  QSignalSpy changed(&doc, &Document::objectsChanged);
  ASSERT_TRUE(editor.setAttribute(2, "state", ""));
  EXPECT_EQ(object(2)->attributes.count("state"), 0u);
  EXPECT_EQ(changed.at(0).at(0).value<ObjectsEvent>().properties, unsigned(kPropAttributes));
  EXPECT_EQ(stack().count(), 2);
  stack().undo();
  EXPECT_EQ(object(2)->attributes.at("state"), "standing");
}

TEST_F(EditorObjects, AcceptMakesAToolsBoxTheAnnotators) {
  Sequence s = doc.sequence();
  s.frames[1].objects[1].provenance = Provenance::Interpolated;
  s.frames[1].objects[1].confidence = 0.4f;
  doc.setSequence(s, doc.folder());
  doc.setCurrentFrame(1);
  const Cuboid box = object(2)->box;
  ASSERT_TRUE(editor.accept(2));
  EXPECT_EQ(object(2)->provenance, Provenance::Manual);
  EXPECT_EQ(object(2)->confidence, 1.0f);
  EXPECT_EQ(object(2)->box, box);
  stack().undo();
  EXPECT_EQ(object(2)->provenance, Provenance::Interpolated);
}

TEST_F(EditorObjects, DeleteRemovesSeveralObjectsInOneUndoStep) {
  const std::vector<ObjectAnnotation> before = doc.objects(1);
  editor.select({1, 2});
  EXPECT_EQ(editor.remove({1, 2, 99}), 2);
  EXPECT_TRUE(doc.objects(1).empty());
  EXPECT_TRUE(doc.selection().empty());
  EXPECT_EQ(stack().count(), 1);
  stack().undo();
  EXPECT_EQ(doc.objects(1), before);
  EXPECT_EQ(editor.remove({99}), 0);
  EXPECT_EQ(stack().count(), 1);
}

TEST_F(EditorObjects, DuplicateMakesNewIdsOneMetreLeftSelectedInOneStep) {
  const ObjectAnnotation car = *object(1);
  const ObjectId firstNew = doc.unusedTrackId();
  const std::vector<ObjectId> ids = editor.duplicate({1, 2});
  ASSERT_EQ(ids, (std::vector<ObjectId>{firstNew, firstNew + 1}));
  const ObjectAnnotation& copy = *object(firstNew);
  EXPECT_EQ(copy.className, "car");
  EXPECT_EQ(copy.box.size, car.box.size);
  EXPECT_NEAR((copy.box.center - car.box.center).norm(), 1.0, 1e-12);
  // Left of a box at yaw 0.2: (-sin 0.2, cos 0.2).
  EXPECT_NEAR(copy.box.center.x() - car.box.center.x(), -std::sin(0.2), 1e-12);
  EXPECT_EQ(doc.selection(), ids);
  EXPECT_EQ(stack().count(), 1);
  stack().undo();
  EXPECT_EQ(doc.objects(1).size(), 2u);
}

TEST_F(EditorObjects, DuplicateStartsWithoutTheOriginalsReviewHistory) {
  ObjectAnnotation reviewed = *object(1);
  reviewed.reviewLog.decisions.push_back(
      {"reviewer", ReviewVerdict::Accept, "rev1", "2026-12-02T09:00:00Z", ""});
  reviewed.review = ReviewState::Accepted;
  doc.replaceObject(1, 1, reviewed, kPropReview);
  const std::vector<ObjectId> ids = editor.duplicate({1});
  ASSERT_EQ(ids.size(), 1u);
  EXPECT_TRUE(object(ids[0])->reviewLog.empty());
  EXPECT_EQ(object(ids[0])->review, ReviewState::Unreviewed);
  EXPECT_EQ(object(1)->reviewLog, reviewed.reviewLog);
}

}  // namespace
}  // namespace lidarlabel
