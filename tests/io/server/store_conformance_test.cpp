// One conformance suite, run against both stores: a folder and the PostgreSQL server, each
// holding the bundled synthetic sample (40 frames, 1,391 boxes, point labels on every frame).
#include <gtest/gtest.h>

#include <filesystem>

#include "lidarlabel/io/atomic_file.h"
#include "lidarlabel/io/native_format.h"
#include "lidarlabel/io/sequence_open.h"
#include "lidarlabel/io/store.h"
#include "server_support.h"

namespace fs = std::filesystem;

namespace lidarlabel::test {
namespace {

class StoreConformance : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    sample_ = openSequence(sampleData("synthetic"));
    if (GetParam() == "file") {
      scratch_ = scratchDir();
      const fs::path dir = fs::path(scratch_) / "synthetic";
      fs::create_directories(dir);
      fs::copy_file(sampleData("synthetic/annotations.lidarlabel.json"),
                    dir / "annotations.lidarlabel.json");
      fs::copy(sampleData("synthetic/labels"), dir / "labels");
      store_ = openStore(dir.string());
      name_ = "synthetic";
      return;
    }
    PgCluster* cluster = sharedCluster();
    if (!cluster) GTEST_SKIP() << skipReason();
    scratch_ = scratchDir();
    store_ = openStore(cluster->uri(cluster->freshServerDatabase()));
    name_ = kSynthetic;
    store_->importSequence(name_, sample_);
  }

  Sequence sample_;
  std::unique_ptr<Store> store_;
  std::string name_, scratch_;
};

TEST_P(StoreConformance, LoadingGivesTheSamplesFramesAndBoxesInOrder) {
  const StoredSequence s = store_->loadSequence(name_);
  ASSERT_EQ(s.sequence.size(), 40u);
  std::size_t boxes = 0;
  for (std::size_t f = 0; f < 40; ++f) {
    EXPECT_EQ(s.sequence.frames[f].objects, sample_.frames[f].objects) << "frame " << f;
    EXPECT_EQ(s.boxes[f].size(), sample_.frames[f].objects.size());
    EXPECT_EQ(s.labelVersions[f], 1) << "every sample frame has point labels";
    boxes += s.boxes[f].size();
  }
  EXPECT_EQ(boxes, 1391u);
  EXPECT_EQ(store_->sequences(), std::vector<std::string>{name_});
}

TEST_P(StoreConformance, AnEditOnTheCurrentVersionIsCommittedAndReadBack) {
  const StoredSequence s = store_->loadSequence(name_);
  ObjectAnnotation edited = s.sequence.frames[3].objects[1];
  edited.box.center.x() += 0.25;
  edited.attributes["state"] = "parked";
  const BoxCommit c =
      store_->commitBox(name_, 3, {s.boxes[3][1].id, s.boxes[3][1].version, edited, ""});
  ASSERT_TRUE(c.ok);
  EXPECT_EQ(c.stamp.version, s.boxes[3][1].version + 1);
  const StoredFrame f = store_->loadFrame(name_, 3);
  EXPECT_EQ(f.frame.objects[1], edited);
  EXPECT_EQ(f.boxes[1], c.stamp);
}

TEST_P(StoreConformance, ABoxCannotTakeATrackIdAnotherBoxOfItsFrameHas) {
  const StoredSequence s = store_->loadSequence(name_);
  const auto& objects = s.sequence.frames[3].objects;
  ASSERT_GE(objects.size(), 2u);
  ObjectAnnotation renumbered = objects[0];
  renumbered.trackId = objects[1].trackId;
  const BoxCommit c =
      store_->commitBox(name_, 3, {s.boxes[3][0].id, s.boxes[3][0].version, renumbered, ""});
  EXPECT_FALSE(c.ok);
  EXPECT_EQ(c.stamp, s.boxes[3][0]);  // no newer version: the reason says why
  ASSERT_TRUE(c.current);
  EXPECT_EQ(*c.current, objects[0]);
  EXPECT_NE(c.reason.find("track id " + std::to_string(objects[1].trackId)), std::string::npos)
      << c.reason;
  try {
    store_->commitBox(name_, 3, {0, 0, renumbered, ""});
    ADD_FAILURE() << "a new box under a taken track id was stored";
  } catch (const FileError& e) {
    EXPECT_NE(std::string(e.what()).find("frame 3"), std::string::npos) << e.what();
  }
  EXPECT_EQ(store_->loadFrame(name_, 3).frame.objects, objects);  // nothing changed
  renumbered.trackId = 60000;                                     // a free id is fine
  EXPECT_TRUE(
      store_->commitBox(name_, 3, {s.boxes[3][0].id, s.boxes[3][0].version, renumbered, ""}).ok);
}

