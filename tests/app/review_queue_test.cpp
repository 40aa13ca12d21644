// What waits for review: objects and frames per level, the next frame / box needing review, and
// the progress texts of the object list and the Review dock.
#include <gtest/gtest.h>

#include "app_fixture.h"
#include "lidarlabel/app/review_queue.h"

namespace lidarlabel {
namespace {

const std::vector<std::string> kLevels = {"reviewer", "qa"};

ReviewDecision decision(const std::string& level, ReviewVerdict v = ReviewVerdict::Accept) {
  return {level, v, "ana", "2026-12-02T10:00:00Z", ""};
}

ObjectAnnotation box(ObjectId id, std::vector<std::string> accepted = {}) {
  ObjectAnnotation o = test::makeObject(id, "car", {5, 0, 0}, {4, 2, 1.5}, 0);
  for (const auto& level : accepted) recordObjectDecision(o, decision(level), kLevels);
  return o;
}

// Five frames: 0 all done, 1 box 3 waits for qa, 2 done, 3 box 4 rejected, 4 frame record only.
Sequence queue() {
  Sequence s;
  s.frames.resize(5);
  for (Frame& f : s.frames) recordDecision(f.review, decision("qa"), kLevels);
  s.frames[0].objects = {box(1, {"qa"}), box(2, {"qa"})};
  s.frames[1].objects = {box(1, {"qa"}), box(3, {"reviewer"})};
  s.frames[2].objects = {box(1, {"qa"})};
  s.frames[3].objects = {box(1, {"qa"}), box(4, {"reviewer"})};
  recordObjectDecision(s.frames[3].objects[1], decision("qa", ReviewVerdict::Reject), kLevels);
  s.frames[4].review = {};
  return s;
}

TEST(ReviewQueue, ABoxWaitsAtTheLevelAfterTheOnesItPassed) {
  EXPECT_TRUE(objectNeedsReview(box(1), kLevels, 0));
  EXPECT_FALSE(objectNeedsReview(box(1), kLevels, 1));
  EXPECT_TRUE(objectNeedsReview(box(1, {"reviewer"}), kLevels, 1));
  EXPECT_FALSE(objectNeedsReview(box(1, {"reviewer"}), kLevels, 0));
  EXPECT_FALSE(objectNeedsReview(box(1, {"qa"}), kLevels, std::nullopt));  // done
  EXPECT_TRUE(objectNeedsReview(box(1, {"reviewer"}), kLevels, std::nullopt));
}

TEST(ReviewQueue, ARejectedBoxWaitsForTheFirstLevel) {
  ObjectAnnotation o = box(1, {"reviewer"});
  recordObjectDecision(o, decision("qa", ReviewVerdict::Reject), kLevels);
  EXPECT_TRUE(objectNeedsReview(o, kLevels, 0));
  EXPECT_FALSE(objectNeedsReview(o, kLevels, 1));
}

TEST(ReviewQueue, ALegacyAcceptedStateCountsAsTheFirstLevel) {
  ObjectAnnotation o = box(1);
  o.review = ReviewState::Accepted;
  EXPECT_EQ(objectProgress(o, kLevels).levelsPassed, 1u);
  o.review = ReviewState::Rejected;
  EXPECT_TRUE(objectProgress(o, kLevels).rejected);
}

TEST(ReviewQueue, AFrameNeedsReviewForItsOwnRecordOrOneOfItsBoxes) {
  const Sequence s = queue();
  EXPECT_FALSE(frameNeedsReview(s.frames[0], kLevels, std::nullopt));
  EXPECT_TRUE(frameNeedsReview(s.frames[1], kLevels, 1));
  EXPECT_FALSE(frameNeedsReview(s.frames[1], kLevels, 0));
  EXPECT_TRUE(frameNeedsReview(s.frames[3], kLevels, 0));
  EXPECT_TRUE(frameNeedsReview(s.frames[4], kLevels, 0));  // the frame itself is unreviewed
}

TEST(ReviewQueue, NextFrameNeedingReviewWrapsAndSkipsTheCurrentFrame) {
  const Sequence s = queue();
  EXPECT_EQ(nextReviewFrame(s, kLevels, std::nullopt, 0), 1u);
  EXPECT_EQ(nextReviewFrame(s, kLevels, std::nullopt, 1), 3u);
  EXPECT_EQ(nextReviewFrame(s, kLevels, 0, 1), 3u);  // frame 3: the rejected box
  EXPECT_EQ(nextReviewFrame(s, kLevels, 0, 4), 3u);  // wraps: 0, 1, 2 are not at level 0
  EXPECT_EQ(nextReviewFrame(s, kLevels, 1, 3), 1u);  // only frame 1 waits for qa
  EXPECT_EQ(nextReviewFrame(s, kLevels, 1, 1), std::nullopt);
  EXPECT_EQ(nextReviewFrame(s, kLevels, std::nullopt, 1, -1), 4u);  // backwards, wrapping
}

TEST(ReviewQueue, NextBoxNeedingReviewGoesOnInLaterFramesAndWraps) {
  const Sequence s = queue();
  EXPECT_EQ(nextReviewObject(s, kLevels, std::nullopt, 0, std::nullopt),
            (ReviewTarget{1, 3, false}));
  EXPECT_EQ(nextReviewObject(s, kLevels, std::nullopt, 1, 3), (ReviewTarget{3, 4, false}));
  EXPECT_EQ(nextReviewObject(s, kLevels, std::nullopt, 3, 4), (ReviewTarget{1, 3, true}));
  EXPECT_EQ(nextReviewObject(s, kLevels, 1, 1, 3), std::nullopt);  // the only one at qa
  EXPECT_EQ(nextReviewObject(s, kLevels, 1, 1, 1), (ReviewTarget{1, 3, false}));
}

TEST(ReviewQueue, ProgressTextsNameTheLevels) {
  EXPECT_EQ(reviewCellText(reviewProgress({}, kLevels), kLevels), "unreviewed");
  ObjectAnnotation o = box(1, {"reviewer"});
  EXPECT_EQ(reviewCellText(objectProgress(o, kLevels), kLevels), "reviewer \u2713");
  EXPECT_EQ(reviewProgressText(objectProgress(o, kLevels), kLevels), "reviewer \u2713, qa pending");
  recordObjectDecision(o, decision("qa"), kLevels);
  EXPECT_EQ(reviewCellText(objectProgress(o, kLevels), kLevels), "qa \u2713");
  recordObjectDecision(o, decision("qa", ReviewVerdict::Reject), kLevels);
  EXPECT_EQ(reviewCellText(objectProgress(o, kLevels), kLevels), "rejected");
  EXPECT_EQ(reviewProgressText(objectProgress(o, kLevels), kLevels),
            "rejected (back to the annotator), reviewer pending, qa pending");
}

}  // namespace
}  // namespace lidarlabel
