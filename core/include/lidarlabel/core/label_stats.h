#pragma once
// Statistics of one sequence's annotations (`lidarlabel-cli stats`): objects per class, points
// per box, track lengths, provenance, review progress and recorded annotation time. Every figure
// is a count or a sum so that sequences and shards merge exactly (merge = add).
#include <cstdint>
#include <limits>
#include <map>
#include <string>
#include <vector>

#include "lidarlabel/core/sequence.h"

namespace lidarlabel {

// count / sum / min / max of a quantity, plus a histogram over fixed bin lower edges.
struct Distribution {
  std::vector<double> edges;  // bin k holds values in [edges[k], edges[k+1]); last bin open
  std::vector<std::size_t> histogram;
  std::size_t count = 0;
  double sum = 0.0;
  double min = std::numeric_limits<double>::infinity();
  double max = -std::numeric_limits<double>::infinity();

  explicit Distribution(std::vector<double> binEdges = {});
  void add(double v);
  void merge(const Distribution& other);  // same edges required (std::invalid_argument)
  double mean() const { return count ? sum / static_cast<double>(count) : 0.0; }
};

// Bin edges used by sequenceStats: points per box and track length in frames.
const std::vector<double>& pointsPerBoxEdges();  // 0, 1, 5, 10, 50, 100, 500, 1000, 5000
const std::vector<double>& trackLengthEdges();   // 1, 2, 5, 10, 20, 50, 100

struct ClassStats {
  std::size_t objects = 0;
  std::size_t tracks = 0;
  Distribution pointsPerBox{pointsPerBoxEdges()};  // empty when no sweep was read
  Distribution trackLength{trackLengthEdges()};    // frames from first to last box, inclusive
};

struct ReviewStats {
  std::vector<std::string> levels;        // the project's review levels
  std::size_t frames = 0;                 // frames in the sequence
  std::vector<std::size_t> framesPassed;  // per level: frames that passed it (and so below)
  std::size_t framesDone = 0;             // passed the last level
  std::size_t framesRejected = 0;         // latest frame decision is a rejection
  std::size_t framesWithComments = 0;
  std::map<std::string, std::size_t> objectStates;  // "unreviewed" / "accepted" / "rejected"
  std::vector<std::size_t> objectsPassed;           // per level: objects that passed it
  std::size_t objectComments = 0;
};

struct SequenceStats {
  std::size_t frames = 0;
  std::size_t objects = 0;
  std::size_t tracks = 0;
  std::map<std::string, ClassStats> perClass;
  std::map<std::string, std::size_t> provenance;  // "manual" / "interpolated" / ...
  ReviewStats review;
  std::size_t framesTimed = 0;     // frames with recorded annotation time
  double annotationSeconds = 0.0;  // their sum
};

// pointsInBox: per frame, per object (same order as Frame::objects) the number of sweep points
// inside the box; empty = not measured (no points-per-box figures).
SequenceStats sequenceStats(const Sequence& sequence, const std::vector<std::string>& levels,
                            const std::vector<std::vector<std::uint32_t>>& pointsInBox = {});

// Adds b into a (review levels must agree; std::invalid_argument otherwise).
void mergeStats(SequenceStats& a, const SequenceStats& b);

}  // namespace lidarlabel
