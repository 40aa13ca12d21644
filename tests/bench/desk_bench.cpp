// The annotator's desk (issue 8, item 9): CPU cost from an edit to an updated scene, recolouring,
// time to the first render of a real frame, and memory while stepping through a long sequence.
// Baselines run in the same process and the ratios are printed at the end. Needs an X display
// with GL for the draws (run under xvfb-run; Mesa llvmpipe draws in software, so draw times are a
// floor, not GPU figures). Run (from the build dir):
//   xvfb-run -a -s "-screen 0 1280x1024x24" tests/bench/desk_bench
#include <benchmark/benchmark.h>

#include "bench_support.h"

#include <unistd.h>
#include <QApplication>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>

#include "lidarlabel/core/colormap.h"
#include "lidarlabel/core/frame_cache.h"
#include "lidarlabel/core/ground.h"
#include "lidarlabel/io/sweep_io.h"
#include "lidarlabel/render/scene_view.h"

namespace {
using namespace lidarlabel;
namespace fs = std::filesystem;

const std::string kKittiSweep =
    std::string(LIDARLABEL_SAMPLE_DATA) + "/kitti_object/training/velodyne/000000.bin";

bool haveDisplay() {
  return !qEnvironmentVariableIsEmpty("DISPLAY");
}

std::vector<CuboidItem> boxGrid(int n) {
  std::vector<CuboidItem> items;
  for (int k = 0; k < n; ++k)
    items.push_back({Cuboid{Eigen::Vector3d(-60 + 3.0 * (k % 40), -60 + 3.0 * (k / 40), -0.8),
                            Eigen::Vector3d(2.5, 1.5, 1.5), 0.1 * k, 0, 0},
                     Rgb{245, 150, 100}, false});
  return items;
}

// A shown view of the boxes, drawn once. Small (drawing is not what is measured).
struct BoxView {
  SceneView view;
  std::vector<CuboidItem> items;
  explicit BoxView(int n) : items(boxGrid(n)) {
    view.resize(320, 240);
    view.setCuboids(items);
    view.resetCamera(CameraPreset::BirdsEye);
    if (haveDisplay()) {
      view.show();
      (void)view.grabFramebuffer();
    }
  }
  // Moves box k a little (a drag step).
  CuboidItem moved(int k, bool flip) {
    CuboidItem it = items[k];
    it.box.center.x() += flip ? 0.1 : 0.0;
    return it;
  }
};

// One box among n changed: the keyed call (CPU, no draw).
void BM_SetCuboidOneAmongN(benchmark::State& state) {
  const int n = static_cast<int>(state.range(0));
  BoxView v(n);
  bool flip = false;
  for (auto _ : state) v.view.setCuboid(n / 2, v.moved(n / 2, flip = !flip));
}

// Baseline: the same edit as a full rebuild of every box.
void BM_SetCuboidsRebuildN(benchmark::State& state) {
  const int n = static_cast<int>(state.range(0));
  BoxView v(n);
  bool flip = false;
  for (auto _ : state) {
    v.items[n / 2] = v.moved(n / 2, flip = !flip);
    v.view.setCuboids(v.items);
  }
}

// Edit -> updated scene on screen: the keyed call plus the draw that uploads it (VTK re-fills
// only the edited box's chunk), against the same draw with nothing changed.
void editAndDraw(benchmark::State& state, int mode) {  // 0: unchanged, 1: setCuboid, 2: rebuild
  if (!haveDisplay()) return state.SkipWithError("needs an X display (run under xvfb-run)");
  const int n = static_cast<int>(state.range(0));
  BoxView v(n);
  bool flip = false;
  for (auto _ : state) {
    flip = !flip;
    if (mode == 1) v.view.setCuboid(n / 2, v.moved(n / 2, flip));
    if (mode == 2) {
      v.items[n / 2] = v.moved(n / 2, flip);
      v.view.setCuboids(v.items);
    }
    if (mode == 0) v.view.update();
    benchmark::DoNotOptimize(v.view.grabFramebuffer().constBits());
  }
}
void BM_DrawUnchangedN(benchmark::State& s) {
  editAndDraw(s, 0);
}
void BM_SetCuboidAndDrawN(benchmark::State& s) {
  editAndDraw(s, 1);
}
void BM_SetCuboidsRebuildAndDrawN(benchmark::State& s) {
  editAndDraw(s, 2);
}

PointCloud sampleCloud(std::size_t n) {
  return bench::repeatedSweep(kKittiSweep, n);
}

// Recolouring (e.g. height -> intensity): colorize + setColors into the existing arrays.
void BM_RecolourColorizeAndSetColors(benchmark::State& state) {
  const PointCloud c = sampleCloud(static_cast<std::size_t>(state.range(0)));
  SceneView view;
  view.setCloud(c, colorize(c, ColorMode::Height));
  bool flip = false;
  for (auto _ : state)
    view.setColors(colorize(c, (flip = !flip) ? ColorMode::Intensity : ColorMode::Height));
  state.SetItemsProcessed(state.iterations() * state.range(0));
}

// Baseline: recolouring by re-sending the whole cloud.
void BM_RecolourBySetCloudBaseline(benchmark::State& state) {
  const PointCloud c = sampleCloud(static_cast<std::size_t>(state.range(0)));
  SceneView view;
  bool flip = false;
  for (auto _ : state)
    view.setCloud(c, colorize(c, (flip = !flip) ? ColorMode::Intensity : ColorMode::Height));
  state.SetItemsProcessed(state.iterations() * state.range(0));
}

// Opening a real 120k-point KITTI frame to its first render in a 1280x720 view: read, colour,
// upload, draw (a new view each time, so the GL buffers are created as on opening).
void BM_OpenKittiFrameToFirstRender(benchmark::State& state) {
  if (!haveDisplay()) return state.SkipWithError("needs an X display (run under xvfb-run)");
  for (auto _ : state) {
    SceneView view;
    view.resize(1280, 720);
    view.show();
    const PointCloud c = readKittiBin(kKittiSweep);
    view.setCloud(c, colorize(c, ColorMode::Height));
    view.resetCamera(CameraPreset::Chase);
    benchmark::DoNotOptimize(view.grabFramebuffer().constBits());
  }
}

// Baseline part: only reading the file.
void BM_ReadKittiFrameOnly(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(readKittiBin(kKittiSweep).size());
}

double residentMiB() {
  std::ifstream statm("/proc/self/statm");
  long pages = 0, resident = 0;
  statm >> pages >> resident;
  return static_cast<double>(resident) * static_cast<double>(sysconf(_SC_PAGESIZE)) / (1 << 20);
}

// A 1,000-frame sequence (the KITTI sweep hard-linked 1,000 times), stepped through as the
// window does: sweeps from a FrameCache of 8 (the document's default, DocumentConfig) that keeps
// each sweep's ground removal and prefetches the next and previous sweeps (and their ground) on
// its worker thread, coloured and shown in a view; RSS after 10, 100 and 1,000 frames.
void BM_SteppingThrough1000FramesRss(benchmark::State& state) {
  const fs::path dir = fs::temp_directory_path() / ("desk_bench_seq_" + std::to_string(getpid()));
  fs::create_directories(dir / "velodyne");
  for (int i = 0; i < 1000; ++i) {
    char name[32];
    std::snprintf(name, sizeof name, "%06d.bin", i);
    std::error_code ec;
    fs::create_hard_link(kKittiSweep, dir / "velodyne" / name, ec);
    if (ec) fs::copy_file(kKittiSweep, dir / "velodyne" / name);
  }
  const std::size_t frames = 1000;
  for (auto _ : state) {
    FrameCache cache(
        [&](std::size_t f) {
          char name[32];
          std::snprintf(name, sizeof name, "%06zu.bin", f);
          return readKittiBin((dir / "velodyne" / name).string());
        },
        8, [](const PointCloud& c) { return removeGround(c); });
    SceneView view;
    view.resize(640, 480);
    if (haveDisplay()) view.show();
    std::map<int, double> rss;
    for (std::size_t f = 0; f < frames; ++f) {
      const auto cloud = cache.get(f);
      view.setCloud(cloud, colorize(*cloud, ColorMode::Height));  // shared, as the window does
      cache.prefetch({f + 1, f > 0 ? f - 1 : 0});                 // Document::prefetchAround
      if (haveDisplay() && f % 100 == 0) (void)view.grabFramebuffer();  // some real draws
      if (f + 1 == 10 || f + 1 == 100 || f + 1 == 1000)
        rss[static_cast<int>(f + 1)] = residentMiB();
    }
    state.counters["rss_MiB_after_10"] = rss[10];
    state.counters["rss_MiB_after_100"] = rss[100];
    state.counters["rss_MiB_after_1000"] = rss[1000];
    state.counters["cached_frames"] = static_cast<double>(cache.loadedCount());
  }
  fs::remove_all(dir);
}

BENCHMARK(BM_SetCuboidOneAmongN)->Arg(20)->Arg(200)->Arg(2000)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_SetCuboidsRebuildN)->Arg(20)->Arg(200)->Arg(2000)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_DrawUnchangedN)->Arg(20)->Arg(200)->Arg(2000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_SetCuboidAndDrawN)->Arg(20)->Arg(200)->Arg(2000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_SetCuboidsRebuildAndDrawN)
    ->Arg(20)
    ->Arg(200)
    ->Arg(2000)
    ->Unit(benchmark::kMillisecond);
