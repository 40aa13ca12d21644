// libFuzzer harness: PCD header + body (all three encodings). Only FileError may escape parsePcd.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "lidarlabel/core/errors.h"
#include "lidarlabel/io/pcd.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  for (const auto policy : {lidarlabel::NonFinitePolicy::Keep, lidarlabel::NonFinitePolicy::Drop}) {
    try {
      const lidarlabel::PointCloud c = lidarlabel::parsePcd(bytes, "fuzz.pcd", {policy});
      if (!c.consistent()) __builtin_trap();
    } catch (const lidarlabel::FileError&) {
    }
  }
  return 0;
}
