#include "eval_ground_data.h"

#include <filesystem>
#include <fstream>
#include <stdexcept>

#include "lidarlabel/io/pcd.h"
#ifdef LIDARLABEL_HAVE_SIM
#include "lidarlabel/sim/simulate.h"
#endif

namespace lidarlabel::eval {

std::uint16_t rellisToSemanticKitti(std::uint32_t id) {
  switch (id) {
    case 1:       // dirt
    case 3:       // grass
    case 33:      // mud
      return 72;  // terrain
    case 10:      // asphalt
      return 40;  // road
    case 23:      // concrete
    case 31:      // puddle
      return 49;  // other-ground
    case 19:      // bush
      return 70;  // vegetation (excluded)
    case 4:       // tree
      return 71;  // trunk
    case 5:       // pole
      return 80;
    case 8:  // vehicle
      return 10;
    case 12:  // building
      return 50;
    case 17:  // person
      return 30;
    case 18:  // fence
      return 51;
    case 6:       // water
    case 9:       // object
    case 15:      // log
    case 27:      // barrier
    case 34:      // rubble
      return 99;  // other-object
    default:      // 0 void, 7 sky, unknown ids
      return 0;
  }
}

std::string rellisMappingText() {
  return "RELLIS-3D classes: ground = dirt, grass, mud, asphalt, concrete, puddle; non-ground = "
         "tree (whole trees, trunk included), pole, vehicle, building, person, fence, water, "
         "object, log, barrier, rubble; excluded = void, sky and bush (bush like SemanticKITTI "
         "vegetation)";
}

std::vector<EvalFrame> rellisFrames() {
  const std::string pcd = sampleData("rellis3d/000104.pcd");
  const std::string label = sampleData("rellis3d/000104.label");
  if (!std::filesystem::exists(label)) return {};
  EvalFrame f;
  f.source = "RELLIS-3D 000104 (Ouster OS1-64)";
  f.cloud = readPcd(pcd);
  // The label file follows the source .bin: record c * 64 + r is beam r of column c; the PCD is
  // row-major (point r * 2048 + c), see sample_data/README.md.
  constexpr std::size_t kWidth = 2048, kHeight = 64;
  if (f.cloud.size() != kWidth * kHeight)
    throw std::runtime_error(pcd + ": expected 2048 x 64 points");
  std::ifstream in(label, std::ios::binary);
  std::vector<std::uint32_t> raw(kWidth * kHeight);
  in.read(reinterpret_cast<char*>(raw.data()),
          static_cast<std::streamsize>(raw.size() * sizeof(std::uint32_t)));
  if (in.gcount() != static_cast<std::streamsize>(raw.size() * sizeof(std::uint32_t)) ||
      in.peek() != std::char_traits<char>::eof())
    throw std::runtime_error(label + ": expected 131072 uint32 labels");
  f.labels.resize(f.cloud.size());
  for (std::size_t r = 0; r < kHeight; ++r)
    for (std::size_t c = 0; c < kWidth; ++c)
      f.labels.semantic[r * kWidth + c] = rellisToSemanticKitti(raw[c * kHeight + r] & 0xFFFF);
  return {std::move(f)};
}

std::vector<SyntheticSensor> groundSensors() {
  return {{"64 beams, 1.20 m", 64, 2.0, -24.9, 1.2},
          {"64 beams, 1.73 m", 64, 2.0, -24.9, 1.73},
          {"64 beams, 2.50 m", 64, 2.0, -24.9, 2.5},
          {"32 beams, 1.73 m", 32, 10.67, -30.67, 1.73},
          {"128 beams, 1.73 m", 128, 15.0, -25.0, 1.73}};
}

std::vector<EvalFrame> syntheticGroundFrames(const SyntheticSensor& sensor, std::uint64_t seed,
                                             int frames, int stride) {
  std::vector<EvalFrame> out;
#ifdef LIDARLABEL_HAVE_SIM
  sim::SimulationConfig config;
  config.seed = seed;
  config.frames = frames * stride;
  config.sensor.beams = sensor.beams;
  config.sensor.fovUpDeg = sensor.fovUpDeg;
  config.sensor.fovDownDeg = sensor.fovDownDeg;
  config.sensor.mountHeight = sensor.mountHeight;
  const sim::Scene scene = sim::makeScene(config);
  for (int i = 0; i < frames; ++i) {
    sim::SimFrame sf = sim::simulateFrame(scene, config.sensor, i * stride);
    EvalFrame f;
    f.source = "synthetic " + sensor.name + ", seed " + std::to_string(seed) + " frame " +
               std::to_string(i * stride);
    f.cloud = std::move(sf.cloud);
    f.labels = std::move(sf.labels);
    out.push_back(std::move(f));
  }
#else
  (void)sensor;
  (void)seed;
  (void)frames;
  (void)stride;
#endif
  return out;
}

}  // namespace lidarlabel::eval
