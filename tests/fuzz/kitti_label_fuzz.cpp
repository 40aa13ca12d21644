// libFuzzer harness: KITTI object label_2 and tracking label_02 text. Only FileError may escape.
#include <cstddef>
#include <cstdint>
#include <string>

#include "lidarlabel/core/errors.h"
#include "lidarlabel/io/kitti_label.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  try {
    (void)lidarlabel::parseKittiObjectLabels(text, "fuzz.txt");
  } catch (const lidarlabel::FileError&) {
  }
  try {
    (void)lidarlabel::parseKittiTrackingLabels(text, "fuzz.txt");
  } catch (const lidarlabel::FileError&) {
  }
  return 0;
}
