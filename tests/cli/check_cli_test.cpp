// `lidarlabel-cli check` as a process: clean on the bundled samples, and every injected fault in
// a copy of the synthetic ground truth is reported (frame, track, points), with exit status 1.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "cli_support.h"
#include "lidarlabel/core/box_iou.h"
#include "lidarlabel/io/native_format.h"
#include "lidarlabel/io/sweep_io.h"

using namespace lidarlabel;
using namespace lidarlabel::test;
using ::testing::HasSubstr;

namespace {

// A track present in frames f-1, f and f+1 (the first such with class `cls`), as (frame, index).
std::pair<std::size_t, std::size_t> trackInMiddle(const Sequence& s, std::size_t f,
                                                  const std::string& cls, std::uint32_t avoid = 0) {
  for (std::size_t k = 0; k < s.frames[f].objects.size(); ++k) {
    const ObjectAnnotation& o = s.frames[f].objects[k];
    if (o.className != cls || o.trackId == avoid) continue;
    auto in = [&](std::size_t g) {
      for (const auto& x : s.frames[g].objects)
        if (x.trackId == o.trackId) return true;
      return false;
    };
    if (in(f - 1) && in(f + 1) && in(f - 2) && in(f + 2)) return {f, k};
  }
  ADD_FAILURE() << "no " << cls << " track around frame " << f;
  return {f, 0};
}

struct FaultyCopy {
  std::string dir;
  Sequence seq;
  explicit FaultyCopy(const std::string& d) : dir(syntheticCopy(d)) {
    seq = loadNativeSequence(dir + "/" + kNativeFileName);
  }
  void save() { saveNativeSequence(seq, dir + "/" + kNativeFileName); }
  nlohmann::json check(int expectedStatus) {
    const std::string report = dir + "/../report.json";
    const CliRun r = runCli({"check", dir, "--json", report});
    EXPECT_EQ(r.status, expectedStatus) << r.output;
    return readJson(report);
  }
};

}  // namespace

TEST(CheckCli, BundledSamplesHaveNoErrors) {
  const std::string report = scratchDir() + "/report.json";
  const CliRun r = runCli({"check", sampleData("synthetic"), sampleData("kitti_object/training"),
                           sampleData("nuscenes"), sampleData("semantickitti/sequences/00"),
                           sampleData("rellis3d"), "--json", report});
  EXPECT_EQ(r.status, 0) << r.output;
  const auto j = readJson(report);
  EXPECT_EQ(j["summary"]["errors"], 0) << j["summary"].dump();
  EXPECT_EQ(j["summary"]["folders"], 5);
  EXPECT_EQ(j["summary"]["frames"], 40 + 6 + 1 + 3 + 1);
  for (const auto& f : j["findings"]) EXPECT_NE(f["severity"], "error") << f.dump();
}

TEST(CheckCli, SyntheticGroundTruthHasNoWarningsEither) {
  const std::string report = scratchDir() + "/report.json";
  const CliRun r =
      runCli({"check", sampleData("synthetic"), "--json", report, "--fail-on", "warning"});
  EXPECT_EQ(r.status, 0) << r.output;
  EXPECT_GT(readJson(report)["summary"]["by_check"]["track-gap"], 0);
}

TEST(CheckCli, FlippedHeadingIsReported) {
  FaultyCopy c(scratchDir() + "/seq");
  const auto [f, k] = trackInMiddle(c.seq, 10, "car");
  ObjectAnnotation& o = c.seq.frames[f].objects[k];
  o.box.yaw = wrapAngle(o.box.yaw + M_PI);
  c.save();
  const auto j = c.check(1);
  EXPECT_EQ(findingsOf(j, "heading-flip", 10, o.trackId).size(), 1u) << j["findings"].dump();
}

TEST(CheckCli, ShrunkenBoxIsReportedWithItsOutsidePoints) {
  FaultyCopy c(scratchDir() + "/seq");
  const auto [f, k] = trackInMiddle(c.seq, 12, "car");
  ObjectAnnotation& o = c.seq.frames[f].objects[k];
  o.box.size *= 0.6;
  c.save();
  const auto j = c.check(1);
  EXPECT_EQ(findingsOf(j, "size-drift", 12, o.trackId).size(), 1u);
  const auto outside = findingsOf(j, "points-outside-box", 12, o.trackId);
  ASSERT_EQ(outside.size(), 1u) << j["findings"].dump();
  EXPECT_GT(outside[0]["point_count"].get<int>(), 0);
  EXPECT_EQ(outside[0]["severity"], "error");
}

