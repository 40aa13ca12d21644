// Speed of the LiDAR simulator: one sweep of a 64 x 1800 sensor (115,200 rays, ~110k points)
// and of a 128 x 9000 sensor (1.15M rays, 1M+ points), against the baseline of the same ray
// caster without the bird's-eye culling grid (every solid tested for every ray). Single thread.
// Prints the baseline / grid time ratio at the end.
// Run: sim_bench --benchmark_repetitions=3 --benchmark_report_aggregates_only=true
#include <benchmark/benchmark.h>

#include <cstdio>
#include <map>
#include <string>

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

// Console output plus the CPU time per iteration of each benchmark (the mean over repetitions
// when they are aggregated), for the ratio line. CPU time, not wall time: the machine is shared.
class RatioReporter : public benchmark::ConsoleReporter {
 public:
  std::map<std::string, double> seconds;
  void ReportRuns(const std::vector<Run>& runs) override {
    ConsoleReporter::ReportRuns(runs);
    for (const Run& r : runs) {
      const bool mean = r.run_type == Run::RT_Aggregate && r.aggregate_name == "mean";
      if ((r.run_type == Run::RT_Iteration || mean) && r.iterations > 0)
        seconds[r.run_name.str()] = r.cpu_accumulated_time / static_cast<double>(r.iterations);
    }
  }
};
}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  RatioReporter reporter;
  benchmark::RunSpecifiedBenchmarks(&reporter);
  const auto grid = reporter.seconds.find("BM_SimulateFrame/64/1800");
  const auto base = reporter.seconds.find("BM_SimulateFrameNoGridBaseline/64/1800");
  if (grid != reporter.seconds.end() && base != reporter.seconds.end())
    std::printf(
        "64x1800 frame, CPU time: %.1f ms with the culling grid, %.1f ms without: %.1fx faster\n",
        grid->second * 1e3, base->second * 1e3, base->second / grid->second);
  benchmark::Shutdown();
  return 0;
}
