// The undo commands on their own (the Editor's tests cover them through the edit API).
#include <QSignalSpy>

#include <gtest/gtest.h>

#include "app_fixture.h"
#include "lidarlabel/app/commands/add_objects.h"
#include "lidarlabel/app/commands/change_objects.h"
#include "lidarlabel/app/commands/put_objects.h"
#include "lidarlabel/app/commands/remove_objects.h"
#include "lidarlabel/app/document.h"

namespace lidarlabel {
namespace {

// Frame 0 of the fixture with three cars (ids 1, 5, 7) in that order.
void openThreeCars(Document& doc) {
  doc.open(test::writeAnnotatedSequence(test::scratchDir()));
  Sequence s = doc.sequence();
  s.frames[0].objects.push_back(test::makeObject(5, "car", {20, 0, -0.9}, {4, 2, 1.5}, 0.0));
  s.frames[0].objects.push_back(test::makeObject(7, "car", {30, 0, -0.9}, {4, 2, 1.5}, 0.0));
  doc.setSequence(s, doc.folder());
}

ObjectAnnotation moved(const ObjectAnnotation& o, double dx) {
  ObjectAnnotation m = o;
  m.box.center.x() += dx;
  return m;
}

TEST(AddObjectsCommand, RedoAddsAndUndoRemoves) {
  Document doc;
  openThreeCars(doc);
  doc.undoStack()->push(new AddObjectsCommand(
      doc, 2, {test::makeObject(9, "car", {1, 2, 3}, {4, 2, 1}, 0)}, QStringLiteral("Add")));
  ASSERT_NE(doc.object(2, 9), nullptr);
  doc.undoStack()->undo();
  EXPECT_EQ(doc.object(2, 9), nullptr);
  doc.undoStack()->redo();
  EXPECT_EQ(doc.object(2, 9)->box.center.z(), 3.0);
}

TEST(RemoveObjectsCommand, UndoPutsEachObjectBackAtItsIndex) {
  Document doc;
  openThreeCars(doc);
  const std::vector<ObjectAnnotation> before = doc.objects(0);
  doc.undoStack()->push(new RemoveObjectsCommand(doc, 0, {7, 1, 42}, QStringLiteral("Delete")));
  ASSERT_EQ(doc.objects(0).size(), 1u);
  EXPECT_EQ(doc.objects(0)[0].trackId, 5u);
  doc.undoStack()->undo();
  EXPECT_EQ(doc.objects(0), before);
}

TEST(RemoveObjectsCommand, IsEmptyWhenNoIdIsPresent) {
  Document doc;
  openThreeCars(doc);
  RemoveObjectsCommand c(doc, 0, {42, 43}, QStringLiteral("Delete"));
  EXPECT_TRUE(c.isEmpty());
}

TEST(ChangeObjectsCommand, EmitsTheIdAndOnlyTheChangedProperties) {
  Document doc;
  openThreeCars(doc);
  QSignalSpy changed(&doc, &Document::objectsChanged);
  const ObjectAnnotation o = *doc.object(0, 5);
  doc.undoStack()->push(new ChangeObjectsCommand(doc, 0, {o}, {moved(o, 1)}, ChangeKind::SetBox,
                                                 QStringLiteral("Move")));
  ASSERT_EQ(changed.count(), 1);
  const auto e = changed.at(0).at(0).value<ObjectsEvent>();
  EXPECT_EQ(e.frame, 0u);
  EXPECT_EQ(e.ids, std::vector<ObjectId>{5});
  EXPECT_EQ(e.properties, unsigned(kPropBox));
}

TEST(ChangeObjectsCommand, ContinuingChangesOfTheSameKindMergeIntoOneStep) {
  Document doc;
  openThreeCars(doc);
  const ObjectAnnotation o = *doc.object(0, 5);
  auto* stack = doc.undoStack();
  stack->push(new ChangeObjectsCommand(doc, 0, {o}, {moved(o, 1)}, ChangeKind::NudgePosition,
                                       QStringLiteral("Nudge")));
  stack->push(new ChangeObjectsCommand(doc, 0, {moved(o, 1)}, {moved(o, 2)},
                                       ChangeKind::NudgePosition, QStringLiteral("Nudge"), true));
  EXPECT_EQ(stack->count(), 1);
  EXPECT_EQ(doc.object(0, 5)->box.center.x(), o.box.center.x() + 2);
  stack->undo();
  EXPECT_EQ(*doc.object(0, 5), o);
}

TEST(ChangeObjectsCommand, DoesNotMergeWithoutContinuingOrAcrossKindsOrIds) {
  Document doc;
  openThreeCars(doc);
  const ObjectAnnotation a = *doc.object(0, 5), b = *doc.object(0, 7);
  auto* stack = doc.undoStack();
  stack->push(new ChangeObjectsCommand(doc, 0, {a}, {moved(a, 1)}, ChangeKind::NudgePosition,
                                       QStringLiteral("Nudge")));
  stack->push(new ChangeObjectsCommand(doc, 0, {moved(a, 1)}, {moved(a, 2)},
                                       ChangeKind::NudgePosition, QStringLiteral("Nudge")));
  stack->push(new ChangeObjectsCommand(doc, 0, {moved(a, 2)}, {moved(a, 3)}, ChangeKind::SetBox,
                                       QStringLiteral("Set"), true));
  stack->push(new ChangeObjectsCommand(doc, 0, {b}, {moved(b, 1)}, ChangeKind::SetBox,
                                       QStringLiteral("Set"), true));
  EXPECT_EQ(stack->count(), 4);
}

TEST(ChangeObjectsCommand, AMergeBackToTheStartDropsTheStep) {
  Document doc;
  openThreeCars(doc);
  const ObjectAnnotation o = *doc.object(0, 5);
  auto* stack = doc.undoStack();
  stack->push(new ChangeObjectsCommand(doc, 0, {o}, {moved(o, 1)}, ChangeKind::Drag,
                                       QStringLiteral("Drag")));
  stack->push(new ChangeObjectsCommand(doc, 0, {moved(o, 1)}, {o}, ChangeKind::Drag,
                                       QStringLiteral("Drag"), true));
  EXPECT_EQ(stack->count(), 0);
  EXPECT_TRUE(stack->isClean());
  EXPECT_EQ(*doc.object(0, 5), o);
}

TEST(ChangeObjectsCommand, RenumberingReportsOldAndNewIds) {
  Document doc;
  openThreeCars(doc);
  QSignalSpy changed(&doc, &Document::objectsChanged);
  ObjectAnnotation o = *doc.object(0, 5), renumbered = o;
  renumbered.trackId = 11;
  doc.undoStack()->push(new ChangeObjectsCommand(doc, 0, {o}, {renumbered}, ChangeKind::TrackId,
                                                 QStringLiteral("Renumber")));
  ASSERT_EQ(changed.count(), 1);
  auto e = changed.at(0).at(0).value<ObjectsEvent>();
  EXPECT_EQ(e.ids, std::vector<ObjectId>{11});
  EXPECT_EQ(e.oldIds, std::vector<ObjectId>{5});
  EXPECT_EQ(e.properties, unsigned(kPropTrackId));
  doc.undoStack()->undo();
  EXPECT_NE(doc.object(0, 5), nullptr);
  EXPECT_EQ(doc.object(0, 11), nullptr);
}

TEST(PutObjectsCommand, ReplacesPresentIdsAddsNewOnesAndUndoRestores) {
  Document doc;
  openThreeCars(doc);
  const std::vector<ObjectAnnotation> before = doc.objects(0);
  const ObjectAnnotation replaced = moved(*doc.object(0, 5), 3);
  const ObjectAnnotation added = test::makeObject(8, "car", {0, 9, -1}, {4, 2, 1.5}, 0);
  QSignalSpy changed(&doc, &Document::objectsChanged);
  QSignalSpy addedSpy(&doc, &Document::objectsAdded);
  doc.undoStack()->push(
      new PutObjectsCommand(doc, 0, {replaced, added, *doc.object(0, 7)}, QStringLiteral("Put")));
  EXPECT_EQ(*doc.object(0, 5), replaced);
  EXPECT_EQ(*doc.object(0, 8), added);
  EXPECT_EQ(changed.count(), 1);  // id 7 was already as given: no event
  EXPECT_EQ(addedSpy.count(), 1);
  doc.undoStack()->undo();
  EXPECT_EQ(doc.objects(0), before);
}

TEST(PutObjectsCommand, IsEmptyWhenEveryObjectIsAlreadyThere) {
  Document doc;
  openThreeCars(doc);
  PutObjectsCommand c(doc, 0, doc.objects(0), QStringLiteral("Put"));
  EXPECT_TRUE(c.isEmpty());
}

}  // namespace
}  // namespace lidarlabel
