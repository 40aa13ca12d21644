// compare, stats, sharding and merge-reports as processes, on copies of the synthetic sample.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>

#include "cli_support.h"
#include "lidarlabel/io/native_format.h"

using namespace lidarlabel;
using namespace lidarlabel::test;
using ::testing::DoubleNear;
using ::testing::HasSubstr;

namespace {
Sequence loadCopy(const std::string& dir) {
  return loadNativeSequence(dir + "/" + kNativeFileName);
}
void saveCopy(const Sequence& s, const std::string& dir) {
  saveNativeSequence(s, dir + "/" + kNativeFileName);
}
}  // namespace

TEST(CompareCli, IdenticalSetsScorePerfectly) {
  const std::string dir = scratchDir();
  const std::string copy = syntheticCopy(dir + "/b");
  const CliRun r = runCli({"compare", sampleData("synthetic"), copy, "--json", dir + "/c.json"});
  ASSERT_EQ(r.status, 0) << r.output;
  const auto j = readJson(dir + "/c.json");
  EXPECT_DOUBLE_EQ(j["overall"]["precision"].get<double>(), 1.0);
  EXPECT_DOUBLE_EQ(j["overall"]["recall"].get<double>(), 1.0);
  EXPECT_THAT(j["overall"]["mean_iou"].get<double>(), DoubleNear(1.0, 1e-9));
  EXPECT_EQ(j["overall"]["true_positives"], 1391);
  EXPECT_EQ(j["overall"]["id_switches"], 0);
  EXPECT_THAT(j["points"]["mean_iou"].get<double>(), DoubleNear(1.0, 1e-12));
  EXPECT_EQ(j["points"]["frames"], 40);
  EXPECT_THAT(r.output, HasSubstr("overall"));
}

// Every box moved forward by 10 % of its length: IoU = 0.9 l / 1.1 l = 9/11 for every box; 50
// boxes deleted: recall = 1341/1391; 200 points relabelled: point agreement drops by exactly them.
TEST(CompareCli, KnownPerturbationsGiveTheExpectedNumbers) {
  const std::string dir = scratchDir();
  const std::string copy = syntheticCopy(dir + "/b");
  Sequence s = loadCopy(copy);
  double centre = 0;
  std::size_t kept = 0, deleted = 0;
  for (Frame& f : s.frames) {
    for (ObjectAnnotation& o : f.objects) o.box.center += 0.1 * o.box.length() * o.box.heading();
    for (int k = 0; k < 2 && deleted < 50 && !f.objects.empty(); ++k) {  // 2 per frame
      f.objects.pop_back();
      ++deleted;
    }
    for (const ObjectAnnotation& o : f.objects) centre += 0.1 * o.box.length(), ++kept;
  }
  saveCopy(s, copy);
  PointLabels labels = readPointLabels(copy + "/" + s.frames[0].pointLabelPath);
  std::size_t changed = 0;
  for (std::size_t i = 0; i < labels.size() && changed < 200; ++i)
    if (labels.semantic[i] == 40) labels.semantic[i] = 48, ++changed;  // road -> sidewalk
  writePointLabels(copy + "/" + s.frames[0].pointLabelPath, labels);
  ASSERT_EQ(changed, 200u);

  const CliRun r = runCli({"compare", sampleData("synthetic"), copy, "--json", dir + "/c.json"});
  ASSERT_EQ(r.status, 0) << r.output;
  const auto j = readJson(dir + "/c.json");
  EXPECT_EQ(j["overall"]["false_negatives"], 50);
  EXPECT_EQ(j["overall"]["false_positives"], 0);
  EXPECT_THAT(j["overall"]["recall"].get<double>(), DoubleNear(1341.0 / 1391.0, 1e-12));
  EXPECT_DOUBLE_EQ(j["overall"]["precision"].get<double>(), 1.0);
  EXPECT_THAT(j["overall"]["mean_iou"].get<double>(), DoubleNear(9.0 / 11.0, 1e-6));
  EXPECT_THAT(j["overall"]["centre_error_m"].get<double>(), DoubleNear(centre / kept, 1e-6));
  EXPECT_THAT(j["overall"]["yaw_error_deg"].get<double>(), DoubleNear(0.0, 1e-9));
  const auto total = j["points"]["points"].get<std::size_t>();
  EXPECT_EQ(j["points"]["agreeing"].get<std::size_t>(), total - 200);
}

TEST(CompareCli, OddNumberOfFoldersIsAUsageError) {
  EXPECT_EQ(runCli({"compare", sampleData("synthetic")}).status, 2);
}

TEST(StatsCli, CountsTheSyntheticSampleByClass) {
  const std::string dir = scratchDir();
  const CliRun r = runCli({"stats", sampleData("synthetic"), "--json", dir + "/s.json"});
  ASSERT_EQ(r.status, 0) << r.output;
  const auto t = readJson(dir + "/s.json")["total"];
  EXPECT_EQ(t["frames"], 40);
  EXPECT_EQ(t["objects"], 1391);
  EXPECT_EQ(t["per_class"]["car"]["objects"], 601);
  EXPECT_EQ(t["per_class"]["pedestrian"]["objects"], 351);
  EXPECT_EQ(t["per_class"]["bus"]["objects"], 40);
  EXPECT_EQ(t["tracks"], 48);  // the README: 48 objects seen
  EXPECT_EQ(t["provenance"]["manual"], 1391);
  EXPECT_EQ(t["per_class"]["car"]["points_per_box"]["count"], 601);
  EXPECT_GE(t["per_class"]["car"]["points_per_box"]["min"].get<double>(), 1.0);
  EXPECT_EQ(t["review"]["frames_done"], 0);
  EXPECT_EQ(t["review"]["object_states"]["unreviewed"], 1391);
  EXPECT_THAT(r.output, HasSubstr("annotation time: not recorded"));
}

