// The Workspace without widgets: lock, read-only, autosave, recovery, save and close.
#include "lidarlabel/app/workspace.h"

#include <QProcess>
#include <QSignalSpy>
#include <QSysInfo>

#include <gtest/gtest.h>

#include <filesystem>

#include "app_fixture.h"
#include "lidarlabel/core/errors.h"
#include "lidarlabel/io/atomic_file.h"
#include "qt_app.h"
#include "workspace_edits.h"

namespace lidarlabel {
namespace {

namespace fs = std::filesystem;
using U = WorkspacePrompts::Unsaved;

// A pid that belonged to a process that has exited (and was reaped).
long long deadPid() {
  QProcess p;
  p.start(QStringLiteral("true"), {});
  p.waitForStarted();
  const long long pid = p.processId();
  p.waitForFinished();  // exited and reaped: no process has this pid now
  return pid;
}

void writeLock(const std::string& path, long long pid, const std::string& host) {
  writeFileAtomic(path, "{\"format\": \"lidarlabel-lock\", \"pid\": " + std::to_string(pid) +
                            ", \"host\": \"" + host + "\", \"started\": \"2026-01-01T00:00:00Z\"}");
}

struct WorkspaceTest : ::testing::Test {
  void SetUp() override {
    test::qtApp();
    folder = test::writeAnnotatedSequence(test::scratchDir());
  }
  std::string folder;
  Document doc;
};

TEST_F(WorkspaceTest, OpenTakesTheLockWithPidHostAndStartTime) {
  Workspace ws(doc);
  ASSERT_TRUE(ws.open(folder));
  EXPECT_FALSE(ws.isReadOnly());
  const auto lock = Workspace::readLock(ws.lockPath());
  ASSERT_TRUE(lock.has_value());
  EXPECT_EQ(lock->pid, QCoreApplication::applicationPid());
  EXPECT_EQ(lock->host, QSysInfo::machineHostName().toStdString());
  EXPECT_FALSE(lock->started.empty());
  ws.close();
  EXPECT_FALSE(fs::exists(folder + "/annotations.lidarlabel.json.lock"));
}

TEST_F(WorkspaceTest, SecondWorkspaceOnTheSameFolderIsReadOnlyWithAMessage) {
  Workspace first(doc);
  first.open(folder);
  Document other;
  Workspace second(other);
  std::string message;
  WorkspacePrompts prompts;
  prompts.lockedReadOnly = [&](const std::string& m) { message = m; };
  second.setPrompts(prompts);
  QSignalSpy readOnly(&second, &Workspace::readOnlyChanged);
  ASSERT_TRUE(second.open(folder));
  EXPECT_TRUE(second.isReadOnly());
  EXPECT_EQ(readOnly.count(), 1);
  EXPECT_NE(message.find("read-only"), std::string::npos) << message;
  EXPECT_NE(message.find(std::to_string(QCoreApplication::applicationPid())), std::string::npos);
  test::applyWorkspaceEdit(other, 0);
  EXPECT_FALSE(second.save());  // refuses: the first instance owns the document
  second.close();
  EXPECT_TRUE(fs::exists(first.lockPath()));  // the read-only one never removes the lock
}

TEST_F(WorkspaceTest, StaleLockOfAGoneProcessIsTakenOver) {
  writeLock(folder + "/annotations.lidarlabel.json.lock", deadPid(),
            QSysInfo::machineHostName().toStdString());
  Workspace ws(doc);
  ws.open(folder);
  EXPECT_FALSE(ws.isReadOnly());
  EXPECT_EQ(Workspace::readLock(ws.lockPath())->pid, QCoreApplication::applicationPid());
}

TEST_F(WorkspaceTest, LockOfAnotherHostIsRespected) {
  writeLock(folder + "/annotations.lidarlabel.json.lock", deadPid(), "some-other-host");
  Workspace ws(doc);
  ws.open(folder);
  EXPECT_TRUE(ws.isReadOnly());
}

TEST_F(WorkspaceTest, AutosaveWritesTheWholeDocumentToTheRecoveryFile) {
  Workspace ws(doc);
  ws.open(folder);
  ws.autosaveNow();  // not modified: nothing to write
  ws.waitForAutosave();
  EXPECT_FALSE(fs::exists(ws.recoveryPath()));
  test::applyWorkspaceEdit(doc, 0);
  ws.autosaveNow();
  ws.waitForAutosave();
  ASSERT_TRUE(fs::exists(ws.recoveryPath()));
  EXPECT_EQ(ws.autosaveCount(), 1);
  const Sequence rec = loadNativeSequence(ws.recoveryPath());
  EXPECT_DOUBLE_EQ(rec.frames[0].objects[0].box.center.x(), 10.0);
  EXPECT_EQ(rec.frames[1].objects, doc.objects(1));
  // The document itself is written only by save().
  EXPECT_DOUBLE_EQ(loadNativeSequence(ws.documentPath()).frames[0].objects[0].box.center.x(), 9.0);
}

TEST_F(WorkspaceTest, AutosaveTimerAndFrameChangeWriteTheRecoveryFile) {
  WorkspaceConfig config;
  config.autosaveSeconds = 1;
  Workspace ws(doc, config);
  ws.open(folder);
  QSignalSpy autosaved(&ws, &Workspace::autosaved);
  test::applyWorkspaceEdit(doc, 0);
  ASSERT_TRUE(autosaved.wait(5000));  // the timer
  test::applyWorkspaceEdit(doc, 1);
  doc.setCurrentFrame(1);  // the frame change
  ASSERT_TRUE(autosaved.wait(5000));
  EXPECT_DOUBLE_EQ(loadNativeSequence(ws.recoveryPath()).frames[0].objects[0].box.center.x(), 11.0);
}

TEST_F(WorkspaceTest, NewerRecoveryIsOfferedAndRestoredAsUnsavedWork) {
  {
    Document crashed;
    Workspace ws(crashed);
    ws.open(folder);
    test::applyWorkspaceEdit(crashed, 0);
    test::applyWorkspaceEdit(crashed, 1);
    test::applyWorkspaceEdit(crashed, 2);
    ws.autosaveNow();
    ws.waitForAutosave();
  }  // destroyed while modified: the recovery file stays (as after a crash)
  Workspace ws(doc);
  std::string offered;
  WorkspacePrompts prompts;
  prompts.offerRecovery = [&](const std::string& path) {
    offered = path;
    return true;
  };
  ws.setPrompts(prompts);
  ws.open(folder);
  EXPECT_EQ(offered, ws.recoveryPath());
  EXPECT_DOUBLE_EQ(doc.objects(0)[0].box.center.x(), 11.0);
  EXPECT_EQ(doc.objects(1).size(), 1u);
  EXPECT_TRUE(doc.isModified());
}

TEST_F(WorkspaceTest, DeclinedRecoveryIsKeptAsideAndNotOfferedAgain) {
  writeFileAtomic(folder + "/annotations.lidarlabel.json.recovery",
                  readFile(folder + "/annotations.lidarlabel.json"));
  fs::last_write_time(
      folder + "/annotations.lidarlabel.json",
      fs::last_write_time(folder + "/annotations.lidarlabel.json") - std::chrono::seconds(10));
  int offers = 0;
  WorkspacePrompts prompts;
  prompts.offerRecovery = [&](const std::string&) { return ++offers, false; };
  {
    Workspace ws(doc);
    ws.setPrompts(prompts);
    ws.open(folder);
    EXPECT_FALSE(doc.isModified());
  }
  EXPECT_TRUE(fs::exists(folder + "/annotations.lidarlabel.json.recovery.declined"));
  Workspace again(doc);
  again.setPrompts(prompts);
  again.open(folder);
  EXPECT_EQ(offers, 1);
}

TEST_F(WorkspaceTest, DamagedRecoveryIsAnErrorMessageAndTheDocumentStaysAsSaved) {
  writeFileAtomic(folder + "/annotations.lidarlabel.json.recovery", "{ \"format\": truncat");
  fs::last_write_time(
      folder + "/annotations.lidarlabel.json",
      fs::last_write_time(folder + "/annotations.lidarlabel.json") - std::chrono::seconds(10));
  Workspace ws(doc);
  WorkspacePrompts prompts;
  prompts.offerRecovery = [](const std::string&) { return true; };
  ws.setPrompts(prompts);
  QSignalSpy errors(&ws, &Workspace::error);
  ASSERT_TRUE(ws.open(folder));
  ASSERT_EQ(errors.count(), 1);
  EXPECT_TRUE(errors.at(0).at(0).toString().contains(QStringLiteral(".recovery")));
  EXPECT_EQ(doc.objects(1).size(), 2u);
  EXPECT_FALSE(doc.isModified());
}

TEST_F(WorkspaceTest, NewerVersionDocumentIsAFileErrorAndReleasesTheLock) {
  std::string text = readFile(folder + "/annotations.lidarlabel.json");
  const auto at = text.find("\"schema_version\": 1");
  ASSERT_NE(at, std::string::npos);
  text.replace(at, 19, "\"schema_version\": 99");
  writeFileAtomic(folder + "/annotations.lidarlabel.json", text);
  Workspace ws(doc);
  EXPECT_THROW(ws.open(folder), FileError);
  EXPECT_FALSE(ws.isOpen());
  EXPECT_FALSE(fs::exists(folder + "/annotations.lidarlabel.json.lock"));
}

TEST_F(WorkspaceTest, SaveWritesTheDocumentMarksCleanAndRemovesTheRecoveryFile) {
  Workspace ws(doc);
  ws.open(folder);
  test::applyWorkspaceEdit(doc, 0);
  ws.autosaveNow();
  ws.waitForAutosave();
  ASSERT_TRUE(fs::exists(ws.recoveryPath()));
  QSignalSpy saved(&ws, &Workspace::saved);
  ASSERT_TRUE(ws.save());
  EXPECT_EQ(saved.count(), 1);
  EXPECT_FALSE(doc.isModified());
  EXPECT_FALSE(fs::exists(ws.recoveryPath()));
  Document reopened;
  reopened.open(folder);
  EXPECT_EQ(reopened.objects(0), doc.objects(0));
}

TEST_F(WorkspaceTest, SaveToAnotherFolderRebasesSweepsAndMovesTheHome) {
  Workspace ws(doc);
  ws.open(folder);
  test::applyWorkspaceEdit(doc, 0);
  const std::string elsewhere = folder + "/copy";  // a fresh folder
  fs::create_directories(elsewhere);
  ASSERT_TRUE(ws.save(elsewhere));
  EXPECT_EQ(ws.folder(), elsewhere);
  EXPECT_TRUE(fs::exists(elsewhere + "/annotations.lidarlabel.json.lock"));
  Document reopened;
  reopened.open(elsewhere);
  EXPECT_EQ(reopened.objects(0), doc.objects(0));
  EXPECT_EQ(reopened.cloud(0)->size(), 124668u);
}

TEST_F(WorkspaceTest, CloseAsksAboutUnsavedChanges) {
  Workspace ws(doc);
  U answer = U::Cancel;
  WorkspacePrompts prompts;
  prompts.askUnsaved = [&] { return answer; };
  ws.setPrompts(prompts);
  ws.open(folder);
  test::applyWorkspaceEdit(doc, 0);
  EXPECT_FALSE(ws.close());  // Cancel: still open, still modified
  EXPECT_TRUE(ws.isOpen());
  EXPECT_TRUE(doc.isModified());
  answer = U::Save;
  EXPECT_TRUE(ws.close());
  EXPECT_FALSE(ws.isOpen());
  EXPECT_DOUBLE_EQ(loadNativeSequence(folder + "/annotations.lidarlabel.json")
                       .frames[0]
                       .objects[0]
                       .box.center.x(),
                   10.0);
}

TEST_F(WorkspaceTest, DiscardOnCloseKeepsTheSavedDocumentAndRemovesTheRecovery) {
  Workspace ws(doc);
  WorkspacePrompts prompts;
  prompts.askUnsaved = [] { return U::Discard; };
  ws.setPrompts(prompts);
  ws.open(folder);
  test::applyWorkspaceEdit(doc, 0);
  ws.autosaveNow();
  ws.waitForAutosave();
  EXPECT_TRUE(ws.close());
  EXPECT_FALSE(fs::exists(folder + "/annotations.lidarlabel.json.recovery"));
  EXPECT_DOUBLE_EQ(loadNativeSequence(folder + "/annotations.lidarlabel.json")
                       .frames[0]
                       .objects[0]
                       .box.center.x(),
                   9.0);
}

TEST_F(WorkspaceTest, UndoBackToCleanRemovesTheRecoveryFile) {
  Workspace ws(doc);
  ws.open(folder);
  test::applyWorkspaceEdit(doc, 0);
  ws.autosaveNow();
  ws.waitForAutosave();
  ASSERT_TRUE(fs::exists(ws.recoveryPath()));
  doc.undoStack()->undo();
  EXPECT_FALSE(fs::exists(ws.recoveryPath()));
}

}  // namespace
}  // namespace lidarlabel