BENCHMARK(BM_RecolourColorizeAndSetColors)
    ->Arg(120000)
    ->Arg(1000000)
    ->Unit(benchmark::kMillisecond);
BENCHMARK(BM_RecolourBySetCloudBaseline)->Arg(120000)->Arg(1000000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_OpenKittiFrameToFirstRender)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ReadKittiFrameOnly)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_SteppingThrough1000FramesRss)->Iterations(1)->Unit(benchmark::kSecond);

using bench::RatioReporter;

double ratio(double a, double b) {
  return b > 0 ? a / b : 0.0;
}

void printRatios(const RatioReporter& r) {
  std::printf("\n=== desk_bench summary (CPU time per operation) ===\n");
  for (const char* n : {"20", "200", "2000"}) {
    const std::string k = n;
    const double one = r.cpuMs("BM_SetCuboidOneAmongN/" + k);
    const double all = r.cpuMs("BM_SetCuboidsRebuildN/" + k);
    const double draw = r.cpuMs("BM_DrawUnchangedN/" + k);
    const double oneDraw = r.cpuMs("BM_SetCuboidAndDrawN/" + k);
    const double allDraw = r.cpuMs("BM_SetCuboidsRebuildAndDrawN/" + k);
    if (one <= 0) continue;
    std::printf("one box among %4s: setCuboid %.4f ms vs setCuboids rebuild %.4f ms -> %.1fx\n", n,
                one, all, ratio(all, one));
    if (draw > 0)
      std::printf(
          "  with the draw: %.2f ms (unchanged %.2f ms, edit adds %.2f ms) vs rebuild %.2f ms "
          "(adds %.2f ms)\n",
          oneDraw, draw, oneDraw - draw, allDraw, allDraw - draw);
  }
  for (const char* n : {"120000", "1000000"}) {
    const double ours = r.cpuMs(std::string("BM_RecolourColorizeAndSetColors/") + n);
    const double base = r.cpuMs(std::string("BM_RecolourBySetCloudBaseline/") + n);
    if (ours <= 0) continue;
    std::printf(
        "recolour %7s points: colorize + setColors %.2f ms vs colorize + setCloud %.2f ms -> "
        "%.2fx\n",
        n, ours, base, ratio(base, ours));
  }
  const double open = r.realMs("BM_OpenKittiFrameToFirstRender");
  const double read = r.realMs("BM_ReadKittiFrameOnly");
  if (open > 0)
    std::printf(
        "KITTI frame (120k points) open -> first render: %.1f ms wall (reading alone %.1f ms, "
        "%.0f%%)\n",
        open, read, 100.0 * ratio(read, open));
  const std::string seq = "BM_SteppingThrough1000FramesRss/iterations:1";
  const double r10 = r.counter(seq, "rss_MiB_after_10"),
               r1000 = r.counter(seq, "rss_MiB_after_1000");
  if (r10 > 0)
    std::printf(
        "1,000-frame sequence: RSS %.0f MiB after 10 frames, %.0f after 100, %.0f after 1000 "
        "-> %.2fx of the 10-frame figure\n",
        r10, r.counter(seq, "rss_MiB_after_100"), r1000, ratio(r1000, r10));
}

}  // namespace

int main(int argc, char** argv) {
  if (!haveDisplay()) qputenv("QT_QPA_PLATFORM", "offscreen");
  QApplication app(argc, argv);
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  RatioReporter reporter;
  benchmark::RunSpecifiedBenchmarks(&reporter);
  printRatios(reporter);
  benchmark::Shutdown();
  return 0;
}
