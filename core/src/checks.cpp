// The check driver: runs the families, sorts and summarises findings.
#include "lidarlabel/core/checks.h"

#include <algorithm>
#include <cstdio>
#include <map>

#include "checks_internal.h"

namespace lidarlabel {

namespace checks_detail {

bool skipped(const CheckConfig& config, const char* id) {
  return std::find(config.skip.begin(), config.skip.end(), id) != config.skip.end();
}

const CheckThresholds& thresholdsFor(const Ontology& ontology, const std::string& className) {
  static const CheckThresholds defaults;
  const ClassDef* c = ontology.find(className);
  return c ? c->checks : defaults;
}

std::string format(const char* fmt, ...) {
  char buffer[512];
  va_list args;
  va_start(args, fmt);
  std::vsnprintf(buffer, sizeof buffer, fmt, args);
  va_end(args);
  return buffer;
}

std::vector<double> frameTimes(const Sequence& s, const CheckConfig& config) {
  bool stamped = s.frames.size() > 1;
  for (std::size_t f = 1; f < s.frames.size(); ++f)
    stamped = stamped && s.frames[f].info.timestampUs > s.frames[f - 1].info.timestampUs;
  std::vector<double> t(s.frames.size());
  for (std::size_t f = 0; f < t.size(); ++f)
    t[f] = stamped ? 1e-6 * static_cast<double>(s.frames[f].info.timestampUs)
                   : static_cast<double>(f) * config.defaultFrameSeconds;
  return t;
}

}  // namespace checks_detail

const char* toString(Severity s) {
  switch (s) {
    case Severity::Info:
      return "info";
    case Severity::Warning:
      return "warning";
    case Severity::Error:
      return "error";
  }
  return "error";
}

std::optional<Severity> severityFromString(const std::string& s) {
  if (s == "info") return Severity::Info;
  if (s == "warning") return Severity::Warning;
  if (s == "error") return Severity::Error;
  return std::nullopt;
}

Eigen::Vector3d worldCenter(const Cuboid& box, const FrameInfo& info) {
  return info.egoPose ? Eigen::Vector3d(*info.egoPose * box.center) : box.center;
}

double worldYaw(const Cuboid& box, const FrameInfo& info) {
  if (!info.egoPose) return wrapAngle(box.yaw);
  const Eigen::Vector3d h = info.egoPose->linear() * box.heading();
  return std::atan2(h.y(), h.x());
}

std::vector<Finding> runChecks(const Sequence& sequence, const Ontology& ontology,
                               const FramePointsLoader& load, const CheckConfig& config,
                               const std::function<void(std::size_t, std::size_t)>& progress) {
  std::vector<Finding> all = checkTracks(sequence, ontology, config);
  CheckConfig pointConfig = config;
  pointConfig.instancesNeedBoxes =
      config.instancesNeedBoxes && std::any_of(sequence.frames.begin(), sequence.frames.end(),
                                               [](const Frame& f) { return !f.objects.empty(); });
  for (std::size_t f = 0; f < sequence.size(); ++f) {
    const Frame& frame = sequence.frames[f];
    std::vector<Finding> boxes = checkFrameBoxes(frame, f, ontology, config);
    all.insert(all.end(), std::make_move_iterator(boxes.begin()),
               std::make_move_iterator(boxes.end()));
    if (load) {
      if (const std::optional<FramePoints> points = load(f)) {
        std::vector<Finding> p = checkFramePoints(frame, f, *points, ontology, pointConfig);
        all.insert(all.end(), std::make_move_iterator(p.begin()), std::make_move_iterator(p.end()));
      }
    }
    if (progress) progress(f + 1, sequence.size());
  }
  std::stable_sort(all.begin(), all.end(), [](const Finding& a, const Finding& b) {
    if (a.frame != b.frame) return a.frame < b.frame;
    if (a.check != b.check) return a.check < b.check;
    return a.trackIds < b.trackIds;
  });
  return all;
}

CheckSummary summarize(const std::vector<Finding>& findings) {
  CheckSummary s;
  std::map<std::string, std::size_t> byCheck;
  for (const Finding& f : findings) {
    (f.severity == Severity::Error     ? s.errors
     : f.severity == Severity::Warning ? s.warnings
                                       : s.infos)++;
    ++byCheck[f.check];
  }
  s.byCheck.assign(byCheck.begin(), byCheck.end());
  return s;
}

bool anyAtOrAbove(const std::vector<Finding>& findings, Severity level) {
  return std::any_of(findings.begin(), findings.end(), [&](const Finding& f) {
    return static_cast<int>(f.severity) >= static_cast<int>(level);
  });
}

}  // namespace lidarlabel
