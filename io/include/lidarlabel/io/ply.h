#pragma once
// PLY (Stanford polygon format) sweeps: ascii, binary_little_endian and binary_big_endian.
// Spec: docs/formats.md "PLY".
//
// Reading: the "vertex" element gives the points (x y z required; intensity / ring / time picked
// up like PCD fields); property types in both spellings (uchar / uint8, float / float32, ...);
// unknown properties are skipped; other elements before "vertex" are skipped using their declared
// types (list properties walked), elements after it are ignored (PCL writes "face" and "camera").
// Truncated data, bad headers and NaN/Inf coordinates are FileErrors with line or byte offset.
// Memory: memory-mapped and decoded column by column; no extra heap copy of the sweep.
#include <string>
#include <string_view>

#include "lidarlabel/core/point_cloud.h"
#include "lidarlabel/io/sweep_io.h"

namespace lidarlabel {

enum class PlyEncoding { Ascii, BinaryLittleEndian, BinaryBigEndian };

PointCloud readPly(const std::string& path, const SweepReadOptions& options = {});
// The same on bytes in memory (tests, fuzzing); fileName is used in errors only.
PointCloud parsePly(std::string_view bytes, const std::string& fileName,
                    const SweepReadOptions& options = {});

// One "vertex" element: float x y z intensity, ushort ring if present, float time if present.
std::string plyToBytes(const PointCloud& cloud, PlyEncoding encoding);
void writePly(const std::string& path, const PointCloud& cloud, PlyEncoding encoding);  // atomic

}  // namespace lidarlabel
