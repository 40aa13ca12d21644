// The window's check runs: box and track checks on a snapshot in the background, the points
// checks only when asked, re-runs after edits, unreadable sweeps reported as findings.
#include "lidarlabel/app/check_runner.h"

#include <QSignalSpy>

#include <gtest/gtest.h>

#include <algorithm>

#include "editor_fixture.h"
#include "qt_app.h"

namespace lidarlabel {
namespace {

bool has(const std::vector<Finding>& findings, const std::string& check, long long frame,
         std::vector<std::uint32_t> ids = {}) {
  return std::any_of(findings.begin(), findings.end(), [&](const Finding& f) {
    return f.check == check && f.frame == frame && (ids.empty() || f.trackIds == ids);
  });
}

struct CheckRunnerTest : ::testing::Test {
  Document doc;
  void SetUp() override {
    test::qtApp();
    test::openAnnotated(doc);
    // Frame 2 gets a car 60 m out to the side, where the sweep has no points.
    Sequence s = doc.sequence();
    s.frames[2].objects = {test::makeObject(7, "car", {0.0, 60.0, -0.9}, {4.5, 1.9, 1.6}, 0.0)};
    doc.setSequence(s, doc.folder());
  }
  static void waitFinished(CheckRunner& r, int runs) {
    QSignalSpy finished(&r, &CheckRunner::finished);
    while (r.runsFinished() < runs) ASSERT_TRUE(finished.wait(20000));
  }
};

TEST_F(CheckRunnerTest, PointChecksRunOnlyWhenAsked) {
  CheckRunnerConfig c;
  c.autoRun = false;
  c.checks.groundChecks = false;
  CheckRunner runner(doc, c);
  ASSERT_TRUE(runner.run());
  waitFinished(runner, 1);
  EXPECT_FALSE(has(runner.findings(), "too-few-points", 2));
  runner.setPoints(true);
  ASSERT_TRUE(runner.run());
  waitFinished(runner, 2);
  EXPECT_TRUE(has(runner.findings(), "too-few-points", 2, {7}));
}

TEST_F(CheckRunnerTest, AnEditRunsTheChecksAgainAfterAPause) {
  CheckRunnerConfig c;
  c.debounceMs = 50;
  CheckRunner runner(doc, c);
  ASSERT_TRUE(runner.run());
  waitFinished(runner, 1);
  EXPECT_FALSE(has(runner.findings(), "overlap", 2));
  Editor editor(doc);
  doc.setCurrentFrame(2);
  const auto copy = editor.duplicate({7});  // 1 m to the left: overlaps car 7
  ASSERT_EQ(copy.size(), 1u);
  waitFinished(runner, 2);
  EXPECT_TRUE(has(runner.findings(), "overlap", 2, {7, copy[0]}));
}

TEST_F(CheckRunnerTest, AnUnreadableSweepIsAnErrorFindingOfItsFrame) {
  Sequence s = doc.sequence();
  s.frames[1].info.sweepPath = "/nonexistent/000001.bin";
  doc.setSequence(s, doc.folder());
  CheckRunnerConfig c;
  c.autoRun = false;
  c.checks.groundChecks = false;
  CheckRunner runner(doc, c);
  runner.setPoints(true);
  ASSERT_TRUE(runner.run());
  waitFinished(runner, 1);
  EXPECT_TRUE(has(runner.findings(), "unreadable", 1));
  EXPECT_TRUE(has(runner.findings(), "too-few-points", 2, {7}));  // the others still checked
}

}  // namespace
}  // namespace lidarlabel
