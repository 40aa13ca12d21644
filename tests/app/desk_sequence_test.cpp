// The window's sequence tools, driven through real widgets under Xvfb: the timeline (step, slider,
// playback), the track list (selection across frames), propagate and interpolate from the GUI
// (equal to the edit API's results), pre-labelling in the background (cancel leaves the document
// unchanged), accept with one key, flip a track's heading with one key, next frame needing
// attention, a slow sweep (progress with cancel, the window stays on its frame), and the side of
// the road the pre-labels find where the sequence records none.
#include <gtest/gtest.h>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QMenu>
#include <QPushButton>
#include <QSlider>
#include <QSpinBox>
#include <QStatusBar>
#include <QTableWidget>
#include <QToolButton>
#include <QUndoStack>

#include "desk_fixture.h"
#include "editor_fixture.h"
#include "lidarlabel/app/frame_navigator.h"
#include "lidarlabel/app/prelabel_runner.h"
#include "lidarlabel/app/scene_presenter.h"
#include "lidarlabel/app/sequence_actions.h"
#include "lidarlabel/app/timeline.h"
#include "lidarlabel/app/track_list.h"
#include "lidarlabel/app/track_selection.h"
#include "mirrored_sample.h"

namespace lidarlabel {
namespace {

constexpr ObjectId kCar = 28;  // synthetic sample: a car seen well in frames 0..8

// A copy of the synthetic sample in the test's scratch folder: the window's workspace writes its
// lock and recovery files next to the data, and the sample tree must stay untouched.
std::string syntheticCopy() {
  const std::filesystem::path dst = std::filesystem::path(test::scratchDir()) / "synthetic";
  std::filesystem::copy(test::sampleData("synthetic"), dst,
                        std::filesystem::copy_options::recursive);
  return dst.string();
}

template <typename T>
T* child(QWidget& w, const char* name) {
  T* c = w.findChild<T*>(QString::fromLatin1(name));
  EXPECT_NE(c, nullptr) << name;
  return c;
}

TEST(DeskSequence, TheTimelineStepsWithItsButtonsAndItsSlider) {
  test::qtApp();
  test::Desk d;
  ASSERT_TRUE(d.open(test::writeAnnotatedSequence(test::scratchDir())));
  Timeline& t = *d.window.timeline();
  QTest::mouseClick(child<QToolButton>(t, "nextFrame"), Qt::LeftButton);
  QTRY_COMPARE(d.doc().currentFrame(), 1u);
  EXPECT_EQ(t.frameLabel()->text(), QStringLiteral("2 / 3"));
  EXPECT_EQ(t.slider()->value(), 1);
  t.slider()->setValue(2);
  QTRY_COMPARE(d.doc().currentFrame(), 2u);
  QTest::mouseClick(child<QToolButton>(t, "previousFrame"), Qt::LeftButton);
  QTRY_COMPARE(d.doc().currentFrame(), 1u);
  EXPECT_EQ(t.slider()->value(), 1);
}

TEST(DeskSequence, SpacePlaysAtTheChosenRateAndStopsAtTheLastFrame) {
  test::qtApp();
  test::Desk d;
  ASSERT_TRUE(d.open(syntheticCopy()));
  Timeline& t = *d.window.timeline();
  t.setRate(30.0);
  QTest::keyClick(&d.view(), Qt::Key_Space);
  EXPECT_TRUE(t.isPlaying());
  EXPECT_TRUE(t.playButton()->isChecked());
  QTRY_VERIFY_WITH_TIMEOUT(d.doc().currentFrame() >= 5, 10000);
  // The window keeps working while it plays: a colour key acts at once.
  QTest::keyClick(&d.view(), Qt::Key_2);
  EXPECT_EQ(d.window.coloring(), PointColoring::Intensity);
  QTest::keyClick(&d.view(), Qt::Key_Space);
  EXPECT_FALSE(t.isPlaying());
  const std::size_t paused = d.doc().currentFrame();
  QTest::qWait(200);
  EXPECT_EQ(d.doc().currentFrame(), paused);
  d.doc().setCurrentFrame(d.doc().frameCount() - 3);
  QTest::keyClick(&d.view(), Qt::Key_Space);
  QTRY_VERIFY_WITH_TIMEOUT(!t.isPlaying(), 10000);
  EXPECT_EQ(d.doc().currentFrame(), d.doc().frameCount() - 1);
}

TEST(DeskSequence, ATrackPickedInTheListIsSelectedInEveryFrameItIsIn) {
  test::qtApp();
  test::Desk d;
  ASSERT_TRUE(d.open(test::writeAnnotatedSequence(test::scratchDir())));
  TrackList& list = *d.window.trackList();
  ASSERT_EQ(list.table()->rowCount(), 2);
  const int row = list.rowOf(2);  // the pedestrian: only in frame 1
  ASSERT_GE(row, 0);
  EXPECT_EQ(list.table()->item(row, TrackList::ColClass)->text(), QStringLiteral("pedestrian"));
  EXPECT_EQ(list.table()->item(row, TrackList::ColFrames)->text(), QStringLiteral("1"));
  EXPECT_EQ(list.table()->item(row, TrackList::ColSource)->text(), QStringLiteral("M 1"));
  const QRect cell = list.table()->visualItemRect(list.table()->item(row, TrackList::ColId));
  QTest::mouseClick(list.table()->viewport(), Qt::LeftButton, {}, cell.center());
  // Not in frame 0: the window goes to its frame and selects it there.
  QTRY_COMPARE(d.doc().currentFrame(), 1u);
  EXPECT_EQ(d.doc().selection(), std::vector<ObjectId>{2});
  EXPECT_EQ(d.window.timeline()->marks(), (std::vector<bool>{false, true, false}));
  d.focusView();
  QTest::keyClick(&d.view(), Qt::Key_PageDown);  // frame 2: no boxes
  QTRY_COMPARE(d.doc().currentFrame(), 2u);
  EXPECT_TRUE(d.doc().selection().empty());
  QTest::keyClick(&d.view(), Qt::Key_PageUp);
  QTRY_COMPARE(d.doc().currentFrame(), 1u);
  EXPECT_EQ(d.doc().selection(), std::vector<ObjectId>{2});
  EXPECT_EQ(d.window.trackSelection()->tracks(), std::vector<ObjectId>{2});
}

TEST(DeskSequence, TheTrackListFollowsEditsRowByRow) {
  test::qtApp();
  test::Desk d;
  ASSERT_TRUE(d.open(test::writeAnnotatedSequence(test::scratchDir())));
  TrackList& list = *d.window.trackList();
  d.window.editor().select({1});
  QTest::keyClick(&d.view(), Qt::Key_Up);  // a nudge: the summary stands
  EXPECT_EQ(list.rowUpdates(), 0u);
  d.window.editor().setClass(1, "truck");
  EXPECT_EQ(list.rowUpdates(), 1u);
  EXPECT_EQ(list.table()->item(list.rowOf(1), TrackList::ColSource)->text(), QStringLiteral("M 2"));
  ASSERT_TRUE(d.window.editor().createDefaultAt({15, -3, 0}, "car").has_value());
  EXPECT_EQ(list.table()->rowCount(), 3);
  EXPECT_EQ(list.rowUpdates(), 2u);
}

// The GUI run and the edit API's run on a second document of the same sequence.
TEST(DeskSequence, PropagateFromTheDialogGivesTheEditApisBoxesInOneUndoStep) {
  test::qtApp();
  Document engineDoc;
  Editor engine(engineDoc);
  test::openSynthetic(engineDoc);
  ASSERT_EQ(engine.propagate({kCar}, 4), 4);
  test::Desk d;
  ASSERT_TRUE(d.open(syntheticCopy()));
  d.window.editor().select({kCar});
  QTest::keyClick(&d.view(), Qt::Key_PageDown, Qt::ControlModifier | Qt::ShiftModifier);
  auto* dialog = d.window.findChild<QDialog*>(QStringLiteral("propagateDialog"));
  ASSERT_NE(dialog, nullptr);
  QTRY_VERIFY(dialog->isVisible());
  auto* frames = child<QSpinBox>(*dialog, "propagateFrames");
  frames->setValue(4);
  QTest::mouseClick(dialog->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok),
                    Qt::LeftButton);
  for (std::size_t f = 1; f <= 4; ++f) {
    ASSERT_NE(d.doc().object(f, kCar), nullptr);
    EXPECT_EQ(*d.doc().object(f, kCar), *engineDoc.object(f, kCar)) << "frame " << f;
  }
  EXPECT_EQ(d.undoCount(), 1);
  EXPECT_EQ(d.doc().currentFrame(), 0u);
  EXPECT_EQ(d.window.sequenceActions()->propagateFrames(), 4);
}

TEST(DeskSequence, InterpolateKeyGivesTheEditApisBoxesInOneUndoStep) {
  test::qtApp();
  Document engineDoc;
  Editor engine(engineDoc);
  test::openSynthetic(engineDoc);
  test::removeTrack(engineDoc, kCar, 1, 5);
  ASSERT_EQ(engine.interpolate(kCar), 5);
  test::Desk d;
  ASSERT_TRUE(d.open(syntheticCopy()));
  test::removeTrack(d.doc(), kCar, 1, 5);
  d.window.editor().select({kCar});
  QTest::keyClick(&d.view(), Qt::Key_I, Qt::ControlModifier);
  for (std::size_t f = 1; f <= 5; ++f) {
    ASSERT_NE(d.doc().object(f, kCar), nullptr);
    EXPECT_EQ(*d.doc().object(f, kCar), *engineDoc.object(f, kCar)) << "frame " << f;
  }
  EXPECT_EQ(d.undoCount(), 1);
  d.doc().undoStack()->undo();
  EXPECT_EQ(d.doc().object(3, kCar), nullptr);
}

TEST(DeskSequence, CancellingPrelabellingFromTheWindowLeavesTheDocumentUnchanged) {
  test::qtApp();
  test::Desk d;
  ASSERT_TRUE(d.open(syntheticCopy()));
  const Sequence before = d.doc().sequence();
  QTest::keyClick(&d.view(), Qt::Key_P, Qt::ControlModifier | Qt::ShiftModifier);
  SequenceActions& actions = *d.window.sequenceActions();
  ASSERT_TRUE(actions.prelabelRunner().isRunning());
  QProgressDialog* progress = actions.prelabelProgress();
  ASSERT_NE(progress, nullptr);
  EXPECT_TRUE(progress->isVisible());
  EXPECT_FALSE(progress->isModal());             // the window stays usable
  QTest::keyClick(&d.view(), Qt::Key_PageDown);  // and it is: frames step meanwhile
  QTRY_COMPARE(d.doc().currentFrame(), 1u);
  QTest::mouseClick(progress->findChild<QPushButton*>(), Qt::LeftButton);
  QTRY_VERIFY_WITH_TIMEOUT(!actions.prelabelRunner().isRunning(), 60000);
  QTRY_VERIFY(actions.prelabelProgress() == nullptr);
  for (std::size_t f = 0; f < d.doc().frameCount(); ++f)
    EXPECT_EQ(d.doc().objects(f), before.frames[f].objects) << "frame " << f;
  EXPECT_EQ(d.undoCount(), 0);
}

TEST(DeskSequence, PrelabelledBoxesArriveAsOneUndoStepAndTheAKeyAcceptsOne) {
  test::qtApp();
  test::Desk d;
  ASSERT_TRUE(d.open(test::writeAnnotatedSequence(test::scratchDir())));
  QTest::keyClick(&d.view(), Qt::Key_P, Qt::ControlModifier | Qt::ShiftModifier);
  SequenceActions& actions = *d.window.sequenceActions();
  QTRY_VERIFY_WITH_TIMEOUT(!actions.prelabelRunner().isRunning(), 120000);
  ASSERT_EQ(d.undoCount(), 1);
  std::optional<ObjectId> automatic;
  for (const ObjectAnnotation& o : d.doc().objects(0))
    if (o.provenance == Provenance::Automatic) automatic = o.trackId;
  ASSERT_TRUE(automatic.has_value());
  d.window.editor().select({*automatic});
  QTest::keyClick(&d.view(), Qt::Key_A);
  EXPECT_EQ(d.object(*automatic).provenance, Provenance::Manual);
  EXPECT_EQ(d.undoCount(), 2);
}

TEST(DeskSequence, PrelabelsOfAStreetKeepingLeftSetTheTrafficMenuToLeftHand) {
  test::qtApp();
  test::Desk d;
  const std::string dir = test::scratchDir();
  ASSERT_TRUE(d.open(test::mirroredSyntheticCopy(dir + "/seq", false)));
  auto* menu = d.window.findChild<QMenu*>(QStringLiteral("trafficMenu"));
  ASSERT_NE(menu, nullptr);
  auto* recorded = menu->findChild<QAction*>(QStringLiteral("trafficRecorded"));
  auto* left = menu->findChild<QAction*>(QStringLiteral("trafficLeft"));
  ASSERT_TRUE(recorded && left);
  EXPECT_TRUE(recorded->isChecked());  // nothing recorded: right-hand until the data says
  QTest::keyClick(&d.view(), Qt::Key_P, Qt::ControlModifier | Qt::ShiftModifier);
  SequenceActions& actions = *d.window.sequenceActions();
  QTRY_VERIFY_WITH_TIMEOUT(!actions.prelabelRunner().isRunning(), 120000);
  QTRY_VERIFY(left->isChecked());
  EXPECT_EQ(d.window.editor().trafficConfig().side, TrafficSide::Left);
  EXPECT_TRUE(d.window.statusBar()->currentMessage().contains(QStringLiteral("traffic keeps left")))
      << d.window.statusBar()->currentMessage().toStdString();
  EXPECT_EQ(d.undoCount(), 1);  // the boxes; the side is a window setting
  // The side found belongs to that sequence: another one opens as it records (none: right).
  ASSERT_TRUE(d.open(test::mirroredSyntheticCopy(dir + "/other", false)));
  EXPECT_TRUE(recorded->isChecked());
  EXPECT_FALSE(d.window.editor().trafficSideChoice().has_value());
}

TEST(DeskSequence, ShiftPageDownGoesToTheNextFrameNeedingAttention) {
  test::qtApp();
  test::Desk d;
  ASSERT_TRUE(d.open(test::writeAnnotatedSequence(test::scratchDir())));
  Sequence s = d.doc().sequence();
  s.frames[1].objects[1].provenance = Provenance::Automatic;
  d.doc().setSequence(s, d.doc().folder());
  QTest::keyClick(&d.view(), Qt::Key_PageDown, Qt::ShiftModifier);
  QTRY_COMPARE(d.doc().currentFrame(), 1u);
  QTest::keyClick(&d.view(), Qt::Key_PageDown, Qt::ShiftModifier);
  QTRY_COMPARE(d.doc().currentFrame(), 2u);  // no boxes
}

}  // namespace
}  // namespace lidarlabel

