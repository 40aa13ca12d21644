// libFuzzer harness: nuScenes table import (importNuscenes). The input is split at lines "@@"
// into the tables sensor, calibrated_sensor, ego_pose, sample_data, sample_annotation, instance,
// category, attribute, visibility (missing parts are empty lists), written to a folder per
// process and imported into an empty sequence and into a one-frame sequence. Only FileError may
// escape.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>

#include "lidarlabel/core/errors.h"
#include "lidarlabel/io/nuscenes.h"
#include "lidarlabel/io/ontology_io.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace lidarlabel;
  static const Ontology ontology = defaultOntology();
  static const std::string dir = "/tmp/lidarlabel-fuzz-nuscenes-" + std::to_string(::getpid());
  static const char* const tables[] = {"sensor",      "calibrated_sensor", "ego_pose",
                                       "sample_data", "sample_annotation", "instance",
                                       "category",    "attribute",         "visibility"};
  std::filesystem::create_directories(dir);
  const std::string text(reinterpret_cast<const char*>(data), size);
  std::size_t pos = 0;
  for (const char* t : tables) {
    std::string part = "[]";
    if (pos <= text.size()) {
      const std::size_t end = text.find("\n@@\n", pos);
      part = text.substr(pos, end == std::string::npos ? std::string::npos : end - pos);
      pos = end == std::string::npos ? text.size() + 1 : end + 4;
    }
    std::ofstream(dir + "/" + t + ".json", std::ios::trunc) << part;
  }
  for (int withFrame = 0; withFrame < 2; ++withFrame) {
    Sequence s;
    if (withFrame) {
      s.frames.emplace_back();
      s.frames.back().info.sweepPath = "samples/LIDAR_TOP/a.pcd.bin";
    }
    try {
      (void)importNuscenes(dir, s, ontology);
    } catch (const FileError&) {
    }
  }
  return 0;
}
