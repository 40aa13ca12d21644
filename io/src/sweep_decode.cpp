#include "sweep_decode.h"

#include <algorithm>
#include <bit>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <limits>

#include "lidarlabel/core/errors.h"

namespace lidarlabel::decode {

static_assert(std::endian::native == std::endian::little, "readers assume a little-endian host");

namespace {
template <class T>
T load(const char* p, bool swap) {
  T v;
  if (!swap) {
    std::memcpy(&v, p, sizeof(T));
  } else {
    char b[sizeof(T)];
    for (std::size_t i = 0; i < sizeof(T); ++i) b[i] = p[sizeof(T) - 1 - i];
    std::memcpy(&v, b, sizeof(T));
  }
  return v;
}

}  // namespace

float toFloat(double v) {
  if (std::isnan(v)) return std::numeric_limits<float>::quiet_NaN();
  if (v > std::numeric_limits<float>::max()) return std::numeric_limits<float>::infinity();
  if (v < -std::numeric_limits<float>::max()) return -std::numeric_limits<float>::infinity();
  return static_cast<float>(v);
}

std::uint16_t toRing(double v) {
  return (v >= 0.0 && v <= 65535.0) ? static_cast<std::uint16_t>(v) : std::uint16_t{0};
}

namespace {

// Fast path for the common float32 column; everything else goes through double.
void decodeFloat(const Column& c, std::size_t n, float* out) {
  if (c.type == Scalar::F32 && !c.bigEndian) {
    if (c.stride == 4) {  // contiguous column (PCD binary_compressed SoA)
      if (n > 0) std::memcpy(out, c.base, n * 4);
      return;
    }
    for (std::size_t i = 0; i < n; ++i) std::memcpy(&out[i], c.base + i * c.stride, 4);
    return;
  }
  for (std::size_t i = 0; i < n; ++i)
    out[i] = toFloat(loadAsDouble(c.base + i * c.stride, c.type, c.bigEndian));
}

void decodeRing(const Column& c, std::size_t n, std::uint16_t* out) {
  if (c.type == Scalar::U16 && !c.bigEndian) {
    for (std::size_t i = 0; i < n; ++i) std::memcpy(&out[i], c.base + i * c.stride, 2);
    return;
  }
  for (std::size_t i = 0; i < n; ++i)
    out[i] = toRing(loadAsDouble(c.base + i * c.stride, c.type, c.bigEndian));
}

std::string lowerCase(std::string_view s) {
  std::string r(s);
  for (char& ch : r) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return r;
}
}  // namespace

void decodeTime(const Column& c, std::size_t n, float* out) {
  double lo = std::numeric_limits<double>::infinity(), maxAbs = 0.0;
  for (std::size_t i = 0; i < n; ++i) {
    const double v = loadAsDouble(c.base + i * c.stride, c.type, c.bigEndian);
    if (!std::isfinite(v)) continue;
    lo = std::min(lo, v);
    maxAbs = std::max(maxAbs, std::abs(v));
  }
  const double offset = maxAbs > 1e5 ? lo : 0.0;
  for (std::size_t i = 0; i < n; ++i)
    out[i] = toFloat(loadAsDouble(c.base + i * c.stride, c.type, c.bigEndian) - offset);
}

std::size_t sizeOf(Scalar s) {
  switch (s) {
    case Scalar::I8:
    case Scalar::U8:
      return 1;
    case Scalar::I16:
    case Scalar::U16:
      return 2;
    case Scalar::I32:
    case Scalar::U32:
    case Scalar::F32:
      return 4;
    case Scalar::I64:
    case Scalar::U64:
    case Scalar::F64:
      return 8;
  }
  return 0;
}

std::optional<Scalar> pcdScalar(char type, std::size_t size) {
  switch (type) {
    case 'F':
      if (size == 4) return Scalar::F32;
      if (size == 8) return Scalar::F64;
      return std::nullopt;
    case 'I':
    case 'U': {
      const bool u = type == 'U';
      if (size == 1) return u ? Scalar::U8 : Scalar::I8;
      if (size == 2) return u ? Scalar::U16 : Scalar::I16;
      if (size == 4) return u ? Scalar::U32 : Scalar::I32;
      if (size == 8) return u ? Scalar::U64 : Scalar::I64;
      return std::nullopt;
    }
    default:
      return std::nullopt;
  }
}

std::optional<Scalar> plyScalar(std::string_view name) {
  static const std::pair<const char*, Scalar> kNames[] = {
      {"char", Scalar::I8},     {"int8", Scalar::I8},     {"uchar", Scalar::U8},
      {"uint8", Scalar::U8},    {"short", Scalar::I16},   {"int16", Scalar::I16},
      {"ushort", Scalar::U16},  {"uint16", Scalar::U16},  {"int", Scalar::I32},
      {"int32", Scalar::I32},   {"uint", Scalar::U32},    {"uint32", Scalar::U32},
      {"float", Scalar::F32},   {"float32", Scalar::F32}, {"double", Scalar::F64},
      {"float64", Scalar::F64},
  };
  for (const auto& [n, s] : kNames)
    if (name == n) return s;
  return std::nullopt;
}

int channelOf(std::string_view fieldName) {
  const std::string n = lowerCase(fieldName);
  if (n == "x") return kX;
  if (n == "y") return kY;
  if (n == "z") return kZ;
  if (n == "intensity" || n == "reflectance" || n == "remission" || n == "scalar_intensity")
    return kIntensity;
  if (n == "ring") return kRing;
  if (n == "time" || n == "t" || n == "timestamp") return kTime;
  return kNone;
}

double loadAsDouble(const char* p, Scalar type, bool bigEndian) {
  switch (type) {
    case Scalar::I8:
      return load<std::int8_t>(p, false);
    case Scalar::U8:
      return load<std::uint8_t>(p, false);
    case Scalar::I16:
      return load<std::int16_t>(p, bigEndian);
    case Scalar::U16:
      return load<std::uint16_t>(p, bigEndian);
    case Scalar::I32:
      return load<std::int32_t>(p, bigEndian);
    case Scalar::U32:
      return load<std::uint32_t>(p, bigEndian);
    case Scalar::I64:
      return static_cast<double>(load<std::int64_t>(p, bigEndian));
    case Scalar::U64:
      return static_cast<double>(load<std::uint64_t>(p, bigEndian));
    case Scalar::F32:
      return load<float>(p, bigEndian);
    case Scalar::F64:
      return load<double>(p, bigEndian);
  }
  return 0.0;
}

PointCloud assemble(std::size_t n, const Column (&columns)[kNumChannels]) {
  PointCloud cloud;
  cloud.resize(n, columns[kRing].present(), columns[kTime].present());
  decodeInto(cloud, n, columns);
  return cloud;
}

void decodeInto(PointCloud& cloud, std::size_t n, const Column (&columns)[kNumChannels]) {
  // Blocks of rows, so that the columns of one block are decoded while its bytes are in cache.
  constexpr std::size_t kBlock = 2048;
  for (std::size_t first = 0; first < n; first += kBlock) {
    const std::size_t m = std::min(kBlock, n - first);
    auto at = [&](const Column& c) {
      return Column{c.base + first * c.stride, c.stride, c.type, c.bigEndian};
    };
    if (columns[kX].present()) decodeFloat(at(columns[kX]), m, cloud.x.data() + first);
    if (columns[kY].present()) decodeFloat(at(columns[kY]), m, cloud.y.data() + first);
    if (columns[kZ].present()) decodeFloat(at(columns[kZ]), m, cloud.z.data() + first);
    if (columns[kIntensity].present())
      decodeFloat(at(columns[kIntensity]), m, cloud.intensity.data() + first);
    if (columns[kRing].present()) decodeRing(at(columns[kRing]), m, cloud.ring.data() + first);
  }
  // Time needs all values first (absolute -> relative rule), so it is decoded in one piece.
  if (columns[kTime].present()) decodeTime(columns[kTime], n, cloud.time.data());
}

void applyNonFinite(PointCloud& cloud, NonFinitePolicy policy, const std::string& file,
                    const std::function<std::string(std::size_t)>& whereOf) {
  if (policy == NonFinitePolicy::Keep) return;
  const std::size_t n = cloud.size();
  bool allFinite = true;  // branch-free pre-check: v - v is 0 unless v is NaN/Inf
  for (std::size_t i = 0; i < n; ++i)
    allFinite &=
        (cloud.x[i] - cloud.x[i]) + (cloud.y[i] - cloud.y[i]) + (cloud.z[i] - cloud.z[i]) == 0.f;
  if (allFinite) return;
  std::size_t out = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const bool finite =
        std::isfinite(cloud.x[i]) && std::isfinite(cloud.y[i]) && std::isfinite(cloud.z[i]);
    if (!finite) {
      if (policy == NonFinitePolicy::Reject) throw NonFinitePointError(file, whereOf(i), i);
      continue;
    }
    if (out != i) {
      cloud.x[out] = cloud.x[i];
      cloud.y[out] = cloud.y[i];
      cloud.z[out] = cloud.z[i];
      cloud.intensity[out] = cloud.intensity[i];
      if (cloud.hasRing()) cloud.ring[out] = cloud.ring[i];
      if (cloud.hasTime()) cloud.time[out] = cloud.time[i];
    }
    ++out;
  }
  if (out != n) cloud.resize(out);
}

