#pragma once
// Reading and writing single sweeps. Every reader returns points in the file's own sensor frame
// (KITTI/our convention: x forward, y left, z up; nuScenes LIDAR_TOP files keep their own axes,
// the calibrated_sensor rotation is applied by the nuScenes module, not here).
// Bad input throws FileError naming the file, the byte offset (or line) and the reason.
// Memory: no reader holds more than one extra copy of a sweep (KITTI .bin is read in 64 KiB
// chunks; the others are memory-mapped; PCD binary_compressed adds its decompressed buffer).
// Format details and quirks: docs/formats.md.
#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "lidarlabel/core/errors.h"
#include "lidarlabel/core/point_cloud.h"

namespace lidarlabel {

// Points with a NaN/Inf x, y or z: "no return" pixels of organised sweeps (PCL, Ouster and
// other drivers write them as NaN). Points stored as (0, 0, 0) are finite and stay ordinary
// points under every policy (docs/formats.md).
enum class NonFinitePolicy {
  Reject,  // NaN/Inf coordinates are an error naming the point's byte offset / line
  Drop,    // such points are skipped: later points' indices shift down (labels no longer align)
  Keep,    // kept as they are, so point i of the cloud is point i of the file (per-point labels)
};

// The default keeps every point index, as the window and every label import/export need:
// per-point label files have exactly one entry per point of the source sweep. The algorithms
// ignore non-finite points (core/point_cloud.h: isFinitePoint).
struct SweepReadOptions {
  NonFinitePolicy nonFinite = NonFinitePolicy::Keep;
};

// What NonFinitePolicy::Reject throws: the first point (0-based index in the file) with a NaN or
// infinite coordinate; where() is its byte offset or line.
class NonFinitePointError : public FileError {
 public:
  NonFinitePointError(std::string file, std::string where, std::size_t point)
      : FileError(std::move(file), std::move(where),
                  "point " + std::to_string(point) + " has a NaN or infinite coordinate"),
        point_(point) {}
  std::size_t point() const { return point_; }

 private:
  std::size_t point_;
};

// KITTI velodyne .bin: float32 x, y, z, reflectance, little-endian, no header.
PointCloud readKittiBin(const std::string& path, const SweepReadOptions& options = {});
void writeKittiBin(const std::string& path, const PointCloud& cloud);  // atomic

// nuScenes LIDAR_TOP .pcd.bin: float32 x, y, z, intensity, ring, little-endian, no header.
// ring is stored as a float; values that are not integers in 0..65535 are an error.
PointCloud readNuscenesBin(const std::string& path, const SweepReadOptions& options = {});
void writeNuscenesBin(const std::string& path, const PointCloud& cloud);  // atomic; ring 0 if none

// Format id guessed from the file name: "kitti-bin", "nuscenes-bin" (*.pcd.bin), "pcd", "ply";
// "" when unknown.
std::string sweepFormatFromPath(const std::string& path);

// Reads any supported sweep; format "" = guess from the name. Unknown format -> FileError.
// Formats: "kitti-bin", "nuscenes-bin", "pcd" (any encoding), "ply" (any encoding).
PointCloud readSweep(const std::string& path, const std::string& format = "",
                     const SweepReadOptions& options = {});

// Output format ids for writeSweep (also the ids `lidarlabel-cli convert --to` takes).
// "pcd" = "pcd-binary", "ply" = "ply-binary" (little-endian).
const std::vector<std::string>& sweepWriteFormats();
// Writes atomically in the given output format; unknown format -> std::invalid_argument.
void writeSweep(const std::string& path, const PointCloud& cloud, const std::string& format);
// The file extension (with dot) a written format uses: ".bin", ".pcd.bin", ".pcd", ".ply".
std::string sweepExtensionFor(const std::string& format);

// Natural ("human") order: "2.bin" < "10.bin".
bool naturalLess(const std::string& a, const std::string& b);

// Files in folder whose names end with one of the extensions, naturally sorted (full paths).
std::vector<std::string> listFiles(const std::string& folder,
                                   const std::vector<std::string>& extensions);

}  // namespace lidarlabel
