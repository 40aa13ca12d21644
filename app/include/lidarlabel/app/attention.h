#pragma once
// "Next frame needing attention" (widget-free): a frame needs a look when it holds boxes a tool
// made that nobody accepted yet (automatic or tracked, review not Accepted), when it has no box
// at all, or when one of its boxes holds fewer than minPoints points of the sweep.
#include <QString>
#include <cstddef>
#include <functional>
#include <map>
#include <optional>
#include <vector>

#include "lidarlabel/app/document.h"

namespace lidarlabel {

struct AttentionConfig {
  bool toolBoxes = true;         // automatic / tracked boxes not accepted
  bool interpolatedToo = false;  // count interpolated boxes as tool boxes as well
  bool emptyFrames = true;       // frames without any box
  std::size_t minPoints = 5;     // boxes with fewer points inside; 0 = off (no sweep is read)
};

enum AttentionReason : unsigned {
  kAttentionToolBoxes = 1u << 0,
  kAttentionNoBoxes = 1u << 1,
  kAttentionFewPoints = 1u << 2,
};

// The reasons (bits) a frame with these objects needs attention; cloud null skips the points
// check.
unsigned attentionReasons(const std::vector<ObjectAnnotation>& objects, const PointCloud* cloud,
                          const AttentionConfig& config = {});
// "2 automatic boxes not accepted; a box with fewer than 5 points" (for the status bar).
QString describeAttention(unsigned reasons, const std::vector<ObjectAnnotation>& objects,
                          const AttentionConfig& config = {});

// Progress of a search: frames looked at of total; return false to cancel.
using AttentionProgress = std::function<bool(int done, int total)>;

struct AttentionHit {
  std::size_t frame = 0;
  unsigned reasons = 0;
  bool wrapped = false;  // found before the start frame, after passing the sequence's end
};

// Searches the frames after `from` (wrapping around to the start, `from` itself last) for the
// first frame needing attention. Sweeps are read through the cache without filling it (only for
// the points check, only for frames the cheaper checks pass), and a frame's points verdict is
// remembered in `memo` while its boxes stay the same. nullopt: none, or cancelled.
struct AttentionMemo {
  std::map<std::size_t, std::pair<std::vector<ObjectAnnotation>, bool>> fewPoints;
};
std::optional<AttentionHit> findNextAttention(Document& document, std::size_t from,
                                              const AttentionConfig& config = {},
                                              AttentionMemo* memo = nullptr,
                                              const AttentionProgress& progress = {});

}  // namespace lidarlabel
