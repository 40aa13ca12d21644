#pragma once
// CRC-32 (IEEE 802.3, reflected, as zlib's crc32). Private to io/.
#include <cstddef>
#include <cstdint>

namespace lidarlabel {
std::uint32_t crc32(const void* data, std::size_t size, std::uint32_t crc = 0);
}
