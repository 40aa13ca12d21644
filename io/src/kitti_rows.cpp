// One KITTI row <-> one object: the round-trip attributes (kitti_object.h) and the rule that an
// unedited imported box is written back as read, while new and edited boxes get computed values.
#include <algorithm>
#include <charconv>
#include <cmath>

#include "kitti_internal.h"
#include "text_util.h"

namespace lidarlabel {

namespace {

// The imported geometry counts as unchanged within this (m, rad): above the 1e-9 error of the
// label -> box -> label round trip and float round-off of a box passed through a viewer (< 1e-5
// m at 100 m), far below any edit (the finest nudge is 2 cm / 0.5 deg).
constexpr double kSameGeometryTol = 1e-4;
// Tracking export: a computed truncation fraction >= this is written as level 1, else 0.
constexpr double kTruncatedLevelFraction = 0.15;

// Shortest text that parses back to exactly v.
std::string exactText(double v) {
  char buf[40];
  const auto r = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, r.ptr);
}

// Column text as read when it still holds v, else an exact rendering of v.
std::string columnText(const KittiLabel& l, std::size_t col, double v) {
  const std::string& t = l.text[col];
  if (!t.empty())
    if (const auto read = parseDouble(t); read && *read == v) return t;
  return exactText(v);
}

std::string joined(const KittiLabel& l, std::size_t first, const std::vector<double>& values) {
  std::string s;
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (i) s += ' ';
    s += columnText(l, first + i, values[i]);
  }
  return s;
}

const std::string* attribute(const ObjectAnnotation& o, const std::string& key) {
  const auto it = o.attributes.find(key);
  return it == o.attributes.end() ? nullptr : &it->second;
}

// Restores `count` columns from first on from an attribute holding their text; false (nothing
// changed) if it is missing or malformed.
bool restoreColumns(const ObjectAnnotation& o, const std::string& key, std::size_t first,
                    std::size_t count, KittiLabel& l, std::vector<double>& values) {
  const std::string* s = attribute(o, key);
  if (!s) return false;
  const std::vector<std::string> tok = splitWhitespace(*s);
  if (tok.size() != count) return false;
  values.clear();
  for (const std::string& t : tok) {
    const auto v = parseDouble(t);
    if (!v) return false;
    values.push_back(*v);
  }
  for (std::size_t i = 0; i < count; ++i) l.text[first + i] = tok[i];
  return true;
}

std::optional<double> restoreColumn(const ObjectAnnotation& o, const std::string& key,
                                    std::size_t col, KittiLabel& l) {
  std::vector<double> v;
  if (!restoreColumns(o, key, col, 1, l, v)) return std::nullopt;
  return v[0];
}

// True when the box still converts to its imported geometry; then l takes that geometry's text.
bool restoreGeometry(const ObjectAnnotation& o, KittiLabel& l) {
  KittiLabel read = l;
  std::vector<double> v;
  if (!restoreColumns(o, "kitti.geometry", 8, 7, read, v)) return false;
  const double now[7] = {l.dimensions[0], l.dimensions[1], l.dimensions[2], l.location[0],
                         l.location[1],   l.location[2],   l.rotationY};
  for (std::size_t i = 0; i < 7; ++i) {
    const double diff = i == 6 ? std::abs(angleDiff(v[i], now[i])) : std::abs(v[i] - now[i]);
    if (!(diff <= kSameGeometryTol)) return false;
  }
  read.dimensions = {v[0], v[1], v[2]};
  read.location = {v[3], v[4], v[5]};
  read.rotationY = v[6];
  l = std::move(read);
  return true;
}

// The annotator's "occluded" attribute (0..3), if set to a level.
std::optional<int> occlusionOverride(const ObjectAnnotation& o) {
  const std::string* s = attribute(o, "occluded");
  if (!s) return std::nullopt;
  const auto v = parseInteger(*s);
  if (!v || *v < 0 || *v > 3) return std::nullopt;
  return static_cast<int>(*v);
}

std::string kittiTypeOf(const ObjectAnnotation& o, const Ontology& ontology) {
  const ClassDef* cls = ontology.find(o.className);
  if (cls && !cls->kittiName.empty()) return cls->kittiName;
  const std::string* t = attribute(o, "kitti.type");
  return t ? *t : std::string();
}

