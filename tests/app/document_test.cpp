#include "lidarlabel/app/document.h"

#include <QSignalSpy>

#include <gtest/gtest.h>

#include "app_fixture.h"
#include "lidarlabel/app/commands/set_frame_objects.h"
#include "lidarlabel/core/errors.h"

namespace lidarlabel {
namespace {

TEST(Document, OpensAKittiStyleFolderWithTheDefaultOntology) {
  Document doc;
  doc.open(test::sampleData("semantickitti/sequences/00"));
  EXPECT_EQ(doc.frameCount(), 3u);
  EXPECT_EQ(doc.currentFrame(), 0u);
  EXPECT_NE(doc.ontology().find("car"), nullptr);
  EXPECT_EQ(doc.cloud(0)->size(), 124668u);
  EXPECT_EQ(doc.cloud(2)->size(), 124478u);
}

TEST(Document, OpensTheNativeAnnotationFileWhenPresent) {
  Document doc;
  doc.open(test::writeAnnotatedSequence(test::scratchDir()));
  ASSERT_EQ(doc.frameCount(), 3u);
  EXPECT_EQ(doc.objects(0).size(), 1u);
  EXPECT_EQ(doc.objects(1).size(), 2u);
  EXPECT_EQ(doc.objects(1)[1].className, "pedestrian");
  EXPECT_EQ(doc.cloud(1)->size(), 124605u);
}

TEST(Document, FailedOpenThrowsFileErrorAndKeepsTheOpenSequence) {
  Document doc;
  doc.open(test::sampleData("semantickitti/sequences/00"));
  doc.setCurrentFrame(2);
  const std::string missing = test::scratchDir() + "/no-such-folder";
  EXPECT_THROW(doc.open(missing), FileError);
  EXPECT_EQ(doc.frameCount(), 3u);
  EXPECT_EQ(doc.currentFrame(), 2u);
}

TEST(Document, CurrentFrameIsClampedAndSignalledOnlyOnChange) {
  Document doc;
  doc.open(test::sampleData("semantickitti/sequences/00"));
  QSignalSpy spy(&doc, &Document::currentFrameChanged);
  doc.setCurrentFrame(99);
  doc.setCurrentFrame(2);
  doc.stepFrames(5);
  doc.stepFrames(-1);
  doc.stepFrames(-10);
  ASSERT_EQ(spy.count(), 3);
  EXPECT_EQ(spy.at(0).at(0).toInt(), 2);
  EXPECT_EQ(spy.at(1).at(0).toInt(), 1);
  EXPECT_EQ(spy.at(2).at(0).toInt(), 0);
}

TEST(Document, KeepsAtMostTheConfiguredNumberOfSweepsLoaded) {
  Document doc(DocumentConfig{.cachedFrames = 2});
  doc.open(test::sampleData("semantickitti/sequences/00"));
  for (std::size_t i = 0; i < doc.frameCount(); ++i) doc.cloud(i);
  EXPECT_EQ(doc.cache().loadedCount(), 2u);
  EXPECT_FALSE(doc.cache().contains(0));
}

TEST(Document, UnreadableSweepThrowsFileErrorNamingTheFile) {
  const std::string dir = test::scratchDir();
  Sequence s;
  s.root = dir;
  s.sweepFormat = "kitti-bin";
  s.frames.resize(1);
  s.frames[0].info.sweepPath = "missing.bin";
  Document doc;
  doc.setSequence(s, dir);
  try {
    doc.cloud(0);
    FAIL() << "expected FileError";
  } catch (const FileError& e) {
    EXPECT_NE(std::string(e.what()).find("missing.bin"), std::string::npos);
  }
}

TEST(SetFrameObjectsCommand, RedoReplacesAndUndoRestoresAFramesObjects) {
  Document doc;
  doc.open(test::writeAnnotatedSequence(test::scratchDir()));
  QSignalSpy removed(&doc, &Document::objectsRemoved);
  QSignalSpy added(&doc, &Document::objectsAdded);
  doc.undoStack()->push(new SetFrameObjectsCommand(doc, 1, {}, QStringLiteral("Delete boxes")));
  EXPECT_TRUE(doc.objects(1).empty());
  doc.undoStack()->undo();
  ASSERT_EQ(doc.objects(1).size(), 2u);
  EXPECT_EQ(doc.objects(1)[0].className, "car");
  ASSERT_EQ(removed.count(), 1);
  ASSERT_EQ(added.count(), 1);
  const auto event = added.at(0).at(0).value<ObjectsEvent>();
  EXPECT_EQ(event.frame, 1u);
  EXPECT_EQ(event.ids.size(), 2u);
}

}  // namespace
}  // namespace lidarlabel
