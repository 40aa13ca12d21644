#pragma once
// Internal helpers shared by sequence_open.cpp and sequence_labels.cpp.
#include <cstddef>
#include <string>

namespace lidarlabel {

// Index of a sweep in its KITTI sequence (poses, times, label_02 frame): the file number when
// the stem is all digits (000042.bin -> 42), else `fallback`.
std::size_t kittiFileNumber(const std::string& sweep, std::size_t fallback);

}  // namespace lidarlabel
