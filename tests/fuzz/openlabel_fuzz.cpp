// libFuzzer harness: OpenLABEL 1.0.0 JSON (openLabelFromJson). Only FileError may escape.
#include <cstddef>
#include <cstdint>
#include <string>

#include "lidarlabel/core/errors.h"
#include "lidarlabel/io/openlabel.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  try {
    (void)lidarlabel::openLabelFromJson(text, "fuzz.openlabel.json");
  } catch (const lidarlabel::FileError&) {
  }
  return 0;
}
