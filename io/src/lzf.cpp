#include "lzf.h"

#include <algorithm>
#include <cstring>
#include <vector>

namespace lidarlabel::lzf {

namespace {
constexpr std::size_t kMaxLiteral = 32;     // control byte 0..31 = 1..32 literals
constexpr std::size_t kMaxOffset = 8192;    // 13-bit offset, stored minus one
constexpr std::size_t kMaxMatch = 264;      // 2 + 7 + 255
constexpr int kHashBits = 14;

std::uint32_t hash3(const std::uint8_t* p) {
  const std::uint32_t v = (std::uint32_t{p[0]} << 16) | (std::uint32_t{p[1]} << 8) | p[2];
  return (v * 2654435761u) >> (32 - kHashBits);
}

void flushLiterals(std::string& out, const std::uint8_t* begin, const std::uint8_t* end) {
  while (begin < end) {
    const std::size_t n = std::min<std::size_t>(kMaxLiteral, static_cast<std::size_t>(end - begin));
    out.push_back(static_cast<char>(n - 1));
    out.append(reinterpret_cast<const char*>(begin), n);
    begin += n;
  }
}
}  // namespace

DecompressResult decompress(const std::uint8_t* in, std::size_t inSize, std::uint8_t* out,
                            std::size_t outCapacity) {
  DecompressResult r;
  std::size_t ip = 0, op = 0;
  auto fail = [&](std::size_t at, const char* why) {
    r.error = why;
    r.errorAt = at;
    r.produced = op;
    return r;
  };
  while (ip < inSize) {
    const std::size_t at = ip;
    const unsigned c = in[ip++];
    if (c < kMaxLiteral) {
      const std::size_t n = c + 1;
      if (n > inSize - ip) return fail(at, "literal run extends past the end of the block");
      if (n > outCapacity - op) return fail(at, "data decompresses to more than the declared size");
      if (inSize - ip >= kMaxLiteral && outCapacity - op >= kMaxLiteral)
        std::memcpy(out + op, in + ip, kMaxLiteral);  // fixed size: inlined; extra bytes are
      else                                             // overwritten by what follows
        std::memcpy(out + op, in + ip, n);
      ip += n;
      op += n;
      continue;
    }
    std::size_t len = c >> 5;
    if (len == 7) {
      if (ip >= inSize) return fail(at, "back-reference length extends past the end of the block");
      len += in[ip++];
    }
    if (ip >= inSize) return fail(at, "back-reference offset extends past the end of the block");
    const std::size_t offset = ((std::size_t{c} & 0x1f) << 8 | in[ip++]) + 1;
    len += 2;
    if (offset > op) return fail(at, "back-reference points before the start of the data");
    if (len > outCapacity - op) return fail(at, "data decompresses to more than the declared size");
    const std::uint8_t* ref = out + op - offset;
    if (offset >= 16 && len <= 16 && outCapacity - op >= 16) {
      std::memcpy(out + op, ref, 16);  // fixed size, see above
    } else if (offset >= len) {
      std::memcpy(out + op, ref, len);
    } else {
      for (std::size_t k = 0; k < len; ++k) out[op + k] = ref[k];  // overlapping run
    }
    op += len;
  }
  r.produced = op;
  return r;
}

std::string compress(const std::uint8_t* in, std::size_t size) {
  std::string out;
  out.reserve(size + size / kMaxLiteral + 16);
  std::vector<std::uint32_t> table(std::size_t{1} << kHashBits, 0);  // position + 1, 0 = empty
  std::size_t ip = 0, lit = 0;
  while (ip + 2 < size) {
    const std::uint32_t h = hash3(in + ip);
    const std::size_t candidate = table[h];
    table[h] = static_cast<std::uint32_t>(ip + 1);
    if (candidate != 0) {
      const std::size_t ref = candidate - 1;
      const std::size_t offset = ip - ref;
      if (offset <= kMaxOffset && std::memcmp(in + ref, in + ip, 3) == 0) {
        const std::size_t maxLen = std::min(kMaxMatch, size - ip);
        std::size_t len = 3;
        while (len < maxLen && in[ref + len] == in[ip + len]) ++len;
        flushLiterals(out, in + lit, in + ip);
        const std::size_t l = len - 2, off = offset - 1;
        if (l < 7) {
          out.push_back(static_cast<char>((l << 5) | (off >> 8)));
        } else {
          out.push_back(static_cast<char>((7u << 5) | (off >> 8)));
          out.push_back(static_cast<char>(l - 7));
        }
        out.push_back(static_cast<char>(off & 0xff));
        ip += len;
        lit = ip;
        continue;
      }
    }
    ++ip;
  }
  flushLiterals(out, in + lit, in + size);
  return out;
}

}  // namespace lidarlabel::lzf
