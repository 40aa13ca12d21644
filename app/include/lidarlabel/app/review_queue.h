#pragma once
// What waits for review, widget-free: the review progress of objects and frames (core/review.h)
// against the ontology's review levels, the "next frame / object needing review" searches the
// window's keys use, and the short progress texts the object list and the Review dock show.
//
// Level: an index into Ontology::reviewLevels, or std::nullopt = "any level".
// A record waits at level L when it is not done and exactly the levels before L have passed
// (levelsPassed == L); a rejected record has passed nothing, so it waits at the first level (it
// went back to the annotator and comes back to the first reviewer). With "any level" a record
// waits when it is not done.
// A frame needs review at L when its own record or one of its objects' records waits at L.
// Legacy objects (a review state but no decision log, schema 1) count as accepted at the first
// level (Accepted) or rejected (Rejected).
#include <QString>
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "lidarlabel/app/document.h"
#include "lidarlabel/core/review.h"

namespace lidarlabel {

using ReviewLevel = std::optional<std::size_t>;

// reviewProgress of the object's log, with the legacy rule above.
ReviewProgress objectProgress(const ObjectAnnotation& o, const std::vector<std::string>& levels);
bool waitsAt(const ReviewProgress& p, std::size_t levelCount, ReviewLevel level);
bool objectNeedsReview(const ObjectAnnotation& o, const std::vector<std::string>& levels,
                       ReviewLevel level);
bool frameNeedsReview(const Frame& frame, const std::vector<std::string>& levels,
                      ReviewLevel level);

// The nearest frame after `from` (direction +1) or before it (-1), wrapping around, that needs
// review; never `from` itself; nullopt when no other frame does.
std::optional<std::size_t> nextReviewFrame(const Sequence& sequence,
                                           const std::vector<std::string>& levels,
                                           ReviewLevel level, std::size_t from, int direction = 1);

struct ReviewTarget {
  std::size_t frame = 0;
  ObjectId id = 0;
  bool wrapped = false;  // the search went past the last frame and started again at the first
  friend bool operator==(const ReviewTarget&, const ReviewTarget&) = default;
};
// The next object needing review in list order: after object `after` of frame `frame` (from
// the first object when nullopt), then the following frames, wrapping around; never `after`
// itself. nullopt when no other object needs review.
std::optional<ReviewTarget> nextReviewObject(const Sequence& sequence,
                                             const std::vector<std::string>& levels,
                                             ReviewLevel level, std::size_t frame,
                                             std::optional<ObjectId> after);

// The object list's Review cell: "unreviewed", "rejected", "reviewer \u2713" (the highest level
// passed), "qa \u2713" when done.
QString reviewCellText(const ReviewProgress& p, const std::vector<std::string>& levels);
// The Review dock's progress line: each level passed or pending, e.g. "reviewer \u2713, qa
// pending"; "rejected (back to the annotator), reviewer pending, qa pending"; "no review levels".
QString reviewProgressText(const ReviewProgress& p, const std::vector<std::string>& levels);

}  // namespace lidarlabel
