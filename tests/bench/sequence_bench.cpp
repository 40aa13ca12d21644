// Opening large sequences: the native document of a 10,000-frame sequence (metadata + boxes,
// no sweeps loaded) must open in about a second. Baseline: reading the same file's bytes.
#include <benchmark/benchmark.h>

#include <filesystem>

#include "lidarlabel/io/atomic_file.h"
#include "lidarlabel/io/native_format.h"

namespace {
using namespace lidarlabel;

std::string makeDocument(int frames, int boxesPerFrame) {
  const std::string path =
      (std::filesystem::temp_directory_path() / ("lidarlabel_bench_" + std::to_string(frames) +
                                                 "x" + std::to_string(boxesPerFrame) + ".json"))
          .string();
  if (std::filesystem::exists(path)) return path;
  Sequence s;
  s.name = "bench";
  s.sweepFormat = "kitti-bin";
  s.frames.resize(static_cast<std::size_t>(frames));
  for (int f = 0; f < frames; ++f) {
    Frame& fr = s.frames[static_cast<std::size_t>(f)];
    fr.info.sweepPath = "velodyne/" + std::to_string(f) + ".bin";
    fr.info.timestampUs = 100000LL * f;
    fr.info.egoPose = Eigen::Isometry3d::Identity();
    for (int b = 0; b < boxesPerFrame; ++b) {
      ObjectAnnotation o;
      o.trackId = static_cast<std::uint32_t>(b);
      o.className = "car";
      o.box.center = {0.1 * f + b, 2.0 * b, -0.9};
      o.box.size = {4.5, 1.9, 1.6};
      o.box.yaw = 0.01 * f;
      o.provenance = Provenance::Tracked;
      fr.objects.push_back(o);
    }
  }
  saveNativeSequence(s, path);
  return path;
}

void BM_OpenNativeSequence(benchmark::State& state) {
  const std::string path =
      makeDocument(static_cast<int>(state.range(0)), static_cast<int>(state.range(1)));
  for (auto _ : state) {
    Sequence s = loadNativeSequence(path);
    benchmark::DoNotOptimize(s.frames.data());
  }
  state.counters["MB"] = static_cast<double>(std::filesystem::file_size(path)) / 1e6;
  if (state.range(1) == 10) state.SetLabel("baseline: BM_ReadFileBytesBaseline/10000/10");
}

void BM_ReadFileBytesBaseline(benchmark::State& state) {
  const std::string path =
      makeDocument(static_cast<int>(state.range(0)), static_cast<int>(state.range(1)));
  for (auto _ : state) {
    std::string bytes = readFile(path);
    benchmark::DoNotOptimize(bytes.data());
  }
}

BENCHMARK(BM_OpenNativeSequence)
    ->Args({10000, 0})
    ->Args({10000, 10})
    ->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ReadFileBytesBaseline)->Args({10000, 10})->Unit(benchmark::kMillisecond);
}  // namespace

BENCHMARK_MAIN();
