// Label-check speed (core/checks.h) on a 1,000-frame sequence with 50 boxes per frame (50 cars
// in dense traffic, some overlapping; identity ego poses, 10 Hz).
//  - BM_CheckBoxesAndTracks: every box-only check (box and track families) on the whole
//    sequence, what `lidarlabel-cli check --no-points` runs. Target: seconds, not minutes.
//  - BM_OverlapIndexed vs BM_OverlapAllPairs (baseline, same process): the overlap check with
//    sweep and prune along x vs testing all n(n-1)/2 pairs per frame. The ratio is printed.
//  - BM_WindowSnapshot: what the window's CheckRunner does on the UI thread before each run
//    (a copy of the sequence for the worker thread); the checks themselves run on the worker.
//    Printed beside BM_CheckBoxesAndTracks: the UI-thread share of a check run after an edit.
#include <benchmark/benchmark.h>

#include "bench_support.h"

#include <cstdio>
#include <map>

#include "lidarlabel/core/checks.h"
#include "lidarlabel/io/ontology_io.h"

namespace {
using namespace lidarlabel;

Sequence traffic(std::size_t frames, std::size_t boxes) {
  Sequence s;
  for (std::size_t f = 0; f < frames; ++f) {
    Frame fr;
    fr.info.timestampUs = static_cast<std::int64_t>(f) * 100'000 + 1;
    fr.info.egoPose = Eigen::Isometry3d::Identity();
    for (std::size_t k = 0; k < boxes; ++k) {
      ObjectAnnotation o;
      o.trackId = static_cast<std::uint32_t>(k + 1);
      o.className = k % 5 == 4 ? "pedestrian" : "car";
      const double lane = static_cast<double>(k % 10) * 3.5 - 17.5;
      const double speed = 5.0 + static_cast<double>(k % 7);
      o.box.center = {
          static_cast<double>(k / 10) * 9.0 - 20 + speed * 0.1 * static_cast<double>(f % 200), lane,
          -0.9};
      o.box.size = k % 5 == 4 ? Eigen::Vector3d(0.7, 0.7, 1.75) : Eigen::Vector3d(4.5, 1.9, 1.6);
      fr.objects.push_back(o);
    }
    s.frames.push_back(std::move(fr));
  }
  return s;
}

const Sequence& sequence() {
  static const Sequence s = traffic(1000, 50);
  return s;
}

void BM_CheckBoxesAndTracks(benchmark::State& state) {
  CheckConfig c;
  std::size_t findings = 0;
  for (auto _ : state) {
    const auto f = runChecks(sequence(), defaultOntology(), {}, c);
    findings = f.size();
    benchmark::DoNotOptimize(f.data());
  }
  state.counters["findings"] = static_cast<double>(findings);
  state.SetItemsProcessed(state.iterations() * 1000);  // frames
}
BENCHMARK(BM_CheckBoxesAndTracks)->Unit(benchmark::kMillisecond);

void overlapAll(benchmark::State& state, bool indexed) {
  CheckConfig c;
  c.overlapIndex = indexed;
  for (const char* id : {"unknown-class", "not-a-thing-class", "invalid-box", "missing-attribute",
                         "invalid-attribute-value", "size-prior", "duplicate-track-id"})
    c.skip.push_back(id);
  std::size_t findings = 0;
  for (auto _ : state) {
    findings = 0;
    for (std::size_t f = 0; f < sequence().size(); ++f)
      findings += checkFrameBoxes(sequence().frames[f], f, defaultOntology(), c).size();
  }
  state.counters["overlaps"] = static_cast<double>(findings);
  state.SetItemsProcessed(state.iterations() * 1000);
}
void BM_OverlapIndexed(benchmark::State& state) {
  overlapAll(state, true);
}
void BM_OverlapAllPairs(benchmark::State& state) {
  overlapAll(state, false);
}
BENCHMARK(BM_OverlapIndexed)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_OverlapAllPairs)->Unit(benchmark::kMillisecond);

void BM_WindowSnapshot(benchmark::State& state) {
  for (auto _ : state) {
    Sequence copy = sequence();  // CheckRunner::run(): run->sequence = doc_.sequence()
    benchmark::DoNotOptimize(copy.frames.data());
  }
  state.SetItemsProcessed(state.iterations() * 1000);
}
BENCHMARK(BM_WindowSnapshot)->Unit(benchmark::kMillisecond);

using bench::RatioReporter;

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  RatioReporter reporter;
  benchmark::RunSpecifiedBenchmarks(&reporter);
  const double all = reporter.cpuMs("BM_CheckBoxesAndTracks");
  const double indexed = reporter.cpuMs("BM_OverlapIndexed");
  const double pairs = reporter.cpuMs("BM_OverlapAllPairs");
  std::printf("\n=== checks_bench summary (1,000 frames x 50 boxes, CPU time) ===\n");
  if (all > 0) std::printf("box + track checks: %.0f ms for the sequence\n", all);
  const double snapshot = reporter.cpuMs("BM_WindowSnapshot");
  if (all > 0 && snapshot > 0)
    std::printf(
        "window after an edit: %.1f ms snapshot on the UI thread, %.0f ms of checks on "
        "the worker (%.0fx less on the UI thread than checking there)\n",
        snapshot, all, all / snapshot);
  if (indexed > 0 && pairs > 0)
    std::printf("overlap check: indexed %.0f ms vs all pairs %.0f ms -> %.2fx\n", indexed, pairs,
                pairs / indexed);
  benchmark::Shutdown();
  return 0;
}
