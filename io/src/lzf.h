#pragma once
// LZF (Marc Lehmann's liblzf format), as used by PCD "binary_compressed". Private to io/.
//
// Stream = sequence of chunks, each starting with a control byte c:
//  c < 32          : literal run, the next c + 1 bytes are copied as they are;
//  c >= 32         : back-reference, len = c >> 5 (if 7, one more byte is added to it),
//                    offset = ((c & 0x1f) << 8 | next byte) + 1 bytes back in the output,
//                    len + 2 bytes are copied (the source may overlap the destination).
#include <cstddef>
#include <cstdint>
#include <string>

namespace lidarlabel::lzf {

struct DecompressResult {
  std::size_t produced = 0;  // bytes written to out
  std::string error;         // empty on success
  std::size_t errorAt = 0;   // offset in the compressed input where decoding failed
};

// Decompresses in[0, inSize) into out[0, outCapacity). Never reads or writes out of bounds; a
// corrupt stream gives error != "" (it does not check that produced == outCapacity).
DecompressResult decompress(const std::uint8_t* in, std::size_t inSize, std::uint8_t* out,
                            std::size_t outCapacity);

// The same, but the output is the concatenation of segs[0..nsegs) (e.g. the columns of a point
// cloud, so the data is unpacked where it ends up). Results, errors and errorAt are exactly those
// of decompress() into one buffer of the summed size; back-references may cross segments.
struct Segment {
  std::uint8_t* data = nullptr;
  std::size_t size = 0;
};
DecompressResult decompress(const std::uint8_t* in, std::size_t inSize, const Segment* segs,
                            std::size_t nsegs);

// Compresses in[0, size); the result decompresses to exactly the input. Worst case grows the data
// by one byte per 32 (literal runs).
std::string compress(const std::uint8_t* in, std::size_t size);

}  // namespace lidarlabel::lzf
