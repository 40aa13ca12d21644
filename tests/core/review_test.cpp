#include "lidarlabel/core/review.h"

#include <gtest/gtest.h>

#include "lidarlabel/core/annotation.h"

using namespace lidarlabel;

namespace {
const std::vector<std::string> kLevels = {"reviewer", "qa"};
ReviewDecision decide(const std::string& level, ReviewVerdict v) {
  return {level, v, "someone", "2026-12-02T08:00:00Z", ""};
}
}  // namespace

TEST(Review, NothingDecidedWaitsForTheFirstLevel) {
  const ReviewProgress p = reviewProgress({}, kLevels);
  EXPECT_EQ(p.levelsPassed, 0u);
  EXPECT_FALSE(p.done);
  EXPECT_FALSE(p.rejected);
  EXPECT_EQ(p.nextLevel, "reviewer");
}

TEST(Review, FrameIsDoneOnlyWhenTheLastLevelAccepts) {
  ReviewRecord r;
  recordDecision(r, decide("reviewer", ReviewVerdict::Accept), kLevels);
  EXPECT_FALSE(reviewProgress(r, kLevels).done);
  EXPECT_EQ(reviewProgress(r, kLevels).nextLevel, "qa");
  recordDecision(r, decide("qa", ReviewVerdict::Accept), kLevels);
  EXPECT_TRUE(reviewProgress(r, kLevels).done);
  EXPECT_EQ(reviewProgress(r, kLevels).nextLevel, "");
}

TEST(Review, RejectionAtAnyLevelSendsTheItemBack) {
  ReviewRecord r;
  recordDecision(r, decide("reviewer", ReviewVerdict::Accept), kLevels);
  recordDecision(r, decide("qa", ReviewVerdict::Reject), kLevels);
  const ReviewProgress p = reviewProgress(r, kLevels);
  EXPECT_TRUE(p.rejected);
  EXPECT_EQ(p.levelsPassed, 0u);
  EXPECT_EQ(p.nextLevel, "reviewer");
}

TEST(Review, ReacceptingAtALowerLevelReopensTheHigherOnes) {
  ReviewRecord r;
  recordDecision(r, decide("reviewer", ReviewVerdict::Accept), kLevels);
  recordDecision(r, decide("qa", ReviewVerdict::Accept), kLevels);
  recordDecision(r, decide("reviewer", ReviewVerdict::Accept), kLevels);
  EXPECT_FALSE(reviewProgress(r, kLevels).done);
  EXPECT_EQ(reviewProgress(r, kLevels).levelsPassed, 1u);
}

TEST(Review, UnknownLevelIsRefused) {
  ReviewRecord r;
  EXPECT_THROW(recordDecision(r, decide("boss", ReviewVerdict::Accept), kLevels),
               std::invalid_argument);
  EXPECT_TRUE(r.empty());
}

TEST(Review, CommentNeedsTextWhoAndWhen) {
  ReviewRecord r;
  EXPECT_THROW(addComment(r, {"", "ana", "2026-12-02T08:00:00Z"}), std::invalid_argument);
  addComment(r, {"mirror missing", "ana", utcNow()});
  ASSERT_EQ(r.comments.size(), 1u);
  EXPECT_EQ(r.comments[0].when.size(), 20u);  // 2026-12-02T08:00:00Z
  EXPECT_EQ(r.comments[0].when.back(), 'Z');
}

TEST(Review, ObjectDecisionKeepsTheLatestStateInReview) {
  ObjectAnnotation o;
  recordObjectDecision(o, decide("reviewer", ReviewVerdict::Reject), kLevels);
  EXPECT_EQ(o.review, ReviewState::Rejected);
  recordObjectDecision(o, decide("reviewer", ReviewVerdict::Accept), kLevels);
  EXPECT_EQ(o.review, ReviewState::Accepted);
  EXPECT_EQ(o.reviewLog.decisions.size(), 2u);
}
