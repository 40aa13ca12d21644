#pragma once
// Reading and writing single sweeps. Every reader returns points in the file's own sensor frame
// (KITTI/our convention: x forward, y left, z up; nuScenes LIDAR_TOP files keep their own axes,
// the calibrated_sensor rotation is applied by the nuScenes module, not here).
// Bad input throws FileError naming the file, the byte offset (or line) and the reason.
// Memory: no reader holds more than one extra copy of a sweep (KITTI .bin is read in 64 KiB
// chunks; the others are memory-mapped; PCD binary_compressed adds its decompressed buffer).
// Format details and quirks: docs/formats.md.
#include <string>
#include <vector>

#include "lidarlabel/core/point_cloud.h"

namespace lidarlabel {

enum class NonFinitePolicy {
  Reject,  // NaN/Inf coordinates are an error naming the point's byte offset / line
  Drop,    // such points are skipped (e.g. organised clouds with "no return" as NaN)
  Keep,    // kept as they are, so point i of the cloud is point i of the file (per-point labels)
};

struct SweepReadOptions {
  NonFinitePolicy nonFinite = NonFinitePolicy::Reject;
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