// Truncation column for the target benchmark when no imported text of that kind applies: the
// projected fraction (1 when the box projects wholly outside); as a level for tracking, from the
// imported object-benchmark fraction of an unedited box if there is one.
double computedTruncation(const ObjectAnnotation& o, const std::optional<KittiImageBox>& ib,
                          KittiBenchmark target, bool imported) {
  const double fraction = ib ? ib->truncated : 1.0;
  if (target == KittiBenchmark::Object) return fraction;
  KittiLabel scratch;
  const std::optional<double> read =
      imported ? restoreColumn(o, "kitti.truncated", 1, scratch) : std::nullopt;
  return read.value_or(fraction) >= kTruncatedLevelFraction ? 1 : 0;
}

}  // namespace

ObjectAnnotation kittiObjectFromLabel(const KittiLabel& l, const KittiCalib& calib,
                                      const Ontology& ontology, std::uint32_t trackId,
                                      KittiBenchmark source) {
  ObjectAnnotation o;
  o.trackId = trackId;
  const ClassDef* cls = ontology.findByKittiName(l.type);
  o.className = cls ? cls->name : l.type;
  if (!cls) o.attributes["kitti.type"] = l.type;
  o.box = cuboidFromKittiLabel(l, calib);
  auto& a = o.attributes;
  a[source == KittiBenchmark::Object ? "kitti.truncated" : "kitti.truncation_level"] =
      columnText(l, 1, l.truncated);
  a["kitti.occluded"] = columnText(l, 2, l.occluded);
  a["kitti.alpha"] = columnText(l, 3, l.alpha);
  a["kitti.bbox"] = joined(l, 4, {l.bbox[0], l.bbox[1], l.bbox[2], l.bbox[3]});
  a["kitti.geometry"] = joined(l, 8,
                               {l.dimensions[0], l.dimensions[1], l.dimensions[2], l.location[0],
                                l.location[1], l.location[2], l.rotationY});
  if (l.score) {
    a["kitti.score"] = columnText(l, 15, *l.score);
    o.provenance = Provenance::Automatic;
    o.confidence = static_cast<float>(std::clamp(*l.score, 0.0, 1.0));
  }
  return o;
}

void addKittiDontCare(const KittiLabel& l, Frame& frame) {
  std::string row = kittiObjectLabelsToText({l});
  row.pop_back();  // '\n'
  frame.passthrough[kKittiDontCareKey].push_back(std::move(row));
}

std::optional<KittiObjectRow> kittiRowFromObject(const ObjectAnnotation& o, const KittiCalib& calib,
                                                 const Ontology& ontology,
                                                 const KittiLabelOptions& options, KittiSkip* why) {
  if (why) *why = KittiSkip::None;
  const std::string type = kittiTypeOf(o, ontology);
  if (type.empty()) {
    if (why) *why = KittiSkip::NoKittiClass;
    return std::nullopt;
  }
  KittiObjectRow row;
  KittiLabel& l = row.label;
  l = kittiGeometryFromCuboid(o.box, calib);
  row.imported = restoreGeometry(o, l);
  l.type = type;
  l.trackId = static_cast<int>(o.trackId) - 1;
  bool haveBbox = false, haveTruncation = false;
  if (row.imported) {
    if (const auto a = restoreColumn(o, "kitti.alpha", 3, l)) l.alpha = *a;
    std::vector<double> b;
    haveBbox = restoreColumns(o, "kitti.bbox", 4, 4, l, b);
    if (haveBbox) l.bbox = {b[0], b[1], b[2], b[3]};
    const char* key =
        options.benchmark == KittiBenchmark::Object ? "kitti.truncated" : "kitti.truncation_level";
    if (const auto t = restoreColumn(o, key, 1, l)) {
      l.truncated = *t;
      haveTruncation = true;
    }
    const auto occ = restoreColumn(o, "kitti.occluded", 2, l);
    if (occ && *occ == std::floor(*occ) && std::abs(*occ) < 1000) {
      l.occluded = static_cast<int>(*occ);
      row.occlusionKnown = true;
    }
  }
  if (!haveBbox || !haveTruncation) {
    const std::optional<KittiImageBox> ib = kittiImageBox(l, calib, options.image);
    if (!haveBbox && !ib) {
      if (why) *why = KittiSkip::OutsideImage;
      return std::nullopt;
    }
    if (!haveBbox) l.bbox = ib->bbox;
    if (!haveTruncation) l.truncated = computedTruncation(o, ib, options.benchmark, row.imported);
  }
  if (const auto occ = occlusionOverride(o)) {
    l.occluded = *occ;
    row.occlusionKnown = true;
  }
  if (options.withScore) {
    const auto s = row.imported ? restoreColumn(o, "kitti.score", 15, l) : std::nullopt;
    const bool same = s && static_cast<float>(std::clamp(*s, 0.0, 1.0)) == o.confidence;
    l.score = same ? *s : static_cast<double>(o.confidence);
  }
  return row;
}

}  // namespace lidarlabel
