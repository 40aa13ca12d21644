#include "lidarlabel/core/annotation.h"

namespace lidarlabel {

const char* toString(Provenance p) {
  switch (p) {
    case Provenance::Manual:
      return "manual";
    case Provenance::Interpolated:
      return "interpolated";
    case Provenance::Tracked:
      return "tracked";
    case Provenance::Automatic:
      return "automatic";
  }
  return "manual";
}

const char* toString(ReviewState r) {
  switch (r) {
    case ReviewState::Unreviewed:
      return "unreviewed";
    case ReviewState::Accepted:
      return "accepted";
    case ReviewState::Rejected:
      return "rejected";
  }
  return "unreviewed";
}

std::optional<Provenance> provenanceFromString(const std::string& s) {
  for (Provenance p :
       {Provenance::Manual, Provenance::Interpolated, Provenance::Tracked, Provenance::Automatic}) {
    if (s == toString(p)) return p;
  }
  return std::nullopt;
}

std::optional<ReviewState> reviewStateFromString(const std::string& s) {
  for (ReviewState r : {ReviewState::Unreviewed, ReviewState::Accepted, ReviewState::Rejected}) {
    if (s == toString(r)) return r;
  }
  return std::nullopt;
}

}  // namespace lidarlabel

namespace lidarlabel {

void recordObjectDecision(ObjectAnnotation& o, ReviewDecision decision,
                          const std::vector<std::string>& levels) {
  const ReviewVerdict v = decision.verdict;
  recordDecision(o.reviewLog, std::move(decision), levels);
  o.review = v == ReviewVerdict::Accept ? ReviewState::Accepted : ReviewState::Rejected;
}

}  // namespace lidarlabel
