// The real `lidarlabel` program as a process: autosave, kill -9, restart and recover; a second
// process on the same folder is read-only. Needs Xvfb (the program opens its window on DISPLAY).
// Edits are made with the test-only option --create-box-at (one create-tool click), the restart
// answers the recovery offer with --recover yes and saves with --save-and-exit.
#include <QProcess>
#include <chrono>
#include <filesystem>
#include <functional>
#include <thread>

#include <gtest/gtest.h>

#include "app_fixture.h"
#include "lidarlabel/io/native_format.h"
#include "qt_app.h"

namespace lidarlabel {
namespace {

namespace fs = std::filesystem;

QString program() {
  return QStringLiteral(LIDARLABEL_APP_BINARY);
}

bool waitFor(const std::function<bool()>& done, int ms) {
  const auto end = std::chrono::steady_clock::now() + std::chrono::milliseconds(ms);
  while (std::chrono::steady_clock::now() < end) {
    if (done()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return done();
}

// Starts lidarlabel on the folder; the caller kills or waits for it.
void start(QProcess& p, const std::string& folder, QStringList args) {
  p.setProcessChannelMode(QProcess::ForwardedErrorChannel);
  p.start(program(), QStringList{QString::fromStdString(folder)} + args);
  ASSERT_TRUE(p.waitForStarted(10000)) << p.errorString().toStdString();
}

TEST(DeskProcess, AfterKillNineARestartRecoversTheAutosavedEdit) {
  test::qtApp();
  const std::string folder = test::writeAnnotatedSequence(test::scratchDir());
  const std::string doc = folder + "/" + kNativeFileName;
  const std::string recovery = doc + ".recovery";
  QProcess first;
  start(first, folder,
        {QStringLiteral("--autosave-seconds"), QStringLiteral("1"),
         QStringLiteral("--create-box-at"), QStringLiteral("15,-5")});
  ASSERT_TRUE(waitFor([&] { return fs::exists(recovery); }, 30000)) << "no autosave";
  first.kill();  // SIGKILL: no chance to clean up
  first.waitForFinished(5000);
  EXPECT_EQ(loadNativeSequence(doc).frames[0].objects.size(), 1u);  // the document is untouched
  const Sequence autosaved = loadNativeSequence(recovery);
  ASSERT_EQ(autosaved.frames[0].objects.size(), 2u);  // the car and the created box

  QProcess second;
  start(second, folder,
        {QStringLiteral("--recover"), QStringLiteral("yes"), QStringLiteral("--save-and-exit")});
  ASSERT_TRUE(second.waitForFinished(60000));
  EXPECT_EQ(second.exitCode(), 0);
  const Sequence saved = loadNativeSequence(doc);
  EXPECT_EQ(saved.frames[0].objects, autosaved.frames[0].objects);
  EXPECT_EQ(saved.frames[1].objects.size(), 2u);
  EXPECT_FALSE(fs::exists(recovery));  // saving removes it
}

TEST(DeskProcess, AnUnreadableOntologyFileStopsTheProgramNamingIt) {
  test::qtApp();
  const std::string folder = test::writeAnnotatedSequence(test::scratchDir());
  const std::string bad = test::scratchDir() + "/no-such-ontology.json";
  QProcess p;
  p.setProcessChannelMode(QProcess::MergedChannels);
  p.start(program(), {QString::fromStdString(folder), QStringLiteral("--ontology"),
                      QString::fromStdString(bad), QStringLiteral("--save-and-exit")});
  ASSERT_TRUE(p.waitForFinished(60000));
  EXPECT_EQ(p.exitCode(), 2);
  EXPECT_TRUE(p.readAll().contains("no-such-ontology.json"));
}

TEST(DeskProcess, ASecondProcessOnTheSameFolderIsReadOnlyAndCannotSave) {
  test::qtApp();
  const std::string folder = test::writeAnnotatedSequence(test::scratchDir());
  const std::string doc = folder + "/" + kNativeFileName;
  QProcess owner;
  start(owner, folder, {QStringLiteral("--autosave-seconds"), QStringLiteral("0")});
  ASSERT_TRUE(waitFor([&] { return fs::exists(doc + ".lock"); }, 30000)) << "no lock taken";
  QProcess second;
  start(second, folder,
        {QStringLiteral("--create-box-at"), QStringLiteral("15,-5"),
         QStringLiteral("--save-and-exit")});
  ASSERT_TRUE(second.waitForFinished(60000));
  // 3 = refused (read-only), not merely non-zero: a crash or a sanitizer report must not pass.
  EXPECT_EQ(second.exitCode(), 3);
  EXPECT_EQ(loadNativeSequence(doc).frames[0].objects.size(), 1u);
  owner.kill();
  owner.waitForFinished(5000);
}

TEST(DeskProcess, AStaleLockOfAKilledProcessIsTakenOver) {
  test::qtApp();
  const std::string folder = test::writeAnnotatedSequence(test::scratchDir());
  const std::string doc = folder + "/" + kNativeFileName;
  QProcess killed;
  start(killed, folder, {QStringLiteral("--autosave-seconds"), QStringLiteral("0")});
  ASSERT_TRUE(waitFor([&] { return fs::exists(doc + ".lock"); }, 30000)) << "no lock taken";
  killed.kill();
  killed.waitForFinished(5000);
  ASSERT_TRUE(fs::exists(doc + ".lock"));  // left behind by kill -9
  QProcess next;
  start(next, folder,
        {QStringLiteral("--create-box-at"), QStringLiteral("15,-5"),
         QStringLiteral("--save-and-exit")});
  ASSERT_TRUE(next.waitForFinished(60000));
  EXPECT_EQ(next.exitCode(), 0);
  EXPECT_EQ(loadNativeSequence(doc).frames[0].objects.size(), 2u);
}

}  // namespace
}  // namespace lidarlabel
