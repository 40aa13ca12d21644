#include "pg_rows.h"

#include <charconv>
#include <cstring>
#include <fstream>

#include "crc32.h"
#include "json_util.h"
#include "lidarlabel/io/pg_store.h"
#include "lzf.h"
#include "native_json.h"

namespace lidarlabel::pg {

using json = nlohmann::json;

namespace {

std::string shortest(double v) {
  char buf[32];
  return std::string(buf, std::to_chars(buf, buf + sizeof buf, v).ptr);
}
std::string shortest(float v) {
  char buf[32];
  return std::string(buf, std::to_chars(buf, buf + sizeof buf, v).ptr);
}

double toDouble(std::string_view s) {
  double v = 0;
  std::from_chars(s.data(), s.data() + s.size(), v);
  return v;
}

json parse(std::string_view text, const std::string& location) {
  return parseJson(std::string(text), location);
}

// The columns of one box as text, "" + null flag for NULL jsonb.
std::vector<std::pair<std::string, bool>> boxFields(const ObjectAnnotation& o) {
  const Cuboid& b = o.box;
  const std::string attrs = o.attributes.empty() ? "" : stringMapJson(o.attributes);
  const std::string log = reviewJson(o.reviewLog);
  return {{std::to_string(o.trackId), false},
          {o.className, false},
          {shortest(b.center.x()), false},
          {shortest(b.center.y()), false},
          {shortest(b.center.z()), false},
          {shortest(b.size.x()), false},
          {shortest(b.size.y()), false},
          {shortest(b.size.z()), false},
          {shortest(b.yaw), false},
          {shortest(b.pitch), false},
          {shortest(b.roll), false},
          {toString(o.provenance), false},
          {toString(o.review), false},
          {shortest(o.confidence), false},
          {attrs, attrs.empty()},
          {log, log.empty()}};
}

}  // namespace

std::vector<Param> boxParams(const ObjectAnnotation& o) {
  std::vector<Param> out;
  for (auto& [value, isNull] : boxFields(o)) out.push_back(isNull ? null() : text(value));
  return out;
}

void appendBoxCopy(std::string& out, const ObjectAnnotation& o) {
  bool first = true;
  for (const auto& [value, isNull] : boxFields(o)) {
    if (!first) out += '\t';
    first = false;
    if (isNull)
      out += "\\N";
    else
      appendCopyField(out, value);
  }
}

ObjectAnnotation boxFromRow(const Result& r, int row, int c, const std::string& location) {
  ObjectAnnotation o;
  o.trackId = static_cast<std::uint32_t>(r.i64(row, c));
  o.className = r.str(row, c + 1);
  o.box.center = {r.f64(row, c + 2), r.f64(row, c + 3), r.f64(row, c + 4)};
  o.box.size = {r.f64(row, c + 5), r.f64(row, c + 6), r.f64(row, c + 7)};
  o.box.yaw = r.f64(row, c + 8);
  o.box.pitch = r.f64(row, c + 9);
  o.box.roll = r.f64(row, c + 10);
  o.provenance = provenanceFromString(r.str(row, c + 11)).value_or(Provenance::Manual);
  o.review = reviewStateFromString(r.str(row, c + 12)).value_or(ReviewState::Unreviewed);
  o.confidence = r.f32(row, c + 13);
  if (!r.isNull(row, c + 14)) o.attributes = stringMapFromText(r.jsonText(row, c + 14), location);
  if (!r.isNull(row, c + 15))
    o.reviewLog = reviewFromText(r.jsonText(row, c + 15), location, "review_log");
  return o;
}

std::string reviewJson(const ReviewRecord& r) {
  return r.empty() ? "" : native_detail::reviewToJson(r).dump();
}

ReviewRecord reviewFromText(std::string_view text, const std::string& location,
                            const std::string& where) {
  const json j = parse(text, location);
  return native_detail::reviewFromJson(JsonReader(j, location, where));
}

std::string passthroughJson(const std::map<std::string, std::vector<std::string>>& p) {
  return p.empty() ? "" : json(p).dump();
}

std::map<std::string, std::vector<std::string>> passthroughFromText(std::string_view text,
                                                                    const std::string& location) {
  const json j = parse(text, location);
  return native_detail::passthroughFromJson(JsonReader(j, location, "passthrough"));
}

std::string stringMapJson(const std::map<std::string, std::string>& m) {
  return json(m).dump();
}

std::map<std::string, std::string> stringMapFromText(std::string_view text,
                                                     const std::string& location) {
  json parsed = parse(text, location);
  std::map<std::string, std::string> out;
  if (parsed.is_object()) {  // the usual {"name": "value", ...}: read in place
    for (auto& [key, value] : parsed.items()) {
      std::string* s = value.get_ptr<std::string*>();
      if (!s) break;
      out.emplace_hint(out.end(), key, std::move(*s));
    }
    if (out.size() == parsed.size()) return out;
    parsed = parse(text, location);  // moved from: parse again for the error message
  }
  const json j{{"map", std::move(parsed)}};
  return JsonReader(j, location, "").stringMap("map");
}

std::string poseArray(const Eigen::Isometry3d& p) {
  std::string out = "{";
  for (int i = 0; i < 3; ++i)
    for (int k = 0; k < 4; ++k) {
      if (i + k > 0) out += ',';
      out += shortest(p.matrix()(i, k));
    }
  return out + "}";
}

std::vector<double> numbersFromArray(std::string_view text) {
  std::vector<double> out;
  std::size_t pos = text.empty() ? 0 : 1;  // after '{'
  while (pos < text.size() && text[pos] != '}') {
    std::size_t end = text.find_first_of(",}", pos);
    if (end == std::string_view::npos) end = text.size();
    out.push_back(toDouble(text.substr(pos, end - pos)));
    pos = end < text.size() && text[end] == ',' ? end + 1 : end;
  }
  return out;
}

Eigen::Isometry3d poseFromArray(std::string_view text) {
  Eigen::Isometry3d p = Eigen::Isometry3d::Identity();
  const std::vector<double> v = numbersFromArray(text);
  for (std::size_t n = 0; n < 12 && n < v.size(); ++n)
    p.matrix()(static_cast<int>(n / 4), static_cast<int>(n % 4)) = v[n];
  return p;
}

std::string compressLabels(const PointLabels& l) {
  std::string raw(l.size() * 4, '\0');
  std::memcpy(raw.data(), l.semantic.data(), l.size() * 2);
  std::memcpy(raw.data() + l.size() * 2, l.instance.data(), l.size() * 2);
  return lzf::compress(reinterpret_cast<const std::uint8_t*>(raw.data()), raw.size());
}

PointLabels decompressLabels(std::string_view data, std::size_t count, const std::string& where) {
  PointLabels l;
  l.resize(count);
  const lzf::Segment segs[2] = {{reinterpret_cast<std::uint8_t*>(l.semantic.data()), count * 2},
                                {reinterpret_cast<std::uint8_t*>(l.instance.data()), count * 2}};
  const auto r =
      lzf::decompress(reinterpret_cast<const std::uint8_t*>(data.data()), data.size(), segs, 2);
  if (!r.error.empty() || r.produced != count * 4)
    throw ServerError(where, "point labels", "damaged label data: " + r.error);
  return l;
}

std::string sweepHash(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return "";
  std::uint32_t crc = 0;
  std::size_t total = 0;
  std::vector<char> buf(1 << 20);
  while (in) {
    in.read(buf.data(), static_cast<std::streamsize>(buf.size()));
    const auto n = static_cast<std::size_t>(in.gcount());
    crc = crc32(buf.data(), n, crc);
    total += n;
  }
  char hex[9];
  std::snprintf(hex, sizeof hex, "%08x", crc);
  return "crc32:" + std::string(hex) + ":" + std::to_string(total);
}

}  // namespace lidarlabel::pg
