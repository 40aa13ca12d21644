#include "lzf.h"

#include <algorithm>
#include <cstring>
#include <vector>

namespace lidarlabel::lzf {

namespace {
constexpr std::size_t kMaxLiteral = 32;   // control byte 0..31 = 1..32 literals
constexpr std::size_t kMaxOffset = 8192;  // 13-bit offset, stored minus one
constexpr std::size_t kMaxMatch = 264;    // 2 + 7 + 255
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
      else                                            // overwritten by what follows
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

DecompressResult decompress(const std::uint8_t* in, std::size_t inSize, const Segment* segs,
                            std::size_t nsegs) {
  DecompressResult r;
  std::size_t total = 0;
  for (std::size_t i = 0; i < nsegs; ++i) total += segs[i].size;
  // op: position in the virtual output; segment s holds [base, base + segs[s].size).
  std::size_t ip = 0, op = 0, s = 0, base = 0;
  auto settle = [&] {  // moves s to the segment holding op (s == nsegs once op == total)
    while (s < nsegs && op - base >= segs[s].size) base += segs[s++].size;
  };
  // Byte at virtual position v < op (slow path, only near segment boundaries).
  auto at = [&](std::size_t v) -> std::uint8_t& {
    std::size_t k = s, b = base;
    if (k == nsegs || v < b) {
      while (true) {
        --k;
        b -= segs[k].size;
        if (v >= b) break;
      }
    }
    return segs[k].data[v - b];
  };
  auto fail = [&](std::size_t where, const char* why) {
    r.error = why;
    r.errorAt = where;
    r.produced = op;
    return r;
  };
  settle();
  // Fast path: while the input has a whole token plus a 32-byte literal and the current segment
  // has room for the longest match plus a 16-byte overshoot, no bound can be exceeded, so tokens
  // are copied in fixed-size chunks without checks. A back-reference reaching before the current
  // segment (or before the data) leaves it to the checked code below.
  constexpr std::size_t kFastIn = 40, kFastOut = kMaxMatch + 32;
  while (ip < inSize) {
    if (s < nsegs && inSize - ip >= kFastIn && segs[s].size - (op - base) >= kFastOut) {
      std::uint8_t* const seg = segs[s].data;
      const std::size_t segSize = segs[s].size;
      std::size_t local = op - base;
      do {
        // Short literals and short near-ish matches (most tokens) share one branch-free copy.
        const unsigned c = in[ip];
        const bool lit = c < kMaxLiteral;
        const std::size_t code = c >> 5;  // 0 for a literal
        const std::size_t off = ((std::size_t{c} & 0x1f) << 8 | in[ip + 1]) + 1;
        if (lit || (code != 7 && off >= 16 && off <= local)) {
          const std::uint8_t* const src = lit ? in + ip + 1 : seg + (local - off);
          const std::size_t n = lit ? c + 1 : code + 2;
          std::uint8_t chunk[16];
          std::memcpy(chunk, src, 16);  // match: off >= 16 > n, reads written bytes only
          std::memcpy(seg + local, chunk, 16);
          if (n > 16) std::memcpy(seg + local + 16, src + 16, 16);  // literals only
          ip += lit ? c + 2 : 2;
          local += n;
          continue;
        }
        std::size_t len = c >> 5, p = ip + 1;
        if (len == 7) len += in[p++];
        const std::size_t offset = ((std::size_t{c} & 0x1f) << 8 | in[p]) + 1;
        if (offset > local) break;
        len += 2;
        std::uint8_t* const dst = seg + local;
        const std::uint8_t* const ref = dst - offset;
        // Each chunk reads only bytes already written (offset >= chunk size); the overshoot past
        // len stays inside the segment and is overwritten by what follows.
        if (offset >= 16) {
          for (std::size_t k = 0; k < len; k += 16) std::memcpy(dst + k, ref + k, 16);
        } else if (offset >= 8) {
          for (std::size_t k = 0; k < len; k += 8) std::memcpy(dst + k, ref + k, 8);
        } else {
          for (std::size_t k = 0; k < len; ++k) dst[k] = ref[k];
        }
        ip = p + 1;
        local += len;
      } while (inSize - ip >= kFastIn && segSize - local >= kFastOut);
      op = base + local;  // still inside segment s (room was >= kFastOut before the last token)
      if (ip >= inSize) break;
    }
    const std::size_t where = ip;
    const unsigned c = in[ip++];
    if (c < kMaxLiteral) {
      const std::size_t n = c + 1;
      if (n > inSize - ip) return fail(where, "literal run extends past the end of the block");
      if (n > total - op) return fail(where, "data decompresses to more than the declared size");
      const std::size_t local = op - base,
                        room = segs[s].size - local;  // s < nsegs: n <= total - op
      std::uint8_t* const dst = segs[s].data + local;
      if (inSize - ip >= kMaxLiteral && room >= kMaxLiteral) {
        std::memcpy(dst, in + ip, kMaxLiteral);  // fixed size: inlined; extra bytes are
        op += n;                                 // overwritten by what follows
        ip += n;
        if (n == room) settle();
        continue;
      }
      if (n <= room) {
        std::memcpy(dst, in + ip, n);
        op += n;
        ip += n;
        if (n == room) settle();
        continue;
      }
      for (std::size_t k = 0; k < n; ++k) {  // crosses into the next segment(s)
        segs[s].data[op - base] = in[ip + k];
        ++op;
        settle();
      }
      ip += n;
      continue;
    }
    std::size_t len = c >> 5;
    if (len == 7) {
      if (ip >= inSize)
        return fail(where, "back-reference length extends past the end of the block");
      len += in[ip++];
    }
    if (ip >= inSize) return fail(where, "back-reference offset extends past the end of the block");
    const std::size_t offset = ((std::size_t{c} & 0x1f) << 8 | in[ip++]) + 1;
    len += 2;
    if (offset > op) return fail(where, "back-reference points before the start of the data");
    if (len > total - op) return fail(where, "data decompresses to more than the declared size");
    const std::size_t local = op - base, room = segs[s].size - local;
    if (offset <= local && len <= room) {  // source and destination in the current segment
      std::uint8_t* const dst = segs[s].data + local;
      const std::uint8_t* const ref = dst - offset;
      if (offset >= 16 && len <= 16 && room >= 16) {
        std::memcpy(dst, ref, 16);  // fixed size, see above
      } else if (offset >= len) {
        std::memcpy(dst, ref, len);
      } else if (offset >= 8) {
        for (std::size_t k = 0; k < len; k += 8) {  // chunks never read unwritten bytes
          if (len - k >= 8)
            std::memcpy(dst + k, ref + k, 8);
          else
            for (std::size_t j = k; j < len; ++j) dst[j] = ref[j];
        }
      } else {
        for (std::size_t k = 0; k < len; ++k) dst[k] = ref[k];  // overlapping run
      }
      op += len;
      if (len == room) settle();
      continue;
    }
    for (std::size_t k = 0; k < len; ++k) {  // source or destination spans segments
      const std::uint8_t v = at(op - offset);
      segs[s].data[op - base] = v;
      ++op;
      settle();
    }
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
