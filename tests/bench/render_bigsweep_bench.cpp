// Big sweeps in the 3D view (issue 8, item 9): resident memory and time to the first frame of a
// 10-million-point sweep, the full draw, and one orbit frame (drawn from the level of detail).
// Ours: the view shares the cloud (x/y/z handed to VTK in place) and draws it without vertex
// cells. Baseline in the same process, the previous path: the view copies the cloud and draws it
// through vertex cells and an index buffer (what a visibility mask that hides one point costs).
// Memory is sampled every 2 ms by a thread (peak and settled RSS above the state before the
// view got the cloud). Needs an X display with GL:
//   xvfb-run -a -s "-screen 0 1280x1024x24" tests/bench/render_bigsweep_bench
// Argument: points (default 10,865,383 = `lidarlabel-cli simulate --beams 512 --azimuth-steps
// 22000 --frames 1`, whose sweep this synthesises: 512 rings, a ground plane and walls).
#include <benchmark/benchmark.h>

#include <unistd.h>
#include <QApplication>
#include <QMouseEvent>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <map>
#include <memory>
#include <thread>

#include "bench_support.h"
#include "lidarlabel/core/colormap.h"
#include "lidarlabel/render/scene_view.h"

namespace {
using namespace lidarlabel;
using Clock = std::chrono::steady_clock;

std::size_t residentBytes() {
  std::ifstream statm("/proc/self/statm");
  long pages = 0, resident = 0;
  statm >> pages >> resident;
  return static_cast<std::size_t>(resident) * static_cast<std::size_t>(sysconf(_SC_PAGESIZE));
}

// Peak RSS while alive (sampled every 2 ms).
class PeakRss {
 public:
  PeakRss()
      : thread_([this] {
          while (!stop_) {
            peak_ = std::max<std::size_t>(peak_, residentBytes());
            std::this_thread::sleep_for(std::chrono::milliseconds(2));
          }
        }) {}
  ~PeakRss() { stop(); }
  std::size_t stop() {
    if (!stop_.exchange(true)) thread_.join();
    return peak_;
  }

