#include "lidarlabel/core/compare.h"

#include <cmath>
#include <set>
#include <stdexcept>

#include "lidarlabel/core/assignment.h"
#include "lidarlabel/core/box_iou.h"

namespace lidarlabel {

namespace {
double ratio(std::size_t num, std::size_t den, double empty) {
  return den == 0 ? empty : static_cast<double>(num) / static_cast<double>(den);
}
double mean(double sum, std::size_t n) {
  return n == 0 ? 0.0 : sum / static_cast<double>(n);
}
}  // namespace

double MatchStats::precision() const {
  return ratio(truePositives, truePositives + falsePositives, 1.0);
}
double MatchStats::recall() const {
  return ratio(truePositives, truePositives + falseNegatives, 1.0);
}
double MatchStats::meanIoU() const {
  return mean(sumIoU, truePositives);
}
double MatchStats::meanCentreError() const {
  return mean(sumCentreError, truePositives);
}
double MatchStats::meanYawErrorDeg() const {
  return mean(sumYawErrorDeg, truePositives);
}
double MatchStats::meanSizeError() const {
  return mean(sumSizeError, truePositives);
}

void MatchStats::add(const MatchStats& o) {
  truePositives += o.truePositives;
  falsePositives += o.falsePositives;
  falseNegatives += o.falseNegatives;
  sumIoU += o.sumIoU;
  sumCentreError += o.sumCentreError;
  sumYawErrorDeg += o.sumYawErrorDeg;
  sumSizeError += o.sumSizeError;
  idSwitches += o.idSwitches;
}

std::map<int, double> PointAgreement::classIoU(int ignore) const {
  std::map<int, double> out;
  for (const auto& [id, iu] : intersectionUnion)
    if (id != ignore && iu.second > 0)
      out[id] = static_cast<double>(iu.first) / static_cast<double>(iu.second);
  return out;
}

double PointAgreement::meanIoU(int ignore) const {
  const auto per = classIoU(ignore);
  double sum = 0;
  for (const auto& [id, v] : per) sum += v;
  return mean(sum, per.size());
}

void PointAgreement::add(const PointAgreement& o) {
  for (const auto& [id, iu] : o.intersectionUnion) {
    intersectionUnion[id].first += iu.first;
    intersectionUnion[id].second += iu.second;
  }
  points += o.points;
  agreeing += o.agreeing;
  frames += o.frames;
}

PointAgreement comparePointLabels(const PointLabels& a, const PointLabels& b) {
  if (a.size() != b.size())
    throw std::invalid_argument("point label counts differ: " + std::to_string(a.size()) + " vs " +
                                std::to_string(b.size()));
  PointAgreement p;
  p.frames = 1;
  p.points = a.size();
  for (std::size_t i = 0; i < a.size(); ++i) {
    const int x = a.semantic[i], y = b.semantic[i];
    if (x == y) {
      ++p.agreeing;
      ++p.intersectionUnion[x].first;
      ++p.intersectionUnion[x].second;
    } else {
      ++p.intersectionUnion[x].second;
      ++p.intersectionUnion[y].second;
    }
  }
  return p;
}

namespace {

// One class in one frame: Hungarian on 1 - IoU, pairs below minIoU dropped.
// lastMatch: reference track -> test track it was last matched to (for ID switches).
MatchStats matchClass(const std::vector<const ObjectAnnotation*>& a,
                      const std::vector<const ObjectAnnotation*>& b, const CompareConfig& config,
                      std::map<std::uint32_t, std::uint32_t>& lastMatch) {
  MatchStats s;
  if (a.empty() || b.empty()) {
    s.falseNegatives = a.size();
    s.falsePositives = b.size();
    return s;
  }
  Eigen::MatrixXd cost(static_cast<Eigen::Index>(a.size()), static_cast<Eigen::Index>(b.size()));
  for (std::size_t i = 0; i < a.size(); ++i)
    for (std::size_t k = 0; k < b.size(); ++k)
      cost(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(k)) =
          1.0 - (config.bev ? bevIoU(a[i]->box, b[k]->box) : iou3d(a[i]->box, b[k]->box));
  const std::vector<int> match = solveGatedAssignment(cost, 1.0 - config.minIoU);
  std::vector<bool> used(b.size(), false);
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (match[i] < 0) {
      ++s.falseNegatives;
      continue;
    }
    const auto k = static_cast<std::size_t>(match[i]);
    used[k] = true;
    const Cuboid& x = a[i]->box;
    const Cuboid& y = b[k]->box;
    ++s.truePositives;
    s.sumIoU += 1.0 - cost(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(k));
    s.sumCentreError += (x.center - y.center).norm();
    s.sumYawErrorDeg += std::abs(angleDiff(x.yaw, y.yaw)) * 180.0 / M_PI;
    s.sumSizeError += (x.size - y.size).cwiseAbs().mean();
    const auto it = lastMatch.find(a[i]->trackId);
    if (it != lastMatch.end() && it->second != b[k]->trackId) ++s.idSwitches;
    lastMatch[a[i]->trackId] = b[k]->trackId;
  }
  for (bool u : used) s.falsePositives += u ? 0 : 1;
  return s;
}

}  // namespace

CompareResult compareSequences(const Sequence& reference, const Sequence& test,
                               const CompareConfig& config, const LabelPairLoader& labels) {
  if (reference.size() != test.size())
    throw std::invalid_argument("the two annotation sets have " + std::to_string(reference.size()) +
                                " and " + std::to_string(test.size()) + " frames");
  CompareResult r;
  std::map<std::string, std::map<std::uint32_t, std::uint32_t>> lastMatch;  // per class
  for (std::size_t f = 0; f < reference.size(); ++f) {
    std::map<std::string,
             std::pair<std::vector<const ObjectAnnotation*>, std::vector<const ObjectAnnotation*>>>
        byClass;
    for (const ObjectAnnotation& o : reference.frames[f].objects)
      byClass[o.className].first.push_back(&o);
    for (const ObjectAnnotation& o : test.frames[f].objects)
      byClass[o.className].second.push_back(&o);
    MatchStats frame;
    for (const auto& [cls, ab] : byClass) {
      const MatchStats s = matchClass(ab.first, ab.second, config, lastMatch[cls]);
      r.perClass[cls].add(s);
      frame.add(s);
    }
    r.perFrame.push_back(frame);
    r.overall.add(frame);
    if (labels) {
      const auto [a, b] = labels(f);
      if (!a.empty() && !b.empty()) r.points.add(comparePointLabels(a, b));
    }
  }
  return r;
}

}  // namespace lidarlabel
