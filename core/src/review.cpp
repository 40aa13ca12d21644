#include "lidarlabel/core/review.h"

#include <algorithm>
#include <ctime>
#include <stdexcept>

namespace lidarlabel {

const char* toString(ReviewVerdict v) {
  return v == ReviewVerdict::Accept ? "accept" : "reject";
}

ReviewProgress reviewProgress(const ReviewRecord& record, const std::vector<std::string>& levels) {
  ReviewProgress p;
  for (const ReviewDecision& d : record.decisions) {
    const auto it = std::find(levels.begin(), levels.end(), d.level);
    if (it == levels.end()) continue;
    if (d.verdict == ReviewVerdict::Accept) {
      p.levelsPassed = static_cast<std::size_t>(it - levels.begin()) + 1;
      p.rejected = false;
    } else {
      p.levelsPassed = 0;
      p.rejected = true;
    }
  }
  p.done = !levels.empty() && p.levelsPassed == levels.size();
  p.nextLevel = p.done || levels.empty() ? "" : levels[p.levelsPassed];
  return p;
}

void recordDecision(ReviewRecord& record, ReviewDecision decision,
                    const std::vector<std::string>& levels) {
  if (std::find(levels.begin(), levels.end(), decision.level) == levels.end())
    throw std::invalid_argument("unknown review level '" + decision.level + "'");
  if (decision.who.empty() || decision.when.empty())
    throw std::invalid_argument("a review decision needs who and when");
  record.decisions.push_back(std::move(decision));
}

void addComment(ReviewRecord& record, ReviewComment comment) {
  if (comment.text.empty() || comment.who.empty() || comment.when.empty())
    throw std::invalid_argument("a review comment needs text, who and when");
  record.comments.push_back(std::move(comment));
}

std::string utcNow() {
  const std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buffer;
}

}  // namespace lidarlabel
