// libFuzzer harness: the native JSON document. Only FileError may escape nativeSequenceFromJson.
#include <cstddef>
#include <cstdint>
#include <string>

#include "lidarlabel/core/errors.h"
#include "lidarlabel/io/native_format.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  try {
    const lidarlabel::Sequence s = lidarlabel::nativeSequenceFromJson(text, "fuzz.json");
    (void)lidarlabel::nativeSequenceToJson(s);
  } catch (const lidarlabel::FileError&) {
  }
  return 0;
}
