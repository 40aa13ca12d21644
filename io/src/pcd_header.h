// PCD v0.7 header: the fields and their layouts (internal to io; pcd.cpp reads the data).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "sweep_decode.h"

namespace lidarlabel::pcd_detail {

struct PcdField {
  std::string name;
  std::size_t size = 0, count = 1;
  char type = 0;
  decode::Scalar scalar = decode::Scalar::F32;
  std::size_t rowOffset = 0;  // byte offset in a binary (AoS) row
  std::size_t soaOffset = 0;  // bytes per point of the SoA columns before this one ("_" excluded)
};

struct PcdHeader {
  std::vector<PcdField> fields;
  std::size_t width = 0, height = 0, points = 0;
  std::string data;
  std::size_t rowSize = 0;     // AoS bytes per point, "_" included
  std::size_t soaRowSize = 0;  // SoA bytes per point, "_" excluded
  std::size_t dataOffset = 0;  // first byte after the DATA line
  std::size_t lines = 0;       // header lines, so data line k is line lines + k
};

// Parses the header at the start of `bytes`; throws a FormatError naming `file` and the line.
PcdHeader parsePcdHeader(std::string_view bytes, const std::string& file);

}  // namespace lidarlabel::pcd_detail
