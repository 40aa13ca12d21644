// PLY reader (the writer: ply_write.cpp). Format notes: docs/formats.md "PLY".
#include "lidarlabel/io/ply.h"

#include <charconv>
#include <cmath>
#include <cstring>
#include <vector>

#include "lidarlabel/core/errors.h"
#include "mapped_file.h"
#include "sweep_decode.h"

namespace lidarlabel {

namespace {
using decode::Column;
using decode::Scalar;

struct PlyProperty {
  std::string name;
  Scalar type = Scalar::F32;
  bool isList = false;
  Scalar countType = Scalar::U8;  // lists only
  std::size_t offset = 0;         // byte offset in a fixed-size binary record
};

struct PlyElement {
  std::string name;
  std::size_t count = 0;
  std::vector<PlyProperty> props;
  std::size_t recordSize = 0;  // binary, when no list property
  bool hasList = false;
};

struct PlyHeader {
  PlyEncoding encoding = PlyEncoding::Ascii;
  std::vector<PlyElement> elements;
  std::size_t dataOffset = 0, lines = 0;
};

PlyHeader parseHeader(std::string_view bytes, const std::string& file) {
  PlyHeader h;
  std::size_t pos = 0, line = 0;
  auto fail = [&](const std::string& why) -> void { throw FileError(file, atLine(line), why); };
  auto scalar = [&](std::string_view name) {
    const auto s = decode::plyScalar(name);
    if (!s) fail("unknown property type '" + std::string(name) + "'");
    return *s;
  };
  bool haveFormat = false;
  while (true) {
    if (pos >= bytes.size()) {
      ++line;
      fail("header ends without end_header");
    }
    std::size_t eol = bytes.find('\n', pos);
    if (eol == std::string_view::npos) eol = bytes.size();
    std::string_view text = bytes.substr(pos, eol - pos);
    if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
    pos = eol + 1;
    ++line;
    if (line == 1) {
      if (text != "ply") fail("not a PLY file (first line is not 'ply')");
      continue;
    }
    const auto w = decode::splitWords(text);
    if (w.empty() || w[0] == "comment" || w[0] == "obj_info") continue;
    if (w[0] == "format") {
      if (w.size() != 3) fail("format needs an encoding and a version");
      if (w[1] == "ascii")
        h.encoding = PlyEncoding::Ascii;
      else if (w[1] == "binary_little_endian")
        h.encoding = PlyEncoding::BinaryLittleEndian;
      else if (w[1] == "binary_big_endian")
        h.encoding = PlyEncoding::BinaryBigEndian;
      else
        fail("unknown format '" + std::string(w[1]) + "'");
      haveFormat = true;
    } else if (w[0] == "element") {
      if (w.size() != 3) fail("element needs a name and a count");
      PlyElement e;
      e.name = std::string(w[1]);
      const auto [p, ec] = std::from_chars(w[2].data(), w[2].data() + w[2].size(), e.count);
      if (ec != std::errc() || p != w[2].data() + w[2].size())
        fail("element count '" + std::string(w[2]) + "' is not a non-negative integer");
      h.elements.push_back(std::move(e));
    } else if (w[0] == "property") {
      if (h.elements.empty()) fail("property before any element");
      PlyElement& e = h.elements.back();
      PlyProperty prop;
      if (w.size() == 5 && w[1] == "list") {
        prop.isList = true;
        prop.countType = scalar(w[2]);
        prop.type = scalar(w[3]);
        prop.name = std::string(w[4]);
        if (prop.countType == Scalar::F32 || prop.countType == Scalar::F64)
          fail("list count type must be an integer type");
        e.hasList = true;
      } else if (w.size() == 3) {
        prop.type = scalar(w[1]);
        prop.name = std::string(w[2]);
        prop.offset = e.recordSize;
        e.recordSize += decode::sizeOf(prop.type);
      } else {
        fail("malformed property line");
      }
      e.props.push_back(std::move(prop));
    } else if (w[0] == "end_header") {
      if (!haveFormat) fail("no format line before end_header");
      h.dataOffset = std::min(pos, bytes.size());
      h.lines = line;
      return h;
    } else {
      fail("unknown header keyword '" + std::string(w[0]) + "'");
    }
  }
}

const PlyElement& vertexElement(const PlyHeader& h, const std::string& file, std::size_t& index) {
  for (index = 0; index < h.elements.size(); ++index)
    if (h.elements[index].name == "vertex") break;
  if (index == h.elements.size()) throw FileError(file, atLine(h.lines), "no 'vertex' element");
  const PlyElement& v = h.elements[index];
  for (const char* axis : {"x", "y", "z"}) {
    bool found = false;
    for (const PlyProperty& p : v.props) found |= (!p.isList && p.name == axis);
    if (!found)
      throw FileError(file, atLine(h.lines),
                      std::string("vertex has no scalar property '") + axis + "'");
  }
  return v;
}

// The first scalar vertex property feeding each channel.
void pickProps(const PlyElement& v, const PlyProperty* (&out)[decode::kNumChannels]) {
  for (auto& p : out) p = nullptr;
  for (const PlyProperty& p : v.props) {
    if (p.isList) continue;
    const int ch = decode::channelOf(p.name);
    if (ch != decode::kNone && out[ch] == nullptr) out[ch] = &p;
  }
}

[[noreturn]] void truncated(const std::string& file, std::size_t at, const PlyElement& e) {
  throw FileError(file, atByte(at),
                  "truncated: element '" + e.name + "' (" + std::to_string(e.count) +
                      " records) ends past the end of the file");
}

// Skips one binary element, returns the offset after it.
std::size_t skipBinary(std::string_view bytes, std::size_t pos, const PlyElement& e, bool big,
                       const std::string& file) {
  if (e.props.empty()) return pos;
  if (!e.hasList) {
    std::size_t need = 0;
    if (__builtin_mul_overflow(e.count, e.recordSize, &need) || need > bytes.size() - pos)
      truncated(file, bytes.size(), e);
    return pos + need;
  }
  for (std::size_t r = 0; r < e.count; ++r)
    for (const PlyProperty& p : e.props) {
      const std::size_t cs = decode::sizeOf(p.isList ? p.countType : p.type);
      if (cs > bytes.size() - pos) truncated(file, pos, e);
      if (!p.isList) {
        pos += cs;
        continue;
      }
      const double n = decode::loadAsDouble(bytes.data() + pos, p.countType, big);
      pos += cs;
      const std::size_t is = decode::sizeOf(p.type);
      if (!(n >= 0) || n > static_cast<double>((bytes.size() - pos) / is)) truncated(file, pos, e);
      pos += static_cast<std::size_t>(n) * is;
    }
  return pos;
}

PointCloud readBinary(std::string_view bytes, const PlyHeader& h, const std::string& file,
                      const SweepReadOptions& options) {
  const bool big = h.encoding == PlyEncoding::BinaryBigEndian;
  std::size_t vi = 0;
  const PlyElement& v = vertexElement(h, file, vi);
  if (v.hasList)
    throw FileError(file, atLine(h.lines), "vertex element with a list property is not supported");
  std::size_t pos = h.dataOffset;
  for (std::size_t i = 0; i < vi; ++i) pos = skipBinary(bytes, pos, h.elements[i], big, file);
  std::size_t need = 0;
  if (__builtin_mul_overflow(v.count, v.recordSize, &need) || need > bytes.size() - pos)
    truncated(file, bytes.size(), v);
  const PlyProperty* pick[decode::kNumChannels];
  pickProps(v, pick);
  Column cols[decode::kNumChannels];
  for (int c = 0; c < decode::kNumChannels; ++c)
    if (pick[c])
      cols[c] = Column{bytes.data() + pos + pick[c]->offset, v.recordSize, pick[c]->type, big};
  PointCloud cloud = decode::assemble(v.count, cols);
  decode::applyNonFinite(cloud, options.nonFinite, file,
                         [&](std::size_t i) { return atByte(pos + i * v.recordSize); });
  return cloud;
}

// Whitespace-separated tokens of the ascii body, with line numbers.
struct Tokens {
  std::string_view bytes;
  std::size_t pos = 0, line = 0;
  bool next(std::string_view& tok) {
    const std::size_t lineBefore = line;
    while (pos < bytes.size() &&
           (bytes[pos] == ' ' || bytes[pos] == '\t' || bytes[pos] == '\r' || bytes[pos] == '\n')) {
      if (bytes[pos] == '\n') ++line;
      ++pos;
    }
    if (pos >= bytes.size()) {
      line = lineBefore;  // report the line the data ended on, not the one after it
      return false;
    }
    const std::size_t b = pos;
    while (pos < bytes.size() && bytes[pos] != ' ' && bytes[pos] != '\t' && bytes[pos] != '\r' &&
           bytes[pos] != '\n')
      ++pos;
    tok = bytes.substr(b, pos - b);
    return true;
  }
};

PointCloud readAscii(std::string_view bytes, const PlyHeader& h, const std::string& file,
                     const SweepReadOptions& options) {
  std::size_t vi = 0;
  const PlyElement& v = vertexElement(h, file, vi);
  Tokens t{bytes, h.dataOffset, h.lines + 1};
  std::string_view tok;
  auto need = [&](const PlyElement& e, std::size_t r) {
    if (!t.next(tok))
      throw FileError(file, atLine(t.line),
                      "truncated: element '" + e.name + "' record " + std::to_string(r) + " of " +
                          std::to_string(e.count) + " ends early");
  };
  auto number = [&](double& out) {
    if (!decode::parseNumber(tok, out))
      throw FileError(file, atLine(t.line), "'" + std::string(tok) + "' is not a number");
  };
  for (std::size_t i = 0; i < vi; ++i) {
    const PlyElement& e = h.elements[i];
    if (e.props.empty()) continue;
    for (std::size_t r = 0; r < e.count; ++r)
      for (const PlyProperty& p : e.props) {
        need(e, r);
        if (!p.isList) continue;
        double n = 0;
        number(n);
        if (!(n >= 0) || n > static_cast<double>(bytes.size()))
          throw FileError(file, atLine(t.line), "bad list length");
        for (std::size_t k = 0; k < static_cast<std::size_t>(n); ++k) need(e, r);
      }
  }
  if (v.count > bytes.size() - std::min(bytes.size(), t.pos)) truncated(file, bytes.size(), v);
  const PlyProperty* pick[decode::kNumChannels];
  pickProps(v, pick);
  std::vector<int> channel;
  for (const PlyProperty& p : v.props) {
    int ch = decode::kNone;
    for (int c = 0; c < decode::kNumChannels; ++c)
      if (pick[c] == &p) ch = c;
    channel.push_back(ch);
  }
  PointCloud cloud;
  cloud.resize(v.count, pick[decode::kRing] != nullptr, pick[decode::kTime] != nullptr);
  std::vector<double> times(cloud.hasTime() ? v.count : 0);
  std::size_t out = 0;
  for (std::size_t r = 0; r < v.count; ++r) {
    double vals[decode::kNumChannels] = {0, 0, 0, 0, 0, 0};
    std::size_t line = 0;
    for (std::size_t k = 0; k < v.props.size(); ++k) {
      need(v, r);
      if (k == 0) line = t.line;
      if (channel[k] != decode::kNone) number(vals[channel[k]]);
    }
    if (decode::storeTextPoint(vals, r, options.nonFinite, cloud, times, out, file, atLine(line)))
      ++out;
  }
  if (cloud.hasTime())
    decode::decodeTime(Column{reinterpret_cast<const char*>(times.data()), 8, Scalar::F64, false},
                       out, cloud.time.data());
  cloud.resize(out);
  return cloud;
}

}  // namespace

PointCloud parsePly(std::string_view bytes, const std::string& fileName,
                    const SweepReadOptions& options) {
  const PlyHeader h = parseHeader(bytes, fileName);
  if (h.encoding == PlyEncoding::Ascii) return readAscii(bytes, h, fileName, options);
  return readBinary(bytes, h, fileName, options);
}

PointCloud readPly(const std::string& path, const SweepReadOptions& options) {
  const MappedFile file(path);
  return parsePly(file.bytes(), path, options);
}

}  // namespace lidarlabel