bool parseNumber(std::string_view token, double& out) {
  if (token.empty()) return false;
  const char* b = token.data();
  const char* e = b + token.size();
  if (*b == '+') ++b;  // from_chars does not take a leading '+'
  const auto [ptr, ec] = std::from_chars(b, e, out);
  if (ec == std::errc::result_out_of_range) {  // overflow -> +-inf, underflow -> 0 (as strtod)
    out = std::strtod(std::string(token).c_str(), nullptr);
    return ptr == e;
  }
  return ec == std::errc() && ptr == e;
}

std::vector<std::string_view> splitWords(std::string_view line) {
  std::vector<std::string_view> words;
  std::size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
    const std::size_t b = i;
    while (i < line.size() && line[i] != ' ' && line[i] != '\t') ++i;
    if (i > b) words.push_back(line.substr(b, i - b));
  }
  return words;
}

bool storeTextPoint(const double* vals, std::size_t index, NonFinitePolicy policy,
                    PointCloud& cloud, std::vector<double>& times, std::size_t out,
                    const std::string& file, const std::string& where) {
  const bool finite = std::isfinite(vals[kX]) && std::isfinite(vals[kY]) && std::isfinite(vals[kZ]);
  if (!finite && policy == NonFinitePolicy::Reject) throw NonFinitePointError(file, where, index);
  if (!finite && policy == NonFinitePolicy::Drop) return false;
  cloud.x[out] = toFloat(vals[kX]);
  cloud.y[out] = toFloat(vals[kY]);
  cloud.z[out] = toFloat(vals[kZ]);
  cloud.intensity[out] = toFloat(vals[kIntensity]);
  if (cloud.hasRing()) cloud.ring[out] = toRing(vals[kRing]);
  if (cloud.hasTime()) times[out] = vals[kTime];
  return true;
}

}  // namespace lidarlabel::decode
