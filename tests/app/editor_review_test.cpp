// Edit API: review decisions (accept / reject at a level, with who, when and note), comments,
// frame decisions, undo, and the multi-level progress they produce.
#include <QSignalSpy>

#include <gtest/gtest.h>

#include "editor_fixture.h"
#include "lidarlabel/io/ontology_io.h"

namespace lidarlabel {
namespace {

EditorConfig clocked(int* tick) {
  EditorConfig c;
  c.reviewClock = [tick] { return "2026-12-02T10:00:0" + std::to_string((*tick)++) + "Z"; };
  return c;
}

struct EditorReview : ::testing::Test {
  Document doc;
  int tick = 0;
  Editor editor{doc, clocked(&tick)};
  void SetUp() override {
    Ontology o = defaultOntology();
    o.reviewLevels = {"reviewer", "qa"};
    doc.setOntology(o);
    test::openAnnotated(doc);
    doc.setCurrentFrame(1);  // car 1 and pedestrian 2
    editor.setReviewer("ana");
  }
  const ObjectAnnotation& object(ObjectId id) { return *doc.object(1, id); }
  const std::vector<std::string>& levels() { return doc.ontology().reviewLevels; }
  ReviewProgress progressOf(ObjectId id) { return objectProgress(object(id), levels()); }
  ReviewProgress frameProgress() {
    return reviewProgress(doc.sequence().frames[1].review, levels());
  }
  QUndoStack& stack() { return *doc.undoStack(); }
};

TEST_F(EditorReview, AcceptRecordsLevelVerdictWhoWhenAndNote) {
  ASSERT_TRUE(editor.acceptObjects({2}, "fits the points"));
  const ReviewDecision expected{"reviewer", ReviewVerdict::Accept, "ana", "2026-12-02T10:00:00Z",
                                "fits the points"};
  ASSERT_EQ(object(2).reviewLog.decisions.size(), 1u);
  EXPECT_EQ(object(2).reviewLog.decisions[0], expected);
  EXPECT_EQ(object(2).review, ReviewState::Accepted);
  EXPECT_EQ(progressOf(2).levelsPassed, 1u);
  EXPECT_EQ(progressOf(1).levelsPassed, 0u);  // only the named box
}

TEST_F(EditorReview, TheDefaultLevelIsEachBoxsNextLevelSoTwoAcceptsFinishIt) {
  ASSERT_TRUE(editor.acceptObjects({2}));
  EXPECT_FALSE(progressOf(2).done);
  EXPECT_EQ(progressOf(2).nextLevel, "qa");
  ASSERT_TRUE(editor.acceptObjects({2}));
  EXPECT_EQ(object(2).reviewLog.decisions[1].level, "qa");
  EXPECT_TRUE(progressOf(2).done);
}

TEST_F(EditorReview, AChosenLevelIsRecordedWhateverTheBoxsProgress) {
  editor.setReviewLevel(1);  // qa
  ASSERT_TRUE(editor.acceptObjects({1}));
  EXPECT_EQ(object(1).reviewLog.decisions[0].level, "qa");
  EXPECT_TRUE(progressOf(1).done);  // accepting the last level passes the ones before
  editor.setReviewLevel(5);         // not a level of the ontology: nothing recorded
  EXPECT_FALSE(editor.acceptObjects({2}));
  EXPECT_TRUE(object(2).reviewLog.empty());
}

TEST_F(EditorReview, RejectSendsABoxBackToTheFirstLevelWithItsReason) {
  ASSERT_TRUE(editor.acceptObjects({2}));
  ASSERT_TRUE(editor.rejectObjects({2}, "heading is backwards"));
  const ReviewDecision& d = object(2).reviewLog.decisions.back();
  EXPECT_EQ(d.level, "qa");
  EXPECT_EQ(d.verdict, ReviewVerdict::Reject);
  EXPECT_EQ(d.note, "heading is backwards");
  EXPECT_EQ(object(2).review, ReviewState::Rejected);
  EXPECT_TRUE(progressOf(2).rejected);
  EXPECT_EQ(progressOf(2).nextLevel, "reviewer");
}

TEST_F(EditorReview, SeveralBoxesAreOneUndoStepAndUndoRemovesTheDecisions) {
  QSignalSpy changed(&doc, &Document::objectsChanged);
  ASSERT_TRUE(editor.rejectObjects({1, 2, 99}));
  EXPECT_EQ(stack().count(), 1);
  ASSERT_EQ(changed.count(), 2);  // one event per box, each naming only the review
  for (int i = 0; i < 2; ++i) {
    const auto e = changed.at(i).at(0).value<ObjectsEvent>();
    EXPECT_EQ(e.ids, std::vector<ObjectId>{ObjectId(i + 1)});
    EXPECT_EQ(e.properties, unsigned(kPropReview));
  }
  stack().undo();
  EXPECT_TRUE(object(1).reviewLog.empty());
  EXPECT_TRUE(object(2).reviewLog.empty());
  EXPECT_EQ(object(2).review, ReviewState::Unreviewed);
  EXPECT_FALSE(editor.rejectObjects({99}));
  EXPECT_EQ(stack().count(), 1);  // the undone step, waiting for redo
}

TEST_F(EditorReview, TheAnnotatorsAcceptOfAToolsBoxIsAlsoAReviewAcceptance) {
  Sequence s = doc.sequence();
  s.frames[1].objects[1].provenance = Provenance::Automatic;
  s.frames[1].objects[1].confidence = 0.3f;
  doc.setSequence(s, doc.folder());
  doc.setCurrentFrame(1);
  ASSERT_TRUE(editor.accept(2));
  EXPECT_EQ(object(2).provenance, Provenance::Manual);
  EXPECT_EQ(object(2).confidence, 1.0f);
  EXPECT_EQ(object(2).reviewLog.decisions.at(0).level, "reviewer");
  EXPECT_EQ(stack().count(), 1);
  stack().undo();
  EXPECT_EQ(object(2).provenance, Provenance::Automatic);
  EXPECT_TRUE(object(2).reviewLog.empty());
}

TEST_F(EditorReview, RejectingKeepsTheBoxsSource) {
  Sequence s = doc.sequence();
  s.frames[1].objects[1].provenance = Provenance::Tracked;
  doc.setSequence(s, doc.folder());
  doc.setCurrentFrame(1);
  ASSERT_TRUE(editor.rejectObjects({2}));
  EXPECT_EQ(object(2).provenance, Provenance::Tracked);
}

TEST_F(EditorReview, ACommentOnABoxKeepsTextWhoAndWhenAndUndoes) {
  EXPECT_FALSE(editor.commentObject(2, ""));
  ASSERT_TRUE(editor.commentObject(2, "check the mirror"));
  const ReviewComment expected{"check the mirror", "ana", "2026-12-02T10:00:00Z"};
  ASSERT_EQ(object(2).reviewLog.comments.size(), 1u);
  EXPECT_EQ(object(2).reviewLog.comments[0], expected);
  EXPECT_FALSE(progressOf(2).rejected);  // a comment decides nothing
  stack().undo();
  EXPECT_TRUE(object(2).reviewLog.empty());
}

TEST_F(EditorReview, AFrameIsDoneOnlyWhenTheLastLevelAcceptsIt) {
  QSignalSpy changed(&doc, &Document::frameReviewChanged);
  ASSERT_TRUE(editor.acceptFrame());
  EXPECT_EQ(changed.count(), 1);
  EXPECT_EQ(changed.at(0).at(0).toInt(), 1);
  EXPECT_EQ(frameProgress().levelsPassed, 1u);
  EXPECT_FALSE(frameProgress().done);
  ASSERT_TRUE(editor.acceptFrame("all boxes checked"));
  EXPECT_TRUE(frameProgress().done);
  const ReviewDecision& d = doc.sequence().frames[1].review.decisions.back();
  EXPECT_EQ(d.level, "qa");
  EXPECT_EQ(d.who, "ana");
  EXPECT_EQ(d.note, "all boxes checked");
  stack().undo();
  EXPECT_FALSE(frameProgress().done);
  EXPECT_EQ(frameProgress().levelsPassed, 1u);
}

TEST_F(EditorReview, ARejectedFrameWaitsForTheFirstLevelAgainAndKeepsComments) {
  editor.setReviewLevel(1);
  ASSERT_TRUE(editor.acceptFrame());
  ASSERT_TRUE(editor.rejectFrame("pedestrian missing"));
  ASSERT_TRUE(editor.commentFrame("see the left kerb"));
  EXPECT_TRUE(frameProgress().rejected);
  EXPECT_EQ(frameProgress().levelsPassed, 0u);
  const ReviewRecord& r = doc.sequence().frames[1].review;
  ASSERT_EQ(r.comments.size(), 1u);
  EXPECT_EQ(r.comments[0].text, "see the left kerb");
  EXPECT_TRUE(doc.sequence().frames[0].review.empty());  // only the current frame
  EXPECT_EQ(stack().count(), 3);
}

TEST_F(EditorReview, TheReviewerFallsBackToTheLoginName) {
  editor.setReviewer("");
  EXPECT_EQ(editor.reviewer(), defaultReviewerName());
  EXPECT_FALSE(editor.reviewer().empty());
}

TEST_F(EditorReview, AnnotationTimeAddsUpWithoutAnUndoStepOrUnsavedChanges) {
  QSignalSpy changed(&doc, &Document::annotationTimeChanged);
  doc.addAnnotationSeconds(1, 2.5);
  doc.addAnnotationSeconds(1, 1.0);
  doc.addAnnotationSeconds(1, -3.0);  // ignored
  EXPECT_DOUBLE_EQ(doc.sequence().frames[1].annotationSeconds, 3.5);
  EXPECT_EQ(changed.count(), 2);
  EXPECT_EQ(stack().count(), 0);
  EXPECT_FALSE(doc.isModified());
}

}  // namespace
}  // namespace lidarlabel
