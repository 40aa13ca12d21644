// libFuzzer harness: the per-point label readers -- native sidecar (.llpl), SemanticKITTI .label
// and nuScenes lidarseg .bin -- with and without an expected point count. Only FileError may
// escape.
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_file.h"
#include "lidarlabel/core/errors.h"
#include "lidarlabel/io/native_format.h"
#include "lidarlabel/io/nuscenes_lidarseg.h"
#include "lidarlabel/io/ontology_io.h"
#include "lidarlabel/io/semantic_kitti.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace lidarlabel;
  static const Ontology ontology = defaultOntology();
  const std::string path = fuzz::writeInput("labels", data, size);
  const long long count = size > 0 ? static_cast<long long>(data[0]) : -1;
  for (long long expected : {-1LL, count}) {
    try {
      (void)readPointLabels(path, expected);
    } catch (const FileError&) {
    }
    try {
      (void)readSemanticKittiLabelsMapped(path, ontology, expected);
    } catch (const FileError&) {
    }
    try {
      (void)readNuscenesLidarseg(path, ontology, expected);
    } catch (const FileError&) {
    }
  }
  return 0;
}
