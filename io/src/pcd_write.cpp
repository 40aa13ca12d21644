// PCD v0.7 writer: ascii, binary and binary_compressed (PCL's layout). Format notes:
// docs/formats.md "PCD".
#include <cstdint>
#include <string>

#include "lidarlabel/io/atomic_file.h"
#include "lidarlabel/io/pcd.h"
#include "lzf.h"
#include "text_util.h"

namespace lidarlabel {

namespace {
template <class T>
void appendRaw(std::string& out, T v) {
  out.append(reinterpret_cast<const char*>(&v), sizeof v);
}
}  // namespace

std::string pcdToBytes(const PointCloud& cloud, PcdEncoding encoding) {
  const std::size_t n = cloud.size();
  const bool ring = cloud.hasRing(), time = cloud.hasTime();
  std::string out = "# .PCD v0.7 - Point Cloud Data file format\nVERSION 0.7\n";
  out +=
      std::string("FIELDS x y z intensity") + (ring ? " ring" : "") + (time ? " time" : "") + "\n";
  out += std::string("SIZE 4 4 4 4") + (ring ? " 2" : "") + (time ? " 4" : "") + "\n";
  out += std::string("TYPE F F F F") + (ring ? " U" : "") + (time ? " F" : "") + "\n";
  out += std::string("COUNT 1 1 1 1") + (ring ? " 1" : "") + (time ? " 1" : "") + "\n";
  out += "WIDTH " + std::to_string(n) + "\nHEIGHT 1\nVIEWPOINT 0 0 0 1 0 0 0\n";
  out += "POINTS " + std::to_string(n) + "\n";
  if (encoding == PcdEncoding::Ascii) {
    out += "DATA ascii\n";
    for (std::size_t i = 0; i < n; ++i) {
      for (const float v : {cloud.x[i], cloud.y[i], cloud.z[i], cloud.intensity[i]}) {
        appendShortest(out, v);
        out += ' ';
      }
      if (ring) out += std::to_string(cloud.ring[i]) + ' ';
      if (time) appendShortest(out, cloud.time[i]);
      if (out.back() == ' ')
        out.back() = '\n';
      else
        out += '\n';
    }
    return out;
  }
  if (encoding == PcdEncoding::Binary) {
    out += "DATA binary\n";
    out.reserve(out.size() + n * (16 + (ring ? 2 : 0) + (time ? 4 : 0)));
    for (std::size_t i = 0; i < n; ++i) {
      for (const float v : {cloud.x[i], cloud.y[i], cloud.z[i], cloud.intensity[i]})
        appendRaw(out, v);
      if (ring) appendRaw(out, cloud.ring[i]);
      if (time) appendRaw(out, cloud.time[i]);
    }
    return out;
  }
  out += "DATA binary_compressed\n";
  std::string soa;  // all x, then all y, ... (PCL's SoA order = FIELDS order)
  soa.reserve(n * (16 + (ring ? 2 : 0) + (time ? 4 : 0)));
  for (const auto* ch : {&cloud.x, &cloud.y, &cloud.z, &cloud.intensity})
    soa.append(reinterpret_cast<const char*>(ch->data()), n * sizeof(float));
  if (ring) soa.append(reinterpret_cast<const char*>(cloud.ring.data()), n * 2);
  if (time) soa.append(reinterpret_cast<const char*>(cloud.time.data()), n * 4);
  const std::string packed =
      lzf::compress(reinterpret_cast<const std::uint8_t*>(soa.data()), soa.size());
  appendRaw(out, static_cast<std::uint32_t>(packed.size()));
  appendRaw(out, static_cast<std::uint32_t>(soa.size()));
  out += packed;
  return out;
}

void writePcd(const std::string& path, const PointCloud& cloud, PcdEncoding encoding) {
  writeFileAtomic(path, pcdToBytes(cloud, encoding));
}

}  // namespace lidarlabel
