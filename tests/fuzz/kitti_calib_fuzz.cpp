// libFuzzer harness: KITTI calib text (object and tracking key styles). Only FileError may escape.
#include <cstddef>
#include <cstdint>
#include <string>

#include "lidarlabel/core/errors.h"
#include "lidarlabel/io/kitti_calib.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  try {
    (void)lidarlabel::parseKittiCalib(text, "fuzz.txt");
  } catch (const lidarlabel::FileError&) {
  }
  return 0;
}
