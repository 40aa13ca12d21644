// PLY writer: ascii and binary of either byte order. Format notes: docs/formats.md "PLY".
#include <cstring>
#include <string>
#include <utility>

#include "lidarlabel/io/atomic_file.h"
#include "lidarlabel/io/ply.h"
#include "text_util.h"

namespace lidarlabel {

namespace {
template <class T>
void appendRaw(std::string& out, T v, bool big) {
  char b[sizeof(T)];
  std::memcpy(b, &v, sizeof(T));
  if (big)
    for (std::size_t i = 0; i < sizeof(T) / 2; ++i) std::swap(b[i], b[sizeof(T) - 1 - i]);
  out.append(b, sizeof(T));
}
}  // namespace

std::string plyToBytes(const PointCloud& cloud, PlyEncoding encoding) {
  const std::size_t n = cloud.size();
  const bool ring = cloud.hasRing(), time = cloud.hasTime();
  static const char* kFormat[] = {"ascii", "binary_little_endian", "binary_big_endian"};
  std::string out = "ply\nformat " + std::string(kFormat[static_cast<int>(encoding)]) + " 1.0\n";
  out += "comment written by lidarlabel (LiDAR frame: x forward, y left, z up, metres)\n";
  out += "element vertex " + std::to_string(n) + "\n";
  out += "property float x\nproperty float y\nproperty float z\nproperty float intensity\n";
  if (ring) out += "property ushort ring\n";
  if (time) out += "property float time\n";
  out += "end_header\n";
  if (encoding == PlyEncoding::Ascii) {
    for (std::size_t i = 0; i < n; ++i) {
      for (const float v : {cloud.x[i], cloud.y[i], cloud.z[i]}) {
        appendShortest(out, v);
        out += ' ';
      }
      appendShortest(out, cloud.intensity[i]);
      if (ring) out += ' ' + std::to_string(cloud.ring[i]);
      if (time) {
        out += ' ';
        appendShortest(out, cloud.time[i]);
      }
      out += '\n';
    }
    return out;
  }
  const bool big = encoding == PlyEncoding::BinaryBigEndian;
  out.reserve(out.size() + n * (16 + (ring ? 2 : 0) + (time ? 4 : 0)));
  for (std::size_t i = 0; i < n; ++i) {
    for (const float v : {cloud.x[i], cloud.y[i], cloud.z[i], cloud.intensity[i]})
      appendRaw(out, v, big);
    if (ring) appendRaw(out, cloud.ring[i], big);
    if (time) appendRaw(out, cloud.time[i], big);
  }
  return out;
}

void writePly(const std::string& path, const PointCloud& cloud, PlyEncoding encoding) {
  writeFileAtomic(path, plyToBytes(cloud, encoding));
}

}  // namespace lidarlabel