TEST(CheckCli, SwappedTrackIdsAreReportedAsReusedIds) {
  FaultyCopy c(scratchDir() + "/seq");
  const auto pick = trackInMiddle(c.seq, 20, "car");
  const std::size_t f = pick.first, a = pick.second;
  auto& objs = c.seq.frames[f].objects;
  auto seenBefore = [&](std::uint32_t id) {
    for (const auto& x : c.seq.frames[f - 1].objects)
      if (x.trackId == id) return true;
    return false;
  };
  std::size_t b = a;  // another car, far away, also seen in the frame before
  for (std::size_t k = 0; k < objs.size() && b == a; ++k)
    if (k != a && objs[k].className == "car" && seenBefore(objs[k].trackId) &&
        (objs[k].box.center - objs[a].box.center).norm() > 20)
      b = k;
  ASSERT_NE(a, b);
  const std::uint32_t ta = objs[a].trackId, tb = objs[b].trackId;
  std::swap(objs[a].trackId, objs[b].trackId);
  c.save();
  const auto j = c.check(1);
  EXPECT_EQ(findingsOf(j, "track-id-reused", 20, ta).size(), 1u) << j["findings"].dump();
  EXPECT_EQ(findingsOf(j, "track-id-reused", 20, tb).size(), 1u);
  EXPECT_FALSE(findingsOf(j, "points-outside-box", 20, ta).empty());  // labels still say ta
}

TEST(CheckCli, DeletedBoxLeavesAGapAndInstancePointsWithoutABox) {
  FaultyCopy c(scratchDir() + "/seq");
  const auto [f, k] = trackInMiddle(c.seq, 25, "car");
  const std::uint32_t id = c.seq.frames[f].objects[k].trackId;
  c.seq.frames[f].objects.erase(c.seq.frames[f].objects.begin() + static_cast<long>(k));
  c.save();
  const auto j = c.check(1);
  EXPECT_EQ(findingsOf(j, "track-gap", 25, id).size(), 1u);
  const auto orphan = findingsOf(j, "instance-without-box", 25, id);
  ASSERT_EQ(orphan.size(), 1u) << j["findings"].dump();
  EXPECT_GT(orphan[0]["point_count"].get<int>(), 0);
}

TEST(CheckCli, MislabelledPointsAreReportedByIndex) {
  FaultyCopy c(scratchDir() + "/seq");
  const Frame& frame = c.seq.frames[5];
  const ObjectAnnotation& o = frame.objects[0];
  const std::string labelPath = c.dir + "/" + frame.pointLabelPath;
  PointLabels labels = readPointLabels(labelPath);
  // 25 unlabelled points (instance 0) at least 5 m from the box get its instance.
  const PointCloud cloud = readSweep(c.dir + "/" + frame.info.sweepPath);
  std::vector<std::uint32_t> changed;
  for (std::uint32_t i = 0; i < cloud.size() && changed.size() < 25; i += 7)
    if (labels.instance[i] == 0 &&
        (Eigen::Vector3d(cloud.x[i], cloud.y[i], cloud.z[i]) - o.box.center).norm() > 5) {
      labels.instance[i] = static_cast<std::uint16_t>(o.trackId);
      changed.push_back(i);
    }
  writePointLabels(labelPath, labels);
  const auto j = c.check(1);
  const auto f = findingsOf(j, "points-outside-box", 5, o.trackId);
  ASSERT_EQ(f.size(), 1u) << j["findings"].dump();
  EXPECT_EQ(f[0]["point_count"], 25);
  EXPECT_EQ(f[0]["points"].get<std::vector<std::uint32_t>>(), changed);
}

TEST(CheckCli, FailOnWarningTurnsWarningsIntoExitStatus1) {
  FaultyCopy c(scratchDir() + "/seq");
  const auto [f, k] = trackInMiddle(c.seq, 12, "car");
  c.seq.frames[f].objects[k].attributes["state"] = "flying";  // a warning, no error
  c.save();
  EXPECT_EQ(runCli({"check", c.dir, "--no-points"}).status, 0);
  const CliRun r = runCli({"check", c.dir, "--no-points", "--fail-on", "warning"});
  EXPECT_EQ(r.status, 1);
  EXPECT_THAT(r.output, HasSubstr("invalid-attribute-value"));
}

TEST(CheckCli, BadFailOnLevelIsAUsageError) {
  const CliRun r = runCli({"check", sampleData("synthetic"), "--fail-on", "panic"});
  EXPECT_EQ(r.status, 2);
  EXPECT_THAT(r.output, HasSubstr("--fail-on"));
}

TEST(CheckCli, UnreadableFolderIsAnErrorFindingNamingIt) {
  const std::string dir = scratchDir();
  const std::string report = dir + "/report.json";
  const CliRun r = runCli({"check", dir + "/nothing_here", "--json", report});
  EXPECT_EQ(r.status, 1);
  const auto f = findingsOf(readJson(report), "unreadable");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_THAT(f[0]["message"].get<std::string>(), HasSubstr("nothing_here"));
}
