// Reviewer mode in the window: the Review dock's buttons and the review keys accept and reject
// boxes (the object list's Review column follows), the Check results dock steps through the
// findings to their frame and boxes, the filters, and the class guideline beside the properties.
#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableWidget>
#include <QToolButton>

#include "app_fixture.h"
#include "desk_fixture.h"
#include "lidarlabel/app/check_results.h"
#include "lidarlabel/app/check_runner.h"
#include "lidarlabel/app/frame_navigator.h"
#include "lidarlabel/app/object_list.h"
#include "lidarlabel/app/properties_panel.h"
#include "lidarlabel/app/review_actions.h"
#include "lidarlabel/app/review_panel.h"
#include "lidarlabel/io/ontology_io.h"

namespace lidarlabel {
namespace {

// The SemanticKITTI sample: frame 0 an automatic car 1; frame 1 car 1 and pedestrian 2; frame 2
// cars 5 and 6 overlapping (the overlap check names them).
std::string reviewSequence() {
  Sequence s = openSequence(test::sampleData("semantickitti/sequences/00"));
  for (std::size_t i = 0; i < s.size(); ++i) s.frames[i].info.sweepPath = s.sweepPathOf(i);
  const Eigen::Vector3d car(4.5, 1.9, 1.6), ped(0.8, 0.7, 1.8);
  s.frames[0].objects = {test::makeObject(1, "car", {9.0, 3.5, -0.9}, car, 0.2)};
  s.frames[0].objects[0].provenance = Provenance::Automatic;
  s.frames[1].objects = {test::makeObject(1, "car", {8.5, 3.5, -0.9}, car, 0.2),
                         test::makeObject(2, "pedestrian", {6.0, -4.0, -0.8}, ped, 1.2)};
  s.frames[2].objects = {test::makeObject(5, "car", {12.0, -3.0, -0.9}, car, 0.0),
                         test::makeObject(6, "car", {13.0, -3.0, -0.9}, car, 0.0)};
  const std::string dir = test::scratchDir();
  saveNativeSequence(s, dir + "/" + kNativeFileName);
  return dir;
}

struct DeskReview : ::testing::Test {
  test::Desk d;
  void SetUp() override {
    Ontology o = defaultOntology();
    o.reviewLevels = {"reviewer", "qa"};
    for (ClassDef& c : o.classes)
      if (c.name == "car") c.guideline = "Box the whole body including mirrors.";
    d.doc().setOntology(o);
    ASSERT_TRUE(d.open(reviewSequence()));
  }
  ReviewActions& review() { return *d.window.reviewActions(); }
  ReviewPanel& panel() { return *review().panel(); }
  ObjectList& list() { return *d.window.objectList(); }
  QString reviewCell(ObjectId id) {
    const int row = list().rowOf(id);
    return row < 0 ? QString() : list().table()->item(row, ObjectList::ColReview)->text();
  }
  void clickRow(ObjectId id) {
    QTableWidget* t = list().table();
    const int row = list().rowOf(id);
    ASSERT_GE(row, 0);
    QTest::mouseClick(t->viewport(), Qt::LeftButton, {},
                      t->visualItemRect(t->item(row, ObjectList::ColClass)).center());
  }
  void goTo(std::size_t frame) {
    d.window.navigator()->goTo(frame);
    QTRY_COMPARE(d.doc().currentFrame(), frame);
    d.focusView();
  }
};

TEST_F(DeskReview, TheDockButtonsAndKeysAcceptAndRejectBoxes) {
  EXPECT_EQ(reviewCell(1), "unreviewed");
  clickRow(1);
  ASSERT_EQ(d.doc().selection(), std::vector<ObjectId>{1});
  QTest::mouseClick(panel().acceptButton(), Qt::LeftButton);
  EXPECT_EQ(reviewCell(1), "reviewer \u2713");
  EXPECT_EQ(d.object(1).provenance, Provenance::Manual);  // the reviewer vouched for it
  EXPECT_EQ(panel().boxProgress()->text(), "Box 1 (car): reviewer \u2713, qa pending");
  EXPECT_EQ(panel().history()->rowCount(), 1);
  EXPECT_EQ(panel().history()->item(0, ReviewPanel::ColLevel)->text(), "reviewer");
  EXPECT_EQ(panel().history()->item(0, ReviewPanel::ColWho)->text(),
            QString::fromStdString(d.window.editor().reviewer()));
  d.focusView();
  QTest::keyClick(&d.view(), Qt::Key_A);  // the next level: qa
  EXPECT_EQ(reviewCell(1), "qa \u2713");

  goTo(1);
  d.window.editor().select({2});
  panel().noteEdit()->setText(QStringLiteral("too wide"));
  QTest::mouseClick(panel().rejectButton(), Qt::LeftButton);
  EXPECT_EQ(reviewCell(2), "rejected");
  EXPECT_EQ(d.object(2).reviewLog.decisions.back().note, "too wide");
  EXPECT_TRUE(panel().noteEdit()->text().isEmpty());
  const QString who = QString::fromStdString(d.window.editor().reviewer());
  const QTableWidgetItem* cell = list().table()->item(list().rowOf(2), ObjectList::ColReview);
  EXPECT_TRUE(cell->toolTip().startsWith("reviewer rejected by " + who + " at "));
  EXPECT_TRUE(cell->toolTip().endsWith(": too wide"));
  panel().noteEdit()->setText(QStringLiteral("shrink to the points"));
  QTest::mouseClick(panel().commentButton(), Qt::LeftButton);
  EXPECT_EQ(reviewCell(2), "rejected \u00b7 1\u270e");
  EXPECT_EQ(panel().history()->rowCount(), 2);  // the rejection and the comment
  d.window.editor().select({1});
  d.focusView();
  QTest::keyClick(&d.view(), Qt::Key_A, Qt::ShiftModifier);
  EXPECT_EQ(reviewCell(1), "rejected");
  d.doc().undoStack()->undo();  // undo removes the decision
  EXPECT_EQ(reviewCell(1), "unreviewed");
}

TEST_F(DeskReview, TheFrameIsDoneOnlyAfterTheLastLevelAcceptsIt) {
  QSignalSpy said(&panel(), &ReviewPanel::message);
  QTest::mouseClick(panel().acceptFrameButton(), Qt::LeftButton);
  ASSERT_EQ(said.count(), 1);  // car 1 is not accepted yet: allowed, but said
  EXPECT_EQ(said.at(0).at(0).toString(),
            "Frame accepted at reviewer; 1 box(es) in it are not accepted at reviewer yet");
  EXPECT_TRUE(panel().frameProgress()->text().contains("reviewer \u2713, qa pending"));
  panel().levelCombo()->setCurrentIndex(2);  // qa chosen by the reviewer
  EXPECT_EQ(d.window.editor().reviewLevel(), ReviewLevel{1});
  QTest::mouseClick(panel().acceptFrameButton(), Qt::LeftButton);
  EXPECT_TRUE(panel().frameProgress()->text().contains("reviewer \u2713, qa \u2713"));
  EXPECT_TRUE(reviewProgress(d.doc().sequence().frames[0].review, {"reviewer", "qa"}).done);
}

TEST_F(DeskReview, TheCheckResultsDockStepsToEachFindingsFrameAndBoxes) {
  CheckRunner& runner = review().checkRunner();
  QTRY_VERIFY_WITH_TIMEOUT(runner.runsFinished() >= 1, 10000);  // after opening
  QTableWidget* table = review().checkResults()->table();
  ASSERT_GT(table->rowCount(), 0);
  int overlap = -1;
  for (int r = 0; r < table->rowCount(); ++r)
    if (table->item(r, CheckResults::ColCheck)->text() == "overlap") overlap = r;
  ASSERT_GE(overlap, 0);
  EXPECT_EQ(table->item(overlap, CheckResults::ColFrame)->text(), "3");  // 1-based
  EXPECT_EQ(table->item(overlap, CheckResults::ColIds)->text(), "5 6");

  // F8 from the top visits every finding in order: its frame, its boxes selected.
  for (int r = 0; r < table->rowCount(); ++r) {
    d.focusView();
    QTest::keyClick(&d.view(), Qt::Key_F8);
    EXPECT_EQ(table->currentRow(), r);
    const Finding& f = runner.findings()[static_cast<std::size_t>(r)];
    if (f.frame >= 0) {
      QTRY_COMPARE(d.doc().currentFrame(), static_cast<std::size_t>(f.frame));
    }
    if (r == overlap) {
      EXPECT_EQ(d.doc().selection(), (std::vector<ObjectId>{5, 6}));
    }
  }
  // Shift+F8 goes back one; Enter on a row jumps to it too.
  QTest::keyClick(&d.view(), Qt::Key_F8, Qt::ShiftModifier);
  EXPECT_EQ(table->currentRow(), table->rowCount() - 2 >= 0 ? table->rowCount() - 2 : 0);
  goTo(0);
  table->setFocus();
  table->setCurrentCell(overlap, 0);
  QTest::keyClick(table, Qt::Key_Return);
  QTRY_COMPARE(d.doc().currentFrame(), std::size_t{2});
  EXPECT_EQ(d.doc().selection(), (std::vector<ObjectId>{5, 6}));
}

TEST_F(DeskReview, AnEditRunsTheChecksAgainAndTheFindingsFilterFollows) {
  CheckRunner& runner = review().checkRunner();
  QTRY_VERIFY_WITH_TIMEOUT(runner.runsFinished() >= 1, 10000);
  goTo(2);
  list().setFilter(ObjectList::OnlyWithFindings, true);
  EXPECT_EQ(list().visibleRows(), 2);  // 5 and 6 overlap
  const int runs = runner.runsFinished();
  Cuboid apart = d.object(6).box;
  apart.center.x() += 10.0;
  ASSERT_TRUE(d.window.editor().setBox(6, apart));
  QTRY_VERIFY_WITH_TIMEOUT(runner.runsFinished() > runs, 10000);
  EXPECT_EQ(list().visibleRows(), 0);
}

TEST_F(DeskReview, FiltersShowOnlyRejectedAutomaticOrUnreviewedBoxes) {
  goTo(1);
  d.window.editor().rejectObjects({2});
  list().setFilter(ObjectList::OnlyRejected, true);
  EXPECT_EQ(list().visibleRows(), 1);
  EXPECT_FALSE(list().table()->isRowHidden(list().rowOf(2)));
  list().setFilter(ObjectList::OnlyRejected, false);
  list().setFilter(ObjectList::OnlyUnreviewed, true);
  EXPECT_EQ(list().visibleRows(), 1);  // car 1; the rejected one is not "unreviewed"
  EXPECT_FALSE(list().table()->isRowHidden(list().rowOf(1)));
  list().setFilter(ObjectList::OnlyUnreviewed, false);
  goTo(0);
  list().setFilter(ObjectList::OnlyAutomatic, true);
  EXPECT_EQ(list().visibleRows(), 1);
  d.window.editor().acceptObjects({1});  // accepted: the annotator's box now
  EXPECT_EQ(list().visibleRows(), 0);
}

TEST_F(DeskReview, NextBoxNeedingReviewWalksAcrossFrames) {
  d.window.editor().select({1});
  d.window.editor().acceptObjects({1});
  d.window.editor().acceptObjects({1});  // car 1 of frame 0 is done
  d.focusView();
  QTest::keyClick(&d.view(), Qt::Key_K);
  QTRY_COMPARE(d.doc().currentFrame(), std::size_t{1});
  EXPECT_EQ(d.doc().selection(), std::vector<ObjectId>{1});
  QTest::keyClick(&d.view(), Qt::Key_K);
  EXPECT_EQ(d.doc().selection(), std::vector<ObjectId>{2});
  QTest::keyClick(&d.view(), Qt::Key_PageDown, Qt::AltModifier);  // next frame needing review
  QTRY_COMPARE(d.doc().currentFrame(), std::size_t{2});
}

TEST_F(DeskReview, TheClassGuidelineIsShownBesideTheProperties) {
  d.window.editor().select({1});
  QLabel* g = d.window.properties()->guideline();
  EXPECT_TRUE(g->isVisible());
  EXPECT_EQ(g->text(), "Guideline (car): Box the whole body including mirrors.");
  goTo(1);
  d.window.editor().select({2});  // pedestrian: no guideline in this ontology
  EXPECT_FALSE(g->isVisible());
}

TEST_F(DeskReview, TheReviewersNameIsKeptInTheSettingsAndTheCommandLineOverridesIt) {
  QLineEdit* name = panel().reviewerEdit();
  name->setText(QStringLiteral("carla"));
  emit name->editingFinished();  // as when the field loses focus
  EXPECT_EQ(d.window.editor().reviewer(), "carla");
  MainWindowConfig c;  // the same settings file (deskConfig() would start a fresh one)
  c.settingsFile = d.window.settingsFile();
  c.workspace.autosaveSeconds = 0;
  {
    MainWindow again(c);  // the next start: the name from the settings
    EXPECT_EQ(again.editor().reviewer(), "carla");
  }
  c.reviewer = QStringLiteral("dan");  // lidarlabel --reviewer dan
  MainWindow overridden(c);
  EXPECT_EQ(overridden.editor().reviewer(), "dan");
  EXPECT_EQ(overridden.reviewActions()->panel()->reviewerEdit()->text(), "dan");
}

}  // namespace
}  // namespace lidarlabel
