// The Workspace across real processes: a child lidarlabel process (workspace_child.cpp) edits
// and autosaves, is killed with SIGKILL, and the next Workspace on the folder restores its work;
// a second live process opens read-only; a killed owner's lock is taken over.
#include <QElapsedTimer>
#include <QProcess>

#include <gtest/gtest.h>

#include "app_fixture.h"
#include "lidarlabel/app/workspace.h"
#include "qt_app.h"
#include "workspace_edits.h"

namespace lidarlabel {
namespace {

// A running workspace_child on `folder`.
struct Child {
  QProcess process;
  Child(const std::string& folder, int steps, int autosaveSeconds) {
    process.setProcessChannelMode(QProcess::SeparateChannels);
    process.start(
        QStringLiteral(LIDARLABEL_WORKSPACE_CHILD),
        {QString::fromStdString(folder), QString::number(steps), QString::number(autosaveSeconds)});
  }
  ~Child() {
    if (process.state() != QProcess::NotRunning) {
      process.kill();
      process.waitForFinished();
    }
  }
  // Waits until stdout has a line starting with `word`; the lines read so far go to *seen.
  bool waitFor(const QString& word, int ms = 30000) {
    QElapsedTimer t;
    t.start();
    while (t.elapsed() < ms) {
      while (process.canReadLine()) {
        const QString line = QString::fromUtf8(process.readLine()).trimmed();
        seen += line + QLatin1Char('\n');
        if (line.startsWith(word)) return true;
      }
      if (process.state() == QProcess::NotRunning) return false;
      process.waitForReadyRead(200);
    }
    return false;
  }
  void kill9() {
    process.kill();  // SIGKILL on Unix: no destructor, no last recovery write
    process.waitForFinished();
  }
  QString seen;
};

struct WorkspaceProcess : ::testing::Test {
  void SetUp() override {
    test::qtApp();
    folder = test::writeAnnotatedSequence(test::scratchDir());
  }
  std::string folder;
};

TEST_F(WorkspaceProcess, KilledProcessesAutosavedEditsAreRestoredByTheNextStart) {
  Document expected;  // the same edits, made here
  expected.open(folder);
  for (int step = 0; step < 3; ++step) test::applyWorkspaceEdit(expected, step);
  {
    Child child(folder, 3, 1);
    ASSERT_TRUE(child.waitFor(QStringLiteral("AUTOSAVED"))) << child.seen.toStdString();
    child.kill9();
  }
  Document doc;
  Workspace ws(doc);
  bool offered = false;
  WorkspacePrompts prompts;
  prompts.offerRecovery = [&](const std::string&) { return offered = true; };
  ws.setPrompts(prompts);
  ASSERT_TRUE(ws.open(folder));
  EXPECT_TRUE(offered);
  EXPECT_FALSE(ws.isReadOnly());  // the killed child's lock was stale
  ASSERT_EQ(doc.frameCount(), expected.frameCount());
  for (std::size_t f = 0; f < doc.frameCount(); ++f)
    EXPECT_EQ(doc.objects(f), expected.objects(f)) << "frame " << f;
  EXPECT_TRUE(doc.isModified());
}

TEST_F(WorkspaceProcess, SecondProcessIsReadOnlyUntilTheFirstIsKilled) {
  Child first(folder, 0, 30);
  ASSERT_TRUE(first.waitFor(QStringLiteral("EDITED"))) << first.seen.toStdString();
  ASSERT_TRUE(first.seen.contains(QStringLiteral("OPEN")));
  {
    Child second(folder, 1, 30);
    ASSERT_TRUE(second.waitFor(QStringLiteral("EDITED"))) << second.seen.toStdString();
    EXPECT_TRUE(second.seen.contains(QStringLiteral("READONLY"))) << second.seen.toStdString();
    EXPECT_TRUE(second.seen.contains(QString::number(first.process.processId())));
  }
  first.kill9();
  Child third(folder, 0, 30);
  ASSERT_TRUE(third.waitFor(QStringLiteral("EDITED"))) << third.seen.toStdString();
  EXPECT_TRUE(third.seen.contains(QStringLiteral("OPEN"))) << third.seen.toStdString();
  EXPECT_FALSE(third.seen.contains(QStringLiteral("READONLY")));
}

}  // namespace
}  // namespace lidarlabel