namespace lidarlabel {
namespace {

TEST(DeskSequence, ShiftDeleteDeletesTheSelectedTrackInEveryFrameAsOneUndoStep) {
  test::qtApp();
  test::Desk d;
  ASSERT_TRUE(d.open(test::writeAnnotatedSequence(test::scratchDir())));
  ASSERT_NE(d.doc().object(0, 1), nullptr);
  ASSERT_NE(d.doc().object(1, 1), nullptr);
  d.window.editor().select({1});
  QTest::keyClick(&d.view(), Qt::Key_Delete, Qt::ShiftModifier);
  for (std::size_t f = 0; f < d.doc().frameCount(); ++f)
    EXPECT_EQ(d.doc().object(f, 1), nullptr) << "frame " << f;
  EXPECT_NE(d.doc().object(1, 2), nullptr);  // the other track stays
  EXPECT_EQ(d.undoCount(), 1);
}

TEST(DeskSequence, AltAAcceptsTheSelectedTrackInEveryFrame) {
  test::qtApp();
  test::Desk d;
  ASSERT_TRUE(d.open(test::writeAnnotatedSequence(test::scratchDir())));
  Sequence s = d.doc().sequence();
  for (Frame& f : s.frames)
    for (ObjectAnnotation& o : f.objects) o.provenance = Provenance::Automatic;
  d.doc().setSequence(s, d.doc().folder());
  d.window.editor().select({1});
  QTest::keyClick(&d.view(), Qt::Key_A, Qt::AltModifier);
  EXPECT_EQ(d.doc().object(0, 1)->provenance, Provenance::Manual);
  EXPECT_EQ(d.doc().object(1, 1)->provenance, Provenance::Manual);
  EXPECT_EQ(d.doc().object(1, 2)->provenance, Provenance::Automatic);
  EXPECT_EQ(d.undoCount(), 1);
}

TEST(DeskSequence, ShiftXFlipsTheSelectedTrackInEveryFrameAndThePanelShowsTheNewYaw) {
  test::qtApp();
  test::Desk d;
  ASSERT_TRUE(d.open(test::writeAnnotatedSequence(test::scratchDir())));
  const double yaw0 = d.doc().object(0, 1)->box.yaw, yaw1 = d.doc().object(1, 1)->box.yaw;
  d.window.editor().select({1});
  QTest::keyClick(&d.view(), Qt::Key_X, Qt::ShiftModifier);
  EXPECT_NEAR(std::abs(angleDiff(d.doc().object(0, 1)->box.yaw, yaw0)), M_PI, 1e-9);
  EXPECT_NEAR(std::abs(angleDiff(d.doc().object(1, 1)->box.yaw, yaw1)), M_PI, 1e-9);
  auto* yawField = child<QDoubleSpinBox>(d.window, "field_yaw");
  ASSERT_NE(yawField, nullptr);
  EXPECT_NEAR(std::abs(angleDiff(yawField->value() * M_PI / 180.0, yaw0)), M_PI, 0.01);
  EXPECT_EQ(d.undoCount(), 1);
}

}  // namespace
}  // namespace lidarlabel
