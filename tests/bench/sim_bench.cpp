// Speed of the LiDAR simulator: one sweep of a 64 x 1800 sensor (115,200 rays, ~110k points)
// and of a 128 x 9000 sensor (1.15M rays, 1M+ points), against the baseline of the same ray
// caster without the bird's-eye culling grid (every solid tested for every ray). Single thread.
// Prints the baseline / grid time ratio at the end.
// Run: sim_bench --benchmark_repetitions=3 --benchmark_report_aggregates_only=true
#include <benchmark/benchmark.h>

#include <cstdio>
#include <map>
#include <string>

#include "bench_support.h"
#include "lidarlabel/sim/simulate.h"

namespace {
using namespace lidarlabel::sim;

SimulationConfig configFor(int beams, int azimuthSteps, bool bruteForce) {
  SimulationConfig c;
  c.frames = 10;
  c.sensor.beams = beams;
  c.sensor.azimuthSteps = azimuthSteps;
  c.sensor.bruteForce = bruteForce;
  return c;
}

void simulate(benchmark::State& state, bool bruteForce) {
  const SimulationConfig c =
      configFor(static_cast<int>(state.range(0)), static_cast<int>(state.range(1)), bruteForce);
  const Scene scene = makeScene(c);
  int frame = 0;
  std::size_t points = 0;
  for (auto _ : state) {
    SimFrame f = simulateFrame(scene, c.sensor, frame);
    frame = (frame + 1) % c.frames;
    points = f.cloud.size();
    benchmark::DoNotOptimize(f.cloud.x.data());
  }
  state.counters["points"] = static_cast<double>(points);
  state.counters["rays"] = static_cast<double>(state.range(0) * state.range(1));
}

void BM_SimulateFrame(benchmark::State& state) {
  simulate(state, false);
  if (state.range(0) == 64 && state.range(1) == 1800)
    state.SetLabel("baseline: BM_SimulateFrameNoGridBaseline/64/1800");
}
void BM_SimulateFrameNoGridBaseline(benchmark::State& state) {
  simulate(state, true);
}

void BM_MakeScene(benchmark::State& state) {
  const SimulationConfig c = configFor(64, 1800, false);
  for (auto _ : state) {
    Scene s = makeScene(c);
    benchmark::DoNotOptimize(s.objects.data());
  }
}

BENCHMARK(BM_SimulateFrame)->Args({64, 1800})->Args({128, 9000})->Unit(benchmark::kMillisecond);
BENCHMARK(BM_SimulateFrameNoGridBaseline)->Args({64, 1800})->Unit(benchmark::kMillisecond);
BENCHMARK(BM_MakeScene)->Unit(benchmark::kMillisecond);

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  lidarlabel::bench::RatioReporter reporter;
  benchmark::RunSpecifiedBenchmarks(&reporter);
  // CPU time, not wall time: the machine is shared.
  const double grid = reporter.cpuMs("BM_SimulateFrame/64/1800");
  const double base = reporter.cpuMs("BM_SimulateFrameNoGridBaseline/64/1800");
  if (grid > 0 && base > 0)
    std::printf(
        "64x1800 frame, CPU time: %.1f ms with the culling grid, %.1f ms without: %.1fx faster\n",
        grid, base, base / grid);
  benchmark::Shutdown();
  return 0;
}