TEST_P(StoreConformance, AnEditOnAnOutdatedVersionIsAConflictCarryingTheCurrentBox) {
  const StoredSequence s = store_->loadSequence(name_);
  const BoxStamp stamp = s.boxes[0][0];
  ObjectAnnotation first = s.sequence.frames[0].objects[0], second = first;
  first.box.yaw += 0.1;
  second.className = "truck";
  ASSERT_TRUE(store_->commitBox(name_, 0, {stamp.id, stamp.version, first, ""}).ok);
  const BoxCommit late = store_->commitBox(name_, 0, {stamp.id, stamp.version, second, ""});
  EXPECT_FALSE(late.ok);
  EXPECT_EQ(late.stamp.version, stamp.version + 1);
  ASSERT_TRUE(late.current.has_value());
  EXPECT_EQ(*late.current, first);
  EXPECT_EQ(store_->loadFrame(name_, 0).frame.objects[0], first) << "the late edit changed nothing";
}

TEST_P(StoreConformance, ANewBoxGetsAnIdAndVersionOneAndADeleteNeedsTheCurrentVersion) {
  ObjectAnnotation o;
  o.trackId = 900;
  o.className = "pedestrian";
  o.box.center = {4, -2, 0.9};
  o.box.size = {0.6, 0.7, 1.8};
  const BoxCommit added = store_->commitBox(name_, 5, {0, 0, o, ""});
  ASSERT_TRUE(added.ok);
  EXPECT_GT(added.stamp.id, 0);
  EXPECT_EQ(added.stamp.version, 1);
  EXPECT_EQ(store_->loadFrame(name_, 5).frame.objects.back(), o);
  EXPECT_FALSE(store_->commitBox(name_, 5, {added.stamp.id, 7, std::nullopt, ""}).ok);
  EXPECT_TRUE(store_->commitBox(name_, 5, {added.stamp.id, 1, std::nullopt, ""}).ok);
  const BoxCommit gone = store_->commitBox(name_, 5, {added.stamp.id, 1, o, ""});
  EXPECT_FALSE(gone.ok);
  EXPECT_EQ(gone.stamp.version, 0) << "a deleted box answers version 0";
  EXPECT_FALSE(gone.current.has_value());
}

TEST_P(StoreConformance, PointLabelsCommitOnTheFramesLabelVersion) {
  StoredLabels l = store_->loadPointLabels(name_, 2);
  ASSERT_EQ(l.version, 1);
  EXPECT_EQ(l.labels, readPointLabels(sampleData("synthetic/labels/000002.llpl")));
  PointLabels edited = l.labels;
  edited.semantic[10] = 40;
  const LabelCommit ok = store_->commitPointLabels(name_, 2, 1, edited);
  ASSERT_TRUE(ok.ok);
  EXPECT_EQ(ok.version, 2);
  const LabelCommit stale = store_->commitPointLabels(name_, 2, 1, l.labels);
  EXPECT_FALSE(stale.ok);
  EXPECT_EQ(stale.version, 2);
  EXPECT_EQ(stale.current, edited);
  EXPECT_EQ(store_->loadPointLabels(name_, 2).labels, edited);
}

TEST_P(StoreConformance, TheFrameReviewCommitsOnItsVersion) {
  const StoredFrame f = store_->loadFrame(name_, 7);
  ReviewRecord r;
  r.decisions.push_back({"reviewer", ReviewVerdict::Reject, "rita", "2026-12-02T10:00:00Z", "gap"});
  const ReviewCommit ok = store_->commitFrameReview(name_, 7, f.reviewVersion, r);
  ASSERT_TRUE(ok.ok);
  EXPECT_EQ(store_->loadFrame(name_, 7).frame.review, r);
  const ReviewCommit stale = store_->commitFrameReview(name_, 7, f.reviewVersion, {});
  EXPECT_FALSE(stale.ok);
  EXPECT_EQ(stale.current, r);
}

TEST_P(StoreConformance, ExportGivesTheSamplesFilesByteForByte) {
  const std::string out = (fs::path(scratch_) / "export").string();
  exportSequence(*store_, name_, out);
  EXPECT_EQ(readFile(out + "/annotations.lidarlabel.json"),
            readFile(sampleData("synthetic/annotations.lidarlabel.json")));
  int sidecars = 0;
  for (const auto& e : fs::directory_iterator(sampleData("synthetic/labels"))) {
    EXPECT_EQ(readFile(out + "/labels/" + e.path().filename().string()), readFile(e.path()))
        << e.path().filename();
    ++sidecars;
  }
  EXPECT_EQ(sidecars, 40);
}

INSTANTIATE_TEST_SUITE_P(BothStores, StoreConformance, ::testing::Values("file", "server"),
                         [](const auto& p) { return p.param; });

}  // namespace
}  // namespace lidarlabel::test
