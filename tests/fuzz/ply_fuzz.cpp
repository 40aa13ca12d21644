// libFuzzer harness: PLY header + body. Only FileError may escape parsePly.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "lidarlabel/core/errors.h"
#include "lidarlabel/io/ply.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  try {
    const lidarlabel::PointCloud c =
        lidarlabel::parsePly(bytes, "fuzz.ply", {lidarlabel::NonFinitePolicy::Drop});
    if (!c.consistent()) __builtin_trap();
  } catch (const lidarlabel::FileError&) {
  }
  return 0;
}
