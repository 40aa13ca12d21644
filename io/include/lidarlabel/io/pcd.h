#pragma once
// PCD v0.7 (Point Cloud Library) sweeps: DATA ascii, binary and binary_compressed (LZF).
// Spec: docs/formats.md "PCD".
//
// Reading: any field order; SIZE/TYPE/COUNT per field (I/U 1,2,4,8 bytes, F 4,8 bytes); only the
// first element of a COUNT > 1 field is used; "_" padding fields and unknown fields are skipped;
// x y z required; intensity / ring / time (or t, timestamp) are picked up. Exactly
// POINTS x rowsize bytes are read (PCL pads files to a 4 KiB page). WIDTH * HEIGHT must equal
// POINTS. Any mismatch is a FileError naming the file, the header line or byte offset, and why.
//
// Memory: the file is memory-mapped (page cache, no heap copy) and decoded column by column into
// the PointCloud, so binary and ascii reads hold no extra copy of the sweep; binary_compressed
// holds exactly one: the decompressed buffer (the compressed block stays in the mapped file).
#include <string>
#include <string_view>

#include "lidarlabel/core/point_cloud.h"
#include "lidarlabel/io/sweep_io.h"

namespace lidarlabel {

enum class PcdEncoding { Ascii, Binary, BinaryCompressed };

PointCloud readPcd(const std::string& path, const SweepReadOptions& options = {});
// The same on bytes in memory (tests, fuzzing); fileName is used in errors only.
PointCloud parsePcd(std::string_view bytes, const std::string& fileName,
                    const SweepReadOptions& options = {});

// Fields written: x y z intensity (F4), ring (U2) if present, time (F4) if present; WIDTH = POINTS,
// HEIGHT = 1. Floats in ascii are written in shortest round-trip form.
std::string pcdToBytes(const PointCloud& cloud, PcdEncoding encoding);
void writePcd(const std::string& path, const PointCloud& cloud, PcdEncoding encoding);  // atomic

}  // namespace lidarlabel
