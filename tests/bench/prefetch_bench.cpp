// Time to show the next frame with and without background prefetch (issue 12, items 7 and 9).
//
// A 24-frame sequence of the KITTI sample sweep (120k points), one real copy per frame, so each
// frame is its own file. Before a run every file is dropped from the page cache
// (posix_fadvise DONTNEED), so every sweep comes from the disk once, as when an annotator opens a
// recorded drive. Each benchmark iteration is one step forward as the window does it: the time
// measured (manual time) is from the step to the frame being ready to draw: its sweep, its ground
// removal (hide ground, one-click fits) and its colours. Then the annotator looks at the frame for
// `dwell` ms (not measured); with prefetch on, the document's policy runs meanwhile: the next and
// previous sweeps are read and ground-segmented on the cache's worker thread. Both variants run in
// this process; the summary prints the ratio.
// Run (from the build dir): tests/bench/prefetch_bench
#include <benchmark/benchmark.h>

#include <fcntl.h>
#include <unistd.h>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <map>
#include <thread>

#include "bench_support.h"
#include "lidarlabel/core/colormap.h"
#include "lidarlabel/core/frame_cache.h"
#include "lidarlabel/core/ground.h"
#include "lidarlabel/io/sweep_io.h"

namespace {
using namespace lidarlabel;
namespace fs = std::filesystem;

const std::string kKittiSweep =
    std::string(LIDARLABEL_SAMPLE_DATA) + "/kitti_object/training/velodyne/000000.bin";
constexpr int kFrames = 24;

struct SweepFolder {
  fs::path dir = fs::temp_directory_path() / ("prefetch_bench_" + std::to_string(getpid()));
  SweepFolder() {
    fs::create_directories(dir);
    for (int i = 0; i < kFrames; ++i) fs::copy_file(kKittiSweep, path(i));
  }
  ~SweepFolder() { fs::remove_all(dir); }
  fs::path path(std::size_t i) const { return dir / (std::to_string(i) + ".bin"); }
  // Drops every sweep from the page cache: the next read of each comes from the disk.
  void evict() const {
    for (int i = 0; i < kFrames; ++i) {
      const int fd = ::open(path(i).c_str(), O_RDONLY);
      if (fd < 0) continue;
      ::fdatasync(fd);
      ::posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED);
      ::close(fd);
    }
  }
};

const SweepFolder& folder() {
  static const SweepFolder f;
  return f;
}

// range(0): 1 = prefetch on (the document's default), 0 = off. range(1): dwell per frame, ms.
void BM_ShowNextFrame(benchmark::State& state) {
  const bool prefetch = state.range(0) != 0;
  const auto dwell = std::chrono::milliseconds(state.range(1));
  const SweepFolder& sweeps = folder();
  sweeps.evict();
  FrameCache cache([&](std::size_t f) { return readKittiBin(sweeps.path(f).string()); }, 8,
                   [](const PointCloud& c) { return removeGround(c); });
  std::size_t frame = 0;
  (void)cache.ground(0);  // the first frame is shown before stepping starts
  if (prefetch) cache.prefetch({1});
  std::size_t points = 0;
  for (auto _ : state) {
    std::this_thread::sleep_for(dwell);  // the annotator looks at the frame
    ++frame;
    const auto start = std::chrono::steady_clock::now();
    const auto cloud = cache.get(frame);
    const auto ground = cache.ground(frame);
    const std::vector<std::uint8_t> rgb = colorize(*cloud, ColorMode::Height);
    benchmark::DoNotOptimize(rgb.data());
    benchmark::DoNotOptimize(ground.get());
    state.SetIterationTime(
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    if (prefetch) cache.prefetch({frame + 1, frame - 1});  // Document::prefetchAround
    points = cloud->size();
  }
  cache.waitIdle();
  const FrameCacheStats s = cache.stats();
  state.counters["points"] = static_cast<double>(points);
  state.counters["read_by_worker"] = static_cast<double>(s.prefetched);
  state.counters["waited_for_worker"] = static_cast<double>(s.waits);
}

BENCHMARK(BM_ShowNextFrame)
    ->ArgNames({"prefetch", "dwell_ms"})
    ->Args({0, 100})
    ->Args({1, 100})
    ->Iterations(kFrames - 2)
    ->UseManualTime()
    ->Unit(benchmark::kMillisecond);

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  lidarlabel::bench::RatioReporter reporter;
  benchmark::RunSpecifiedBenchmarks(&reporter);
  const std::string suffix =
      "/dwell_ms:100/iterations:" + std::to_string(kFrames - 2) + "/manual_time";
  const double off = reporter.realMs("BM_ShowNextFrame/prefetch:0" + suffix);
  const double on = reporter.realMs("BM_ShowNextFrame/prefetch:1" + suffix);
  if (off > 0 && on > 0)
    std::printf(
        "\n=== prefetch_bench summary ===\n"
        "next frame ready to draw (120k-point sweep from disk + ground + colours), 100 ms "
        "dwell:\n  without prefetch %.2f ms, with prefetch %.2f ms -> %.1fx faster\n",
        off, on, off / on);
  benchmark::Shutdown();
  return 0;
}
