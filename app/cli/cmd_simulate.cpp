// lidarlabel-cli simulate: writes a synthetic LiDAR sequence with exact ground truth.
#include <cmath>
#include <cstdio>

#include "cli.h"
#include "lidarlabel/sim/write.h"

namespace lidarlabel::cli {

namespace {

std::uint64_t parseSeed(const Args& args) {
  const auto v = args.value("seed");
  if (!v) return 1;
  try {
    std::size_t used = 0;
    if (v->empty() || (*v)[0] == '-') throw std::invalid_argument("sign");
    const unsigned long long s = std::stoull(*v, &used);
    if (used != v->size()) throw std::invalid_argument("trailing");
    return s;
  } catch (const std::exception&) {
    throw UsageError("--seed expects an integer in 0..18446744073709551615, got '" + *v + "'");
  }
}

int toInt(long long v, const char* name) {
  if (v < -2147483647 || v > 2147483647)
    throw UsageError(std::string("--") + name + " is out of range");
  return static_cast<int>(v);
}

sim::SimulationConfig configFrom(const Args& args) {
  sim::SimulationConfig c;
  c.frames = toInt(args.intOr("frames", c.frames), "frames");
  c.seed = parseSeed(args);
  c.sensor.beams = toInt(args.intOr("beams", c.sensor.beams), "beams");
  c.sensor.azimuthSteps =
      toInt(args.intOr("azimuth-steps", c.sensor.azimuthSteps), "azimuth-steps");
  if (args.value("points-per-frame")) {
    if (args.value("azimuth-steps"))
      throw UsageError("give --points-per-frame or --azimuth-steps, not both");
    const long long rays = args.intOr("points-per-frame", 0);
    if (rays < 1 || c.sensor.beams < 1) throw UsageError("--points-per-frame must be >= 1");
    c.sensor.azimuthSteps = toInt((rays + c.sensor.beams - 1) / c.sensor.beams, "points-per-frame");
  }
  c.sensor.fovUpDeg = args.doubleOr("fov-up", c.sensor.fovUpDeg);
  c.sensor.fovDownDeg = args.doubleOr("fov-down", c.sensor.fovDownDeg);
  c.sensor.minRange = args.doubleOr("min-range", c.sensor.minRange);
  c.sensor.maxRange = args.doubleOr("max-range", c.sensor.maxRange);
  c.sensor.rangeNoiseStd = args.doubleOr("range-noise", c.sensor.rangeNoiseStd);
  c.sensor.dropoutProb = args.doubleOr("dropout", c.sensor.dropoutProb);
  c.scene.objects = toInt(args.intOr("objects", c.scene.objects), "objects");
  c.scene.egoSpeed = args.doubleOr("ego-speed", c.scene.egoSpeed);
  c.semanticKittiFiles = args.flag("semantic-kitti");
  c.scene.clutter.enabled = args.flag("clutter");
  const std::string bad = sim::validate(c);
  if (!bad.empty()) throw UsageError(bad);
  return c;
}

int runSimulate(const std::vector<std::string>& argv) {
  const Args args(
      argv,
      {"out", "frames", "seed", "beams", "azimuth-steps", "points-per-frame", "fov-up", "fov-down",
       "min-range", "max-range", "range-noise", "dropout", "objects", "ego-speed"},
      {"semantic-kitti", "clutter"});
  if (!args.positional().empty())
    throw UsageError("unexpected argument '" + args.positional()[0] + "'");
  const auto out = args.value("out");
  if (!out || out->empty()) throw UsageError("--out DIR is required");
  const sim::SimulationConfig config = configFrom(args);
  Progress progress("simulate", static_cast<std::size_t>(config.frames));
  const sim::SimulationSummary s = sim::writeSimulatedSequence(
      config, *out, [&](int done, int) { progress.update(static_cast<std::size_t>(done)); });
  progress.finish();
  std::printf("wrote %s: %d frames, %zu points, %zu boxes, %zu tracks\n", out->c_str(), s.frames,
              s.points, s.boxes, s.tracks);
  return 0;
}

}  // namespace

Command simulateCommand() {
  return {
      "simulate", "write a synthetic LiDAR sequence with exact ground truth (deterministic)",
      "usage: lidarlabel-cli simulate --out DIR [--frames N=40] [--seed S=1] [--beams B=64]\n"
      "         [--azimuth-steps N=1800 | --points-per-frame RAYS] [--fov-up DEG=2]\n"
      "         [--fov-down DEG=-24.9] [--min-range M=1] [--max-range M=120]\n"
      "         [--range-noise M=0.02] [--dropout P=0.01] [--objects N=60] [--ego-speed MPS=8]\n"
      "         [--clutter] [--semantic-kitti]\n"
      "Same options and seed -> byte-identical folder on any machine. DIR is replaced\n"
      "atomically; an existing DIR must be empty or an earlier simulator output.\n"
      "See docs/simulator.md.",
      runSimulate};
}

}  // namespace lidarlabel::cli
