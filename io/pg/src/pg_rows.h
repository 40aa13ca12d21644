#pragma once
// Rows <-> annotation values for the server store: the boxes' typed columns, frames' jsonb
// records, point-label compression. Private to lidarlabel_io_pg.
#include <string>
#include <vector>

#include "lidarlabel/core/annotation.h"
#include "lidarlabel/core/sequence.h"
#include "pg_conn.h"

namespace lidarlabel::pg {

// The box columns after sequence_id / frame_id, in this order (boxParams fills them).
inline constexpr const char* kBoxColumns =
    "track_id, class, cx, cy, cz, length, width, height, yaw, pitch, roll, provenance, review, "
    "confidence, attributes, review_log";
inline constexpr int kBoxColumnCount = 16;

std::vector<Param> boxParams(const ObjectAnnotation& o);
// Appends the box columns as COPY text fields (tab-separated, no line end).
void appendBoxCopy(std::string& out, const ObjectAnnotation& o);
// Reads the box columns starting at column `col`; `where` names the row in errors.
ObjectAnnotation boxFromRow(const Result& r, int row, int col, const std::string& location);

// jsonb text of the native records; "" when the record is empty (stored as NULL).
std::string reviewJson(const ReviewRecord& r);
ReviewRecord reviewFromText(std::string_view json, const std::string& location,
                            const std::string& where);
std::string passthroughJson(const std::map<std::string, std::vector<std::string>>& p);
std::map<std::string, std::vector<std::string>> passthroughFromText(std::string_view json,
                                                                    const std::string& location);
std::string stringMapJson(const std::map<std::string, std::string>& m);
std::map<std::string, std::string> stringMapFromText(std::string_view json,
                                                     const std::string& location);
// float8[] text "{a,b,...}" <-> 12 values of a 3x4 pose.
std::string poseArray(const Eigen::Isometry3d& p);
Eigen::Isometry3d poseFromArray(std::string_view text);
// float8[] text "{a,b,...}" -> its values.
std::vector<double> numbersFromArray(std::string_view text);

// LZF of uint16 semantic[n] then uint16 instance[n] (little-endian).
std::string compressLabels(const PointLabels& labels);
PointLabels decompressLabels(std::string_view data, std::size_t count, const std::string& where);

// "crc32:<hex>:<bytes>" of a file, "" when it cannot be read.
std::string sweepHash(const std::string& path);

}  // namespace lidarlabel::pg
