// The box family of the label checks: each frame's boxes on their own (core/checks.h).
#include <algorithm>
#include <cmath>
#include <unordered_map>

#include "checks_internal.h"
#include "lidarlabel/core/box_iou.h"

namespace lidarlabel {

using namespace checks_detail;

namespace {

Finding finding(const char* id, Severity s, std::size_t frame, std::vector<std::uint32_t> tracks,
                std::string message) {
  Finding f;
  f.check = id;
  f.severity = s;
  f.frame = static_cast<long long>(frame);
  f.trackIds = std::move(tracks);
  f.message = std::move(message);
  return f;
}

bool validBox(const Cuboid& b) {
  return b.center.allFinite() && b.size.allFinite() && std::isfinite(b.yaw) &&
         b.size.minCoeff() > 0;
}

void classAndAttributes(const ObjectAnnotation& o, std::size_t f, const Ontology& ontology,
                        const CheckConfig& config, std::vector<Finding>& out) {
  const ClassDef* c = ontology.find(o.className);
  if (!c) {
    // An importer keeps a dataset category the ontology does not map under its own name and
    // records it (attribute "<dataset>.category"): known and deliberate, so a warning.
    bool imported = false;
    for (const auto& [key, value] : o.attributes)
      imported = imported || (value == o.className && key.size() > 9 &&
                              key.compare(key.size() - 9, 9, ".category") == 0);
    const char* id = imported ? "unmapped-class" : "unknown-class";
    if (!skipped(config, id))
      out.push_back(finding(id, imported ? Severity::Warning : Severity::Error, f, {o.trackId},
                            "class '" + o.className + "' is not in the ontology" +
                                (imported ? " (kept as the dataset named it on import)" : "")));
    return;
  }
  if (!c->isThing && !skipped(config, "not-a-thing-class"))
    out.push_back(
        finding("not-a-thing-class", Severity::Error, f, {o.trackId},
                "class '" + o.className + "' is a stuff class (points only), not a box class"));
  for (const AttributeDef& a : c->attributes) {
    const auto it = o.attributes.find(a.name);
    if (it == o.attributes.end()) {
      if (a.required && !skipped(config, "missing-attribute"))
        out.push_back(finding("missing-attribute", Severity::Error, f, {o.trackId},
                              o.className + " lacks the required attribute '" + a.name + "'"));
    } else if (!a.values.empty() &&
               std::find(a.values.begin(), a.values.end(), it->second) == a.values.end() &&
               !skipped(config, "invalid-attribute-value")) {
      out.push_back(finding("invalid-attribute-value", Severity::Warning, f, {o.trackId},
                            o.className + " attribute '" + a.name + "' = '" + it->second +
                                "' is not one of the ontology's values"));
    }
  }
  const double r = c->checks.sizeRatio;
  if (r > 0 && validBox(o.box) && !skipped(config, "size-prior")) {
    const Eigen::Vector3d ratio = o.box.size.cwiseQuotient(c->defaultSize);
    if (ratio.maxCoeff() > r || ratio.minCoeff() < 1.0 / r)
      out.push_back(finding(
          "size-prior", Severity::Warning, f, {o.trackId},
          format("%s size %.2f x %.2f x %.2f m is far from the class prior %.2f x %.2f x %.2f m "
                 "(more than %.3gx off)",
                 o.className.c_str(), o.box.size.x(), o.box.size.y(), o.box.size.z(),
                 c->defaultSize.x(), c->defaultSize.y(), c->defaultSize.z(), r)));
  }
}

// Overlap of boxes a and b as intersection volume / smaller volume.
double overlapFraction(const Cuboid& a, const Cuboid& b) {
  const double smaller = std::min(a.size.prod(), b.size.prod());
  return smaller > 0 ? intersection3d(a, b) / smaller : 0.0;
}

void checkPair(const Frame& frame, std::size_t f, std::size_t i, std::size_t k,
               const Ontology& ontology, std::vector<Finding>& out) {
  const ObjectAnnotation& a = frame.objects[i];
  const ObjectAnnotation& b = frame.objects[k];
  // Quick reject on the circumscribed circles.
  const double ra = 0.5 * a.box.size.head<2>().norm(), rb = 0.5 * b.box.size.head<2>().norm();
  if ((a.box.center.head<2>() - b.box.center.head<2>()).norm() > ra + rb) return;
  const double limit = std::max(thresholdsFor(ontology, a.className).maxOverlap,
                                thresholdsFor(ontology, b.className).maxOverlap);
  if (limit <= 0) return;
  const double o = overlapFraction(a.box, b.box);
  if (o > limit)
    out.push_back(
        finding("overlap", Severity::Warning, f, {a.trackId, b.trackId},
                format("%s %u and %s %u overlap: %.0f %% of the smaller box (limit %.0f %%)",
                       a.className.c_str(), a.trackId, b.className.c_str(), b.trackId, 100 * o,
                       100 * limit)));
}

// Candidate pairs by sweep and prune: boxes sorted by the x extent of their circumscribed
// circles; a box is only tested against the following boxes whose extent starts before its own
// ends (checkPair then rejects on the circles in y).
void overlaps(const Frame& frame, std::size_t f, const Ontology& ontology,
              const CheckConfig& config, std::vector<Finding>& out) {
  const auto& objs = frame.objects;
  struct Extent {
    double lo, hi;
    std::size_t index;
  };
  std::vector<Extent> ext;
  for (std::size_t i = 0; i < objs.size(); ++i) {
    if (!validBox(objs[i].box)) continue;
    const double r = 0.5 * objs[i].box.size.head<2>().norm();
    ext.push_back({objs[i].box.center.x() - r, objs[i].box.center.x() + r, i});
  }
  if (!config.overlapIndex) {
    for (std::size_t a = 0; a < ext.size(); ++a)
      for (std::size_t b = a + 1; b < ext.size(); ++b)
        checkPair(frame, f, ext[a].index, ext[b].index, ontology, out);
    return;
  }
  std::sort(ext.begin(), ext.end(), [](const Extent& a, const Extent& b) { return a.lo < b.lo; });
  for (std::size_t a = 0; a < ext.size(); ++a)
    for (std::size_t b = a + 1; b < ext.size() && ext[b].lo <= ext[a].hi; ++b)
      checkPair(frame, f, std::min(ext[a].index, ext[b].index),
                std::max(ext[a].index, ext[b].index), ontology, out);
}

}  // namespace

std::vector<Finding> checkFrameBoxes(const Frame& frame, std::size_t f, const Ontology& ontology,
                                     const CheckConfig& config) {
  std::vector<Finding> out;
  std::unordered_map<std::uint32_t, int> idCount;
  for (const ObjectAnnotation& o : frame.objects) {
    ++idCount[o.trackId];
    if (!validBox(o.box)) {
      if (!skipped(config, "invalid-box"))
        out.push_back(
            finding("invalid-box", Severity::Error, f, {o.trackId},
                    format("%s box has a non-finite value or a zero/negative size "
                           "(%g x %g x %g m)",
                           o.className.c_str(), o.box.size.x(), o.box.size.y(), o.box.size.z())));
    }
    classAndAttributes(o, f, ontology, config, out);
  }
  if (!skipped(config, "duplicate-track-id")) {
    std::vector<std::uint32_t> dups;
    for (const auto& [id, n] : idCount)
      if (n > 1) dups.push_back(id);
    std::sort(dups.begin(), dups.end());
    for (std::uint32_t id : dups)
      out.push_back(
          finding("duplicate-track-id", Severity::Error, f, {id},
                  format("track id %u is used by %d boxes in this frame", id, idCount[id])));
  }
  if (!skipped(config, "overlap")) overlaps(frame, f, ontology, config, out);
  return out;
}

}  // namespace lidarlabel
