#pragma once
// The review model (data only): multi-level acceptance / rejection and comments on objects and
// frames, with who and when. The window's reviewer panel and `lidarlabel-cli stats` build on it.
//
// Levels: the project's review levels in order, e.g. {"reviewer", "qa"} (Ontology::reviewLevels,
//   from the ontology / project file). Each decision records its level.
// Progress of one record (an object or a frame), by replaying its decisions in order:
//   an acceptance at level i means levels 0..i have passed (passed = i + 1; accepting again at a
//   lower level after a higher one re-opens the higher ones); a rejection at any level sends the
//   item back to the annotator (passed = 0, rejected = true until the next acceptance).
//   Done = every level has passed, i.e. the last level accepted and nothing was decided after.
// Storage: the native document (io/native_format, docs/native-format.md, schema_version 2).
// Times: ISO 8601 UTC with seconds, "2026-12-02T07:30:00Z" (utcNow()).
#include <string>
#include <vector>

namespace lidarlabel {

enum class ReviewVerdict { Accept, Reject };
const char* toString(ReviewVerdict v);  // "accept" / "reject"

struct ReviewDecision {
  std::string level;  // one of the project's review levels
  ReviewVerdict verdict = ReviewVerdict::Accept;
  std::string who;   // reviewer name or login
  std::string when;  // ISO 8601 UTC
  std::string note;  // optional reason, e.g. why it was rejected
  friend bool operator==(const ReviewDecision&, const ReviewDecision&) = default;
};

struct ReviewComment {
  std::string text;
  std::string who;
  std::string when;  // ISO 8601 UTC
  friend bool operator==(const ReviewComment&, const ReviewComment&) = default;
};

// The review history of one object or frame. Append-only in normal use: decisions and comments
// in the order they were made.
struct ReviewRecord {
  std::vector<ReviewDecision> decisions;
  std::vector<ReviewComment> comments;
  bool empty() const { return decisions.empty() && comments.empty(); }
  friend bool operator==(const ReviewRecord&, const ReviewRecord&) = default;
};

struct ReviewProgress {
  std::size_t levelsPassed = 0;  // 0..levels.size()
  bool rejected = false;         // the latest decision is a rejection
  bool done = false;             // levelsPassed == levels.size() (and levels not empty)
  std::string nextLevel;         // the level that decides next; "" when done
  friend bool operator==(const ReviewProgress&, const ReviewProgress&) = default;
};

// Replays record.decisions against `levels` (see the header comment). A decision whose level is
// not in `levels` is ignored (e.g. a level the project has since removed).
ReviewProgress reviewProgress(const ReviewRecord& record, const std::vector<std::string>& levels);

// Appends a decision; std::invalid_argument when decision.level is not one of `levels` or
// who / when are empty. (ObjectAnnotation: use recordObjectDecision, which also sets .review.)
void recordDecision(ReviewRecord& record, ReviewDecision decision,
                    const std::vector<std::string>& levels);
// Appends a comment; std::invalid_argument when text, who or when is empty.
void addComment(ReviewRecord& record, ReviewComment comment);

// Now as ISO 8601 UTC ("2026-12-02T07:30:00Z").
std::string utcNow();

}  // namespace lidarlabel
