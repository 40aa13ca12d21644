#include "lidarlabel/core/label_stats.h"

#include <algorithm>
#include <stdexcept>

#include "lidarlabel/core/review.h"

namespace lidarlabel {

Distribution::Distribution(std::vector<double> binEdges)
    : edges(std::move(binEdges)), histogram(edges.size(), 0) {}

void Distribution::add(double v) {
  ++count;
  sum += v;
  min = std::min(min, v);
  max = std::max(max, v);
  const auto it = std::upper_bound(edges.begin(), edges.end(), v);
  if (it != edges.begin()) ++histogram[static_cast<std::size_t>(it - edges.begin()) - 1];
}

void Distribution::merge(const Distribution& o) {
  if (o.edges != edges) throw std::invalid_argument("distributions with different bins");
  count += o.count;
  sum += o.sum;
  min = std::min(min, o.min);
  max = std::max(max, o.max);
  for (std::size_t k = 0; k < histogram.size(); ++k) histogram[k] += o.histogram[k];
}

const std::vector<double>& pointsPerBoxEdges() {
  static const std::vector<double> e = {0, 1, 5, 10, 50, 100, 500, 1000, 5000};
  return e;
}
const std::vector<double>& trackLengthEdges() {
  static const std::vector<double> e = {1, 2, 5, 10, 20, 50, 100};
  return e;
}

namespace {
void reviewOf(const Sequence& s, ReviewStats& r) {
  r.frames = s.size();
  r.framesPassed.assign(r.levels.size(), 0);
  r.objectsPassed.assign(r.levels.size(), 0);
  for (const Frame& f : s.frames) {
    const ReviewProgress p = reviewProgress(f.review, r.levels);
    for (std::size_t l = 0; l < p.levelsPassed; ++l) ++r.framesPassed[l];
    r.framesDone += p.done ? 1 : 0;
    r.framesRejected += p.rejected ? 1 : 0;
    r.framesWithComments += f.review.comments.empty() ? 0 : 1;
    for (const ObjectAnnotation& o : f.objects) {
      ++r.objectStates[toString(o.review)];
      const ReviewProgress op = reviewProgress(o.reviewLog, r.levels);
      for (std::size_t l = 0; l < op.levelsPassed; ++l) ++r.objectsPassed[l];
      r.objectComments += o.reviewLog.comments.size();
    }
  }
}
}  // namespace

SequenceStats sequenceStats(const Sequence& s, const std::vector<std::string>& levels,
                            const std::vector<std::vector<std::uint32_t>>& pointsInBox) {
  SequenceStats st;
  st.frames = s.size();
  st.review.levels = levels;
  struct Span {
    std::size_t first, last;
    std::string cls;
  };
  std::map<std::uint32_t, Span> tracks;
  for (std::size_t f = 0; f < s.size(); ++f) {
    const Frame& fr = s.frames[f];
    if (fr.annotationSeconds > 0) {
      ++st.framesTimed;
      st.annotationSeconds += fr.annotationSeconds;
    }
    for (std::size_t k = 0; k < fr.objects.size(); ++k) {
      const ObjectAnnotation& o = fr.objects[k];
      ++st.objects;
      ClassStats& c = st.perClass[o.className];
      ++c.objects;
      ++st.provenance[toString(o.provenance)];
      if (f < pointsInBox.size() && k < pointsInBox[f].size())
        c.pointsPerBox.add(pointsInBox[f][k]);
      auto [it, fresh] = tracks.try_emplace(o.trackId, Span{f, f, o.className});
      if (!fresh) it->second.last = f;
    }
  }
  st.tracks = tracks.size();
  for (const auto& [id, span] : tracks) {
    ClassStats& c = st.perClass[span.cls];  // the class of the track's first box
    ++c.tracks;
    c.trackLength.add(static_cast<double>(span.last - span.first + 1));
  }
  reviewOf(s, st.review);
  return st;
}

void mergeStats(SequenceStats& a, const SequenceStats& b) {
  if (a.review.levels != b.review.levels)
    throw std::invalid_argument("statistics with different review levels");
  a.frames += b.frames;
  a.objects += b.objects;
  a.tracks += b.tracks;
  for (const auto& [cls, c] : b.perClass) {
    ClassStats& x = a.perClass[cls];
    x.objects += c.objects;
    x.tracks += c.tracks;
    x.pointsPerBox.merge(c.pointsPerBox);
    x.trackLength.merge(c.trackLength);
  }
  for (const auto& [k, n] : b.provenance) a.provenance[k] += n;
  ReviewStats& r = a.review;
  const ReviewStats& o = b.review;
  r.frames += o.frames;
  r.framesPassed.resize(r.levels.size(), 0);
  r.objectsPassed.resize(r.levels.size(), 0);
  for (std::size_t l = 0; l < r.levels.size() && l < o.framesPassed.size(); ++l) {
    r.framesPassed[l] += o.framesPassed[l];
    r.objectsPassed[l] += o.objectsPassed[l];
  }
  r.framesDone += o.framesDone;
  r.framesRejected += o.framesRejected;
  r.framesWithComments += o.framesWithComments;
  for (const auto& [k, n] : o.objectStates) r.objectStates[k] += n;
  r.objectComments += o.objectComments;
  a.framesTimed += b.framesTimed;
  a.annotationSeconds += b.annotationSeconds;
}

}  // namespace lidarlabel
