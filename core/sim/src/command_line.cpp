// The simulator's scene of a run and the command line that regenerates it (pure; no io).
#include <charconv>
#include <string>

#include "lidarlabel/sim/simulate.h"

namespace lidarlabel::sim {

namespace {
// Shortest decimal that reads back to the same double (locale-independent).
std::string num(double v) {
  char buf[64];
  const auto r = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, r.ptr);
}
}  // namespace

Scene makeScene(const SimulationConfig& config) {
  SceneConfig scene = config.scene;
  scene.duration = config.frames / config.sensor.rateHz;
  return makeScene(scene, config.seed);
}

std::string simulateCommandLine(const SimulationConfig& c) {
  const SimulationConfig d;
  std::string s = "lidarlabel-cli simulate --out DIR --frames " + std::to_string(c.frames) +
                  " --seed " + std::to_string(c.seed);
  auto opt = [&](const char* name, double v, double def) {
    if (v != def) s += std::string(" --") + name + " " + num(v);
  };
  opt("beams", c.sensor.beams, d.sensor.beams);
  opt("azimuth-steps", c.sensor.azimuthSteps, d.sensor.azimuthSteps);
  opt("fov-up", c.sensor.fovUpDeg, d.sensor.fovUpDeg);
  opt("fov-down", c.sensor.fovDownDeg, d.sensor.fovDownDeg);
  opt("min-range", c.sensor.minRange, d.sensor.minRange);
  opt("max-range", c.sensor.maxRange, d.sensor.maxRange);
  opt("range-noise", c.sensor.rangeNoiseStd, d.sensor.rangeNoiseStd);
  opt("dropout", c.sensor.dropoutProb, d.sensor.dropoutProb);
  opt("objects", c.scene.objects, d.scene.objects);
  opt("ego-speed", c.scene.egoSpeed, d.scene.egoSpeed);
  if (c.scene.clutter.enabled) s += " --clutter";
  if (c.semanticKittiFiles) s += " --semantic-kitti";
  return s;
}

}  // namespace lidarlabel::sim
