#pragma once
// Reading and writing single sweeps. Every reader returns points in the file's own sensor frame
// (KITTI/our convention: x forward, y left, z up; nuScenes LIDAR_TOP files keep their own axes,
// the calibrated_sensor rotation is applied by the nuScenes module, not here).
// Bad input throws FileError naming the file, the byte offset (or line) and the reason.
#include <string>
#include <vector>

#include "lidarlabel/core/point_cloud.h"

namespace lidarlabel {

enum class NonFinitePolicy {
  Reject,  // NaN/Inf coordinates are an error naming the point's byte offset / line
  Drop,    // such points are skipped (e.g. organised clouds with "no return" as NaN)
};

struct SweepReadOptions {
  NonFinitePolicy nonFinite = NonFinitePolicy::Reject;
};

// KITTI velodyne .bin: float32 x, y, z, reflectance, little-endian, no header.
PointCloud readKittiBin(const std::string& path, const SweepReadOptions& options = {});
void writeKittiBin(const std::string& path, const PointCloud& cloud);  // atomic

// Format id guessed from the file name: "kitti-bin", "nuscenes-bin" (*.pcd.bin), "pcd", "ply";
// "" when unknown.
std::string sweepFormatFromPath(const std::string& path);

// Reads any supported sweep; format "" = guess from the name. Unknown format -> FileError.
PointCloud readSweep(const std::string& path, const std::string& format = "",
                     const SweepReadOptions& options = {});

// Natural ("human") order: "2.bin" < "10.bin".
bool naturalLess(const std::string& a, const std::string& b);

// Files in folder whose names end with one of the extensions, naturally sorted (full paths).
std::vector<std::string> listFiles(const std::string& folder,
                                   const std::vector<std::string>& extensions);

}  // namespace lidarlabel