 private:
  std::atomic<bool> stop_{false};
  std::atomic<std::size_t> peak_{0};
  std::thread thread_;
};

// A spinning sensor's sweep: `rings` beams from -25 to +15 degrees, hitting a ground plane 1.8 m
// below or a cylinder wall at 60 m. Intensity varies with range.
PointCloud sweep(std::size_t n, int rings = 512) {
  PointCloud c;
  c.reserve(n);
  const std::size_t steps = (n + rings - 1) / rings;
  for (std::size_t a = 0; a < steps && c.size() < n; ++a) {
    const double az = 2 * M_PI * static_cast<double>(a) / static_cast<double>(steps);
    for (int r = 0; r < rings && c.size() < n; ++r) {
      const double el = (-25.0 + 40.0 * r / (rings - 1)) * M_PI / 180.0;
      double range = 60.0 / std::cos(el);
      if (el < 0) range = std::min(range, 1.8 / std::sin(-el));
      const double h = range * std::cos(el);
      c.push(static_cast<float>(h * std::cos(az)), static_cast<float>(h * std::sin(az)),
             static_cast<float>(range * std::sin(el)), static_cast<float>(1.0 - range / 80.0));
    }
  }
  return c;
}

void process(int ms) {
  const auto end = Clock::now() + std::chrono::milliseconds(ms);
  while (Clock::now() < end) QApplication::processEvents(QEventLoop::AllEvents, 10);
}

double msSince(Clock::time_point t) {
  return std::chrono::duration<double, std::milli>(Clock::now() - t).count();
}

// shared: ours (shared cloud, no cells); else the copy + vertex cells path.
void bigSweep(benchmark::State& state, bool shared) {
  if (qEnvironmentVariableIsEmpty("DISPLAY"))
    return state.SkipWithError("needs an X display (run under xvfb-run)");
  auto cloud = std::make_shared<const PointCloud>(sweep(static_cast<std::size_t>(state.range(0))));
  const double cloudBytes = 16.0 * static_cast<double>(cloud->size());  // x, y, z, intensity
  for (auto _ : state) {
    auto view = std::make_unique<SceneView>();
    view->resize(1280, 720);
    view->show();
    (void)view->grabFramebuffer();  // GL context up: its memory is not the cloud's
    const std::size_t before = residentBytes();
    PeakRss peak;
    const auto t0 = Clock::now();
    if (shared) {
      view->setCloud(cloud, colorize(*cloud, ColorMode::Height));
    } else {
      view->setCloud(*cloud, colorize(*cloud, ColorMode::Height));
      std::vector<std::uint8_t> mask(cloud->size(), 1);
      mask[0] = 0;  // one hidden point: every point goes through vertex cells
      view->setVisiblePoints(std::move(mask));
    }
    view->resetCamera(CameraPreset::Chase);
    (void)view->grabFramebuffer();
    const double first = msSince(t0);
    const bool lod = view->drawingLevelOfDetail();
    const std::size_t firstPeak = std::max(peak.stop(), residentBytes());
    PeakRss fullPeak;
    process(300);  // the settle timer: the full cloud is drawn next
    const auto t1 = Clock::now();
    (void)view->grabFramebuffer();
    const double full = msSince(t1);
    process(50);
    const std::size_t settled = residentBytes();
    const std::size_t peakFull = std::max(fullPeak.stop(), settled);
    // One orbit step by the mouse: the level of detail is drawn.
    const QPointF c(640, 360);
    QMouseEvent press(QEvent::MouseButtonPress, c, view->mapToGlobal(c), Qt::LeftButton,
                      Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(view.get(), &press);
    QMouseEvent move(QEvent::MouseMove, c + QPointF(40, 0), view->mapToGlobal(c + QPointF(40, 0)),
                     Qt::NoButton, Qt::LeftButton, Qt::NoModifier);
    const auto t2 = Clock::now();
    QApplication::sendEvent(view.get(), &move);
    (void)view->grabFramebuffer();
    const double orbit = msSince(t2);
    QMouseEvent release(QEvent::MouseButtonRelease, c + QPointF(40, 0),
                        view->mapToGlobal(c + QPointF(40, 0)), Qt::LeftButton, Qt::NoButton,
                        Qt::NoModifier);
    QApplication::sendEvent(view.get(), &release);
    state.counters["points"] = static_cast<double>(cloud->size());
    state.counters["cloud_MB"] = cloudBytes / 1e6;
    state.counters["first_frame_ms"] = first;
    state.counters["first_frame_is_lod"] = lod;
    state.counters["full_draw_ms"] = full;
    state.counters["orbit_frame_ms"] = orbit;
    state.counters["peak_first_MB"] = static_cast<double>(firstPeak - before) / 1e6;
    state.counters["peak_full_MB"] = static_cast<double>(peakFull - before) / 1e6;
    state.counters["settled_MB"] = static_cast<double>(settled - before) / 1e6;
    state.counters["window_MB"] = static_cast<double>(before) / 1e6;
  }
}
void BM_BigSweepSharedNoCells(benchmark::State& s) {
  bigSweep(s, true);
}
void BM_BigSweepCopyAndCellsBaseline(benchmark::State& s) {
  bigSweep(s, false);
}
constexpr std::int64_t kPoints = 10'865'383;
BENCHMARK(BM_BigSweepSharedNoCells)->Arg(kPoints)->Iterations(1)->Unit(benchmark::kSecond);
BENCHMARK(BM_BigSweepCopyAndCellsBaseline)->Arg(kPoints)->Iterations(1)->Unit(benchmark::kSecond);

void summary(const bench::RatioReporter& r) {
  const std::string ours = "BM_BigSweepSharedNoCells", base = "BM_BigSweepCopyAndCellsBaseline";
  const double n = r.counter(ours, "points"), cloud = r.counter(ours, "cloud_MB");
  if (n <= 0) return;
  std::printf("\n=== big sweep: %.0f points, cloud %.0f MB (16 B/point), empty view %.0f MB ===\n",
              n, cloud, r.counter(ours, "window_MB"));
  std::printf("%-34s %12s %12s %8s\n", "", "ours", "previous", "ratio");
  auto row = [&](const char* what, const char* key, double scale, const char* unit) {
    const double a = r.counter(ours, key) * scale, b = r.counter(base, key) * scale;
    std::printf("%-34s %9.1f %-2s %9.1f %-2s %7.2fx\n", what, a, unit, b, unit, a > 0 ? b / a : 0);
  };
  row("first frame (wall)", "first_frame_ms", 1, "ms");
  row("full draw after settling (wall)", "full_draw_ms", 1, "ms");
  row("one orbit frame, LOD (wall)", "orbit_frame_ms", 1, "ms");
  row("peak RSS above view, first frame", "peak_first_MB", 1, "MB");
  row("peak RSS above view, full draw", "peak_full_MB", 1, "MB");
  row("settled RSS above view", "settled_MB", 1, "MB");
  const double bpp = 1e6 / n;
  row("settled bytes per point", "settled_MB", bpp, "B");
  row("peak bytes per point", "peak_full_MB", bpp, "B");
  std::printf(
      "peak above the view / cloud bytes: ours %.2fx, previous %.2fx (the cloud itself "
      "is in these: it is created before the view)\n",
      (r.counter(ours, "peak_full_MB") + cloud) / cloud,
      (r.counter(base, "peak_full_MB") + cloud) / cloud);
}

}  // namespace

int main(int argc, char** argv) {
  if (qEnvironmentVariableIsEmpty("DISPLAY")) qputenv("QT_QPA_PLATFORM", "offscreen");
  QApplication app(argc, argv);
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  lidarlabel::bench::RatioReporter reporter;
  benchmark::RunSpecifiedBenchmarks(&reporter);
  summary(reporter);
  benchmark::Shutdown();
  return 0;
}