TEST(StatsCli, ShowsReviewProgressAndAnnotationTime) {
  const std::string dir = scratchDir();
  const std::string copy = syntheticCopy(dir + "/a");
  Sequence s = loadCopy(copy);
  const std::vector<std::string> levels = {"reviewer"};
  for (std::size_t f = 0; f < 10; ++f) {
    recordDecision(s.frames[f].review, {"reviewer", ReviewVerdict::Accept, "ana", utcNow(), ""},
                   levels);
    s.frames[f].annotationSeconds = 60;
  }
  recordObjectDecision(s.frames[0].objects[0],
                       {"reviewer", ReviewVerdict::Reject, "ana", utcNow(), "too long"}, levels);
  saveCopy(s, copy);
  const CliRun r = runCli({"stats", copy, "--no-points", "--json", dir + "/s.json"});
  ASSERT_EQ(r.status, 0) << r.output;
  const auto t = readJson(dir + "/s.json")["total"];
  EXPECT_EQ(t["review"]["frames_done"], 10);
  EXPECT_EQ(t["review"]["object_states"]["rejected"], 1);
  EXPECT_DOUBLE_EQ(t["annotation_time"]["seconds_per_frame"].get<double>(), 60.0);
  EXPECT_THAT(r.output, HasSubstr("frames done 10/40"));
}

// Four folders, n shards for several n: every folder is checked by exactly one shard, and the
// merged report equals one run over all folders.
TEST(BatchCli, ShardsCoverEveryFolderOnceAndMergeToTheFullReport) {
  const std::string dir = scratchDir();
  std::vector<std::string> folders;
  for (const char* name : {"s3", "s1", "s0", "s2"})
    folders.push_back(syntheticCopy(dir + "/" + name));
  std::vector<std::string> all = {"check"};
  all.insert(all.end(), folders.begin(), folders.end());
  std::vector<std::string> full = all;
  full.insert(full.end(), {"--no-ground", "--json", dir + "/full.json", "--jobs", "2"});
  ASSERT_EQ(runCli(full).status, 0);
  const auto whole = readJson(dir + "/full.json");
  for (int n : {1, 2, 3, 4, 6}) {
    std::vector<std::string> merge = {"merge-reports", "--out", dir + "/merged.json"};
    std::map<std::string, int> seen;
    for (int i = 0; i < n; ++i) {
      const std::string part = dir + "/part" + std::to_string(i) + ".json";
      std::vector<std::string> args = all;
      args.insert(args.end(), {"--no-ground", "--json", part, "--shard",
                               std::to_string(i) + "/" + std::to_string(n)});
      ASSERT_EQ(runCli(args).status, 0);
      const auto report = readJson(part);  // kept alive: the loop runs over a member of it
      for (const auto& f : report["folders"]) ++seen[f["folder"].get<std::string>()];
      merge.push_back(part);
    }
    EXPECT_EQ(seen.size(), 4u) << n;
    for (const auto& [folder, count] : seen) EXPECT_EQ(count, 1) << folder << " n=" << n;
    const CliRun m = runCli(merge);
    ASSERT_EQ(m.status, 0) << m.output;
    const auto merged = readJson(dir + "/merged.json");
    EXPECT_EQ(merged["summary"], whole["summary"]) << n;
    EXPECT_EQ(merged["findings"], whole["findings"]) << n;
    EXPECT_EQ(merged["shards"].size(), static_cast<std::size_t>(n));
  }
}

TEST(BatchCli, MergingTheSameShardTwiceIsRefused) {
  const std::string dir = scratchDir();
  ASSERT_EQ(
      runCli({"stats", sampleData("synthetic"), "--no-points", "--json", dir + "/a.json"}).status,
      0);
  const CliRun r =
      runCli({"merge-reports", "--out", dir + "/m.json", dir + "/a.json", dir + "/a.json"});
  EXPECT_EQ(r.status, 1);
  EXPECT_THAT(r.output, HasSubstr("already merged"));
}

TEST(BatchCli, MergedStatsAddUp) {
  const std::string dir = scratchDir();
  const std::string a = syntheticCopy(dir + "/a"), b = syntheticCopy(dir + "/b");
  ASSERT_EQ(
      runCli({"stats", a, b, "--no-points", "--shard", "0/2", "--json", dir + "/0.json"}).status,
      0);
  ASSERT_EQ(
      runCli({"stats", a, b, "--no-points", "--shard", "1/2", "--json", dir + "/1.json"}).status,
      0);
  ASSERT_EQ(
      runCli({"merge-reports", "--out", dir + "/m.json", dir + "/0.json", dir + "/1.json"}).status,
      0);
  const auto t = readJson(dir + "/m.json")["total"];
  EXPECT_EQ(t["objects"], 2 * 1391);
  EXPECT_EQ(t["frames"], 80);
}

TEST(BatchCli, BadShardIsAUsageError) {
  const CliRun r = runCli({"stats", sampleData("synthetic"), "--shard", "4/4"});
  EXPECT_EQ(r.status, 2);
  EXPECT_THAT(r.output, HasSubstr("--shard"));
}

TEST(BatchCli, ExportOfSeveralFoldersWritesOneSubfolderEach) {
  const std::string dir = scratchDir();
  const std::string a = syntheticCopy(dir + "/in/alpha"), b = syntheticCopy(dir + "/in/beta");
  const CliRun r =
      runCli({"export", a, b, "--format", "openlabel", "--out", dir + "/out", "--jobs", "2"});
  ASSERT_EQ(r.status, 0) << r.output;
  EXPECT_TRUE(std::filesystem::exists(dir + "/out/alpha"));
  EXPECT_TRUE(std::filesystem::exists(dir + "/out/beta"));
}
