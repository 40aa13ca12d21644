#include "lidarlabel/io/sweep_io.h"

#include <algorithm>
#include <cctype>
#include <filesystem>

#include <stdexcept>

#include "lidarlabel/core/errors.h"
#include "lidarlabel/io/pcd.h"
#include "lidarlabel/io/ply.h"

namespace lidarlabel {

namespace {
bool endsWith(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}
std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}
}  // namespace

std::string sweepFormatFromPath(const std::string& path) {
  const std::string p = lower(path);
  if (endsWith(p, ".pcd.bin")) return "nuscenes-bin";
  if (endsWith(p, ".bin")) return "kitti-bin";
  if (endsWith(p, ".pcd")) return "pcd";
  if (endsWith(p, ".ply")) return "ply";
  return "";
}

PointCloud readSweep(const std::string& path, const std::string& format,
                     const SweepReadOptions& options) {
  const std::string f = format.empty() ? sweepFormatFromPath(path) : format;
  if (f == "kitti-bin") return readKittiBin(path, options);
  if (f == "nuscenes-bin") return readNuscenesBin(path, options);
  if (f == "pcd") return readPcd(path, options);
  if (f == "ply") return readPly(path, options);
  throw FileError(
      path, "", "unsupported sweep format '" + f + "' (known: kitti-bin, nuscenes-bin, pcd, ply)");
}

const std::vector<std::string>& sweepWriteFormats() {
  static const std::vector<std::string> all = {
      "kitti-bin",  "nuscenes-bin",          "pcd", "pcd-ascii",
      "pcd-binary", "pcd-binary-compressed", "ply", "ply-ascii",
      "ply-binary", "ply-binary-be"};
  return all;
}

void writeSweep(const std::string& path, const PointCloud& cloud, const std::string& format) {
  if (format == "kitti-bin") return writeKittiBin(path, cloud);
  if (format == "nuscenes-bin") return writeNuscenesBin(path, cloud);
  if (format == "pcd" || format == "pcd-binary") return writePcd(path, cloud, PcdEncoding::Binary);
  if (format == "pcd-ascii") return writePcd(path, cloud, PcdEncoding::Ascii);
  if (format == "pcd-binary-compressed")
    return writePcd(path, cloud, PcdEncoding::BinaryCompressed);
  if (format == "ply" || format == "ply-binary")
    return writePly(path, cloud, PlyEncoding::BinaryLittleEndian);
  if (format == "ply-ascii") return writePly(path, cloud, PlyEncoding::Ascii);
  if (format == "ply-binary-be") return writePly(path, cloud, PlyEncoding::BinaryBigEndian);
  throw std::invalid_argument("unknown sweep output format '" + format + "'");
}

std::string sweepExtensionFor(const std::string& format) {
  if (format == "kitti-bin") return ".bin";
  if (format == "nuscenes-bin") return ".pcd.bin";
  if (format.rfind("pcd", 0) == 0) return ".pcd";
  if (format.rfind("ply", 0) == 0) return ".ply";
  throw std::invalid_argument("unknown sweep output format '" + format + "'");
}

bool naturalLess(const std::string& a, const std::string& b) {
  std::size_t i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    if (std::isdigit(static_cast<unsigned char>(a[i])) &&
        std::isdigit(static_cast<unsigned char>(b[j]))) {
      std::size_t i2 = i, j2 = j;
      while (i2 < a.size() && std::isdigit(static_cast<unsigned char>(a[i2]))) ++i2;
      while (j2 < b.size() && std::isdigit(static_cast<unsigned char>(b[j2]))) ++j2;
      std::string na = a.substr(i, i2 - i), nb = b.substr(j, j2 - j);
      na.erase(0, std::min(na.find_first_not_of('0'), na.size()));
      nb.erase(0, std::min(nb.find_first_not_of('0'), nb.size()));
      if (na.size() != nb.size()) return na.size() < nb.size();
      if (na != nb) return na < nb;
      i = i2;
      j = j2;
    } else {
      if (a[i] != b[j]) return a[i] < b[j];
      ++i;
      ++j;
    }
  }
  return a.size() - i < b.size() - j;
}

std::vector<std::string> listFiles(const std::string& folder,
                                   const std::vector<std::string>& extensions) {
  std::vector<std::string> out;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(folder, ec)) {
    if (!entry.is_regular_file()) continue;
    const std::string name = entry.path().filename().string();
    for (const std::string& ext : extensions) {
      if (endsWith(lower(name), lower(ext))) {
        out.push_back(entry.path().string());
        break;
      }
    }
  }
  if (ec) throw FileError(folder, "", "cannot list folder: " + ec.message());
  std::sort(out.begin(), out.end(), naturalLess);
  return out;
}

}  // namespace lidarlabel
