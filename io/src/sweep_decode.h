#pragma once
// Shared pieces of the PCD and PLY readers/writers: scalar types, strided column decoding into
// PointCloud channels, and the NaN/Inf policy. Private to io/.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "lidarlabel/core/point_cloud.h"
#include "lidarlabel/io/sweep_io.h"

namespace lidarlabel::decode {

enum class Scalar { I8, U8, I16, U16, I32, U32, I64, U64, F32, F64 };
std::size_t sizeOf(Scalar s);
// PCD TYPE letter + SIZE (e.g. 'F', 4); nullopt for combinations PCD does not define.
std::optional<Scalar> pcdScalar(char type, std::size_t size);
// PLY type name, both spellings ("float" / "float32", "uchar" / "uint8", ...).
std::optional<Scalar> plyScalar(std::string_view name);

// Which PointCloud channel a field name feeds.
enum Channel { kX, kY, kZ, kIntensity, kRing, kTime, kNumChannels, kNone = -1 };
// x y z; intensity (also "reflectance", "remission", "scalar_intensity"); ring; time (also "t",
// "timestamp"). Case-insensitive. kNone for anything else.
int channelOf(std::string_view fieldName);

// One source column: element k's value is at base + k * stride, of type `type`.
struct Column {
  const char* base = nullptr;
  std::size_t stride = 0;
  Scalar type = Scalar::F32;
  bool bigEndian = false;
  bool present() const { return base != nullptr; }
};

// Reads one value of any scalar type as double (host little-endian assumed, swaps if asked).
double loadAsDouble(const char* p, Scalar type, bool bigEndian);

// Builds a cloud of n points from the columns (indexed by Channel; x, y, z must be present).
// Intensity defaults to 0 when absent; ring/time channels exist only when their column does.
// Ring values outside 0..65535 become 0. Time: if any |t| > 1e5 s the values are absolute
// (e.g. Unix seconds) and are stored relative to the smallest one.
PointCloud assemble(std::size_t n, const Column (&columns)[kNumChannels]);

// The decoding step of assemble() for a cloud already sized to n points with the ring/time channels
// it needs: decodes every present column into its channel, absent ones are left as they are.
void decodeInto(PointCloud& cloud, std::size_t n, const Column (&columns)[kNumChannels]);

// double -> float without undefined behaviour: out of range -> +-inf, NaN stays NaN.
float toFloat(double v);
// double -> ring index: values outside 0..65535 (or NaN) -> 0.
std::uint16_t toRing(double v);

// Decodes a time column with the rule of assemble() (absolute times made relative).
void decodeTime(const Column& column, std::size_t n, float* out);

// Applies the NaN/Inf policy to x, y, z: Reject throws NonFinitePointError(file, whereOf(i), i) for
// the first bad point i; Drop removes such points from every channel; Keep leaves them.
void applyNonFinite(PointCloud& cloud, NonFinitePolicy policy, const std::string& file,
                    const std::function<std::string(std::size_t)>& whereOf);

// Parses a decimal number token (also "nan", "inf"); false if it is not one.
bool parseNumber(std::string_view token, double& out);

// Stores one point parsed from text (vals indexed by Channel) as point `out` of cloud (time, if
// the cloud has it, into times[out]). Returns false, storing nothing, for a NaN/Inf coordinate
// under NonFinitePolicy::Drop; throws NonFinitePointError(file, where, index) under
// Reject; stores it unchanged under Keep.
bool storeTextPoint(const double* vals, std::size_t index, NonFinitePolicy policy,
                    PointCloud& cloud, std::vector<double>& times, std::size_t out,
                    const std::string& file, const std::string& where);

// Whitespace-separated words of a header line (spaces and tabs; empty words dropped).
std::vector<std::string_view> splitWords(std::string_view line);

}  // namespace lidarlabel::decode
