// Review state, comments and active annotation time survive save and reopen through the
// Workspace (native document, schema 2).
#include <gtest/gtest.h>

#include "app_fixture.h"
#include "lidarlabel/app/editor.h"
#include "lidarlabel/app/workspace.h"
#include "lidarlabel/io/ontology_io.h"
#include "qt_app.h"

namespace lidarlabel {
namespace {

TEST(ReviewSave, DecisionsCommentsAndActiveTimeSurviveSaveAndReopen) {
  test::qtApp();
  const std::string folder = test::writeAnnotatedSequence(test::scratchDir());
  Ontology ontology = defaultOntology();
  ontology.reviewLevels = {"reviewer", "qa"};
  Sequence saved;
  {
    Document doc;
    doc.setOntology(ontology);
    Workspace ws(doc, WorkspaceConfig{0, false});
    ASSERT_TRUE(ws.open(folder));
    Editor editor(doc);
    editor.setReviewer("ana");
    doc.setCurrentFrame(1);
    ASSERT_TRUE(editor.acceptObjects({1}, "good fit"));
    ASSERT_TRUE(editor.rejectObjects({2}, "too wide"));
    ASSERT_TRUE(editor.commentObject(2, "shrink to the points"));
    editor.setReviewer("ben");
    ASSERT_TRUE(editor.acceptObjects({1}));  // qa
    ASSERT_TRUE(editor.acceptFrame());
    ASSERT_TRUE(editor.commentFrame("one pedestrian left"));
    doc.addAnnotationSeconds(1, 42.5);
    ASSERT_TRUE(ws.save());
    saved = doc.sequence();
    ws.close();
  }
  Document doc;
  doc.setOntology(ontology);
  Workspace ws(doc, WorkspaceConfig{0, false});
  ASSERT_TRUE(ws.open(folder));
  const Frame& f = doc.sequence().frames[1];
  EXPECT_EQ(f.objects, saved.frames[1].objects);
  EXPECT_EQ(f.review, saved.frames[1].review);
  EXPECT_DOUBLE_EQ(f.annotationSeconds, 42.5);
  const ObjectAnnotation* car = doc.object(1, 1);
  const ObjectAnnotation* ped = doc.object(1, 2);
  ASSERT_TRUE(car && ped);
  EXPECT_TRUE(objectProgress(*car, ontology.reviewLevels).done);
  EXPECT_EQ(car->reviewLog.decisions.at(1).who, "ben");
  EXPECT_EQ(car->reviewLog.decisions.at(0).note, "good fit");
  EXPECT_EQ(ped->review, ReviewState::Rejected);
  EXPECT_EQ(ped->reviewLog.comments.at(0).text, "shrink to the points");
  EXPECT_EQ(f.review.decisions.at(0).level, "reviewer");
  EXPECT_EQ(f.review.comments.at(0).text, "one pedestrian left");
  EXPECT_TRUE(doc.sequence().frames[0].review.empty());
  ws.close();
}

}  // namespace
}  // namespace lidarlabel
