// PCD v0.7 reader (the writer: pcd_write.cpp). Format notes: docs/formats.md "PCD".
#include "lidarlabel/io/pcd.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>
#include <memory>
#include <vector>

#include "lidarlabel/core/errors.h"
#include "lzf.h"
#include "mapped_file.h"
#include "pcd_header.h"
#include "sweep_decode.h"

namespace lidarlabel {

namespace {
using decode::Column;
using decode::Scalar;
using pcd_detail::PcdField;
using pcd_detail::PcdHeader;

// The first field feeding each channel (later duplicates are ignored).
void pickFields(const PcdHeader& h, const PcdField* (&out)[decode::kNumChannels]) {
  for (auto& p : out) p = nullptr;
  for (const PcdField& f : h.fields) {
    if (f.name == "_") continue;
    const int ch = decode::channelOf(f.name);
    if (ch != decode::kNone && out[ch] == nullptr) out[ch] = &f;
  }
}

PointCloud readBinary(std::string_view bytes, const PcdHeader& h, const std::string& file,
                      const SweepReadOptions& options) {
  std::size_t need = 0;
  if (__builtin_mul_overflow(h.points, h.rowSize, &need) || need > bytes.size() - h.dataOffset)
    throw FileError(file, atByte(bytes.size()),
                    "POINTS " + std::to_string(h.points) + " x " + std::to_string(h.rowSize) +
                        "-byte rows do not fit in the " +
                        std::to_string(bytes.size() - h.dataOffset) +
                        " bytes after the header (truncated file or lying header)");
  const PcdField* pick[decode::kNumChannels];
  pickFields(h, pick);
  Column cols[decode::kNumChannels];
  const char* data = bytes.data() + h.dataOffset;
  for (int c = 0; c < decode::kNumChannels; ++c)
    if (pick[c]) cols[c] = Column{data + pick[c]->rowOffset, h.rowSize, pick[c]->scalar, false};
  PointCloud cloud = decode::assemble(h.points, cols);
  decode::applyNonFinite(cloud, options.nonFinite, file,
                         [&](std::size_t i) { return atByte(h.dataOffset + i * h.rowSize); });
  return cloud;
}

std::uint32_t readU32(const char* p) {
  std::uint32_t v;
  std::memcpy(&v, p, 4);
  return v;
}

// The block is unpacked straight into the cloud's columns where a field is stored as the cloud
// keeps it (float32 x/y/z/intensity, uint16 ring, COUNT 1); other fields go to scratch buffers
// and are converted afterwards. mapping (if any) is released once the block is unpacked, so the
// heap holds the cloud plus the scratch fields only.
PointCloud readCompressed(std::string_view bytes, const PcdHeader& h, const std::string& file,
                          const SweepReadOptions& options, MappedFile* mapping) {
  const std::size_t at = h.dataOffset;
  if (bytes.size() - at < 8)
    throw FileError(file, atByte(at), "binary_compressed data needs an 8-byte size header");
  const std::size_t packed = readU32(bytes.data() + at), unpacked = readU32(bytes.data() + at + 4);
  std::size_t expect = 0;
  if (__builtin_mul_overflow(h.points, h.soaRowSize, &expect) || unpacked != expect)
    throw FileError(file, atByte(at + 4),
                    "uncompressed size " + std::to_string(unpacked) + " != POINTS x " +
                        std::to_string(h.soaRowSize) + " bytes per point");
  if (packed > bytes.size() - at - 8)
    throw FileError(file, atByte(at),
                    "compressed size " + std::to_string(packed) + " exceeds the " +
                        std::to_string(bytes.size() - at - 8) +
                        " bytes after the header (truncated file)");
  // LZF expands at most 88x (3 bytes -> 264); a larger claim is a lie, refuse before allocating.
  if (unpacked / 88 > packed + 1)
    throw FileError(file, atByte(at + 4),
                    "uncompressed size " + std::to_string(unpacked) + " cannot come from " +
                        std::to_string(packed) + " compressed bytes");
  const std::size_t n = h.points;
  const PcdField* pick[decode::kNumChannels];
  pickFields(h, pick);
  PointCloud cloud;
  cloud.resize(n, pick[decode::kRing] != nullptr, pick[decode::kTime] != nullptr);
  // One output segment per SoA field, in FIELDS order ("_" has no SoA column).
  std::vector<lzf::Segment> segs;
  std::vector<std::unique_ptr<char[]>> scratch;  // not zero-initialised: every byte is written
  Column cols[decode::kNumChannels];             // channels still to convert from scratch
  for (const PcdField& f : h.fields) {
    if (f.name == "_") continue;
    const std::size_t bytesOf = n * f.size * f.count;  // <= unpacked, no overflow
    int ch = decode::kNone;
    for (int c = 0; c < decode::kNumChannels; ++c)
      if (pick[c] == &f) ch = c;
    std::uint8_t* direct = nullptr;
    if (f.count == 1 && ch != decode::kNone) {
      if (f.scalar == Scalar::F32 && ch <= decode::kIntensity) {
        std::vector<float>* const dst[] = {&cloud.x, &cloud.y, &cloud.z, &cloud.intensity};
        direct = reinterpret_cast<std::uint8_t*>(dst[ch]->data());
      } else if (f.scalar == Scalar::U16 && ch == decode::kRing) {
        direct = reinterpret_cast<std::uint8_t*>(cloud.ring.data());
      }
    }
    if (direct == nullptr && bytesOf > 0) {
      scratch.emplace_back(new char[bytesOf]);
      direct = reinterpret_cast<std::uint8_t*>(scratch.back().get());
      if (ch != decode::kNone)
        cols[ch] = Column{scratch.back().get(), f.size * f.count, f.scalar, false};
    }
    segs.push_back(lzf::Segment{direct, bytesOf});
  }
  const auto* in = reinterpret_cast<const std::uint8_t*>(bytes.data() + at + 8);
  const auto r = lzf::decompress(in, packed, segs.data(), segs.size());
  if (!r.error.empty())
    throw FileError(file, atByte(at + 8 + r.errorAt), "corrupt compressed block: " + r.error);
  if (r.produced != unpacked)
    throw FileError(file, atByte(at + 8),
                    "compressed block holds " + std::to_string(r.produced) +
                        " bytes, header says " + std::to_string(unpacked));
  if (mapping != nullptr) mapping->release();  // `bytes` is dangling from here on
  decode::decodeInto(cloud, n, cols);
  scratch.clear();
  decode::applyNonFinite(cloud, options.nonFinite, file,
                         [&](std::size_t) { return atByte(at + 8) + " (compressed block)"; });
  return cloud;
}

PointCloud readAscii(std::string_view bytes, const PcdHeader& h, const std::string& file,
                     const SweepReadOptions& options) {
  const std::size_t avail = bytes.size() - h.dataOffset;
  if (h.points > avail / 2 + 1)  // every point needs at least "v\n"; refuse before allocating
    throw FileError(file, atByte(bytes.size()),
                    "POINTS " + std::to_string(h.points) + " cannot fit in " +
                        std::to_string(avail) + " bytes of ascii data (truncated file?)");
  std::size_t valuesPerPoint = 0;
  std::vector<int> channelOfValue;  // per value in a line: channel or kNone
  const PcdField* pick[decode::kNumChannels];
  pickFields(h, pick);
  for (const PcdField& f : h.fields)
    for (std::size_t k = 0; k < f.count; ++k, ++valuesPerPoint) {
      int ch = decode::kNone;
      for (int c = 0; c < decode::kNumChannels; ++c)
        if (pick[c] == &f && k == 0) ch = c;
      channelOfValue.push_back(ch);
    }
  PointCloud cloud;
  cloud.resize(h.points, pick[decode::kRing] != nullptr, pick[decode::kTime] != nullptr);
  std::vector<double> times(pick[decode::kTime] ? h.points : 0);
  std::size_t pos = h.dataOffset, line = h.lines, n = 0, out = 0;
  while (pos < bytes.size()) {
    std::size_t eol = bytes.find('\n', pos);
    if (eol == std::string_view::npos) eol = bytes.size();
    const std::string_view text = bytes.substr(pos, eol - pos);
    pos = eol + 1;
    ++line;
    std::size_t i = 0, v = 0;
    double vals[decode::kNumChannels] = {0, 0, 0, 0, 0, 0};
    while (true) {
      while (i < text.size() && (text[i] == ' ' || text[i] == '\t' || text[i] == '\r')) ++i;
      if (i >= text.size()) break;
      const std::size_t b = i;
      while (i < text.size() && text[i] != ' ' && text[i] != '\t' && text[i] != '\r') ++i;
      if (v < valuesPerPoint && channelOfValue[v] != decode::kNone &&
          !decode::parseNumber(text.substr(b, i - b), vals[channelOfValue[v]]))
        throw FileError(file, atLine(line),
                        "value " + std::to_string(v + 1) + " '" +
                            std::string(text.substr(b, i - b)) + "' is not a number");
      ++v;
    }
    if (v == 0) continue;  // blank line
    if (v != valuesPerPoint)
      throw FileError(
          file, atLine(line),
          "expected " + std::to_string(valuesPerPoint) + " values, found " + std::to_string(v));
    if (n >= h.points)
      throw FileError(file, atLine(line), "more points than POINTS " + std::to_string(h.points));
    ++n;
    if (decode::storeTextPoint(vals, n - 1, options.nonFinite, cloud, times, out, file,
                               atLine(line)))
      ++out;
  }
  if (n != h.points)
    throw FileError(
        file, atLine(line),
        "found " + std::to_string(n) + " points, header says POINTS " + std::to_string(h.points));
  if (cloud.hasTime())
    decode::decodeTime(Column{reinterpret_cast<const char*>(times.data()), 8, Scalar::F64, false},
                       out, cloud.time.data());
  cloud.resize(out);
  return cloud;
}

PointCloud parseAny(std::string_view bytes, const std::string& fileName,
                    const SweepReadOptions& options, MappedFile* mapping) {
  const PcdHeader h = pcd_detail::parsePcdHeader(bytes, fileName);
  if (h.data == "binary") return readBinary(bytes, h, fileName, options);
  if (h.data == "binary_compressed") return readCompressed(bytes, h, fileName, options, mapping);
  return readAscii(bytes, h, fileName, options);
}
}  // namespace

PointCloud parsePcd(std::string_view bytes, const std::string& fileName,
                    const SweepReadOptions& options) {
  return parseAny(bytes, fileName, options, nullptr);
}

PointCloud readPcd(const std::string& path, const SweepReadOptions& options) {
  MappedFile file(path);
  return parseAny(file.bytes(), path, options, &file);
}

}  // namespace lidarlabel
