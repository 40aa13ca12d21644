// CPU-side cost of showing a frame in the 3D view (the GL draw is measured separately: it runs on
// the GPU for real users and in llvmpipe here). Built only when the GUI is on.
// SceneView::setCloud (the cloud shared, x/y/z not copied; colours into a reused array) vs the
// usual VTK idiom of building a fresh polydata with one InsertNext* call per point. Needs no
// display (falls back to Qt's offscreen platform). Run: render_bench --benchmark_repetitions=3
// --benchmark_report_aggregates_only=true
#include <benchmark/benchmark.h>

#include <QApplication>
#include <memory>
#include <random>

#include <vtkCellArray.h>
#include <vtkNew.h>
#include <vtkPointData.h>
#include <vtkPoints.h>
#include <vtkPolyData.h>
#include <vtkUnsignedCharArray.h>

#include "lidarlabel/core/colormap.h"
#include "lidarlabel/render/offscreen.h"
#include "lidarlabel/render/pick.h"
#include "lidarlabel/render/scene_view.h"

namespace {
using namespace lidarlabel;

// Points uniformly in an 80 m disc, z in [-2, 3] m, like a 64-beam sweep's extent.
PointCloud syntheticCloud(std::size_t n, unsigned seed) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<float> u(-1.f, 1.f);
  PointCloud c;
  c.reserve(n);
  while (c.size() < n) {
    const float x = 80.f * u(rng), y = 80.f * u(rng);
    if (x * x + y * y <= 6400.f) c.push(x, y, 0.5f + 2.5f * u(rng), 0.5f + 0.5f * u(rng));
  }
  return c;
}

// Stepping frames: two different clouds of the same size shown alternately.
void BM_SceneViewSetCloud(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const auto a = std::make_shared<const PointCloud>(syntheticCloud(n, 1));
  const auto b = std::make_shared<const PointCloud>(syntheticCloud(n, 2));
  const auto ca = colorize(*a, ColorMode::Height), cb = colorize(*b, ColorMode::Height);
  SceneView view;
  bool flip = false;
  for (auto _ : state) {
    flip = !flip;
    view.setCloud(flip ? a : b, flip ? ca : cb);  // shared: x/y/z are not copied
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(n));
}

void BM_NaiveVtkPolyDataBaseline(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const PointCloud a = syntheticCloud(n, 1), b = syntheticCloud(n, 2);
  const auto ca = colorize(a, ColorMode::Height), cb = colorize(b, ColorMode::Height);
  bool flip = false;
  for (auto _ : state) {
    flip = !flip;
    const PointCloud& c = flip ? a : b;
    const auto& rgb = flip ? ca : cb;
    vtkNew<vtkPoints> points;
    vtkNew<vtkCellArray> verts;
    vtkNew<vtkUnsignedCharArray> colors;
    colors->SetNumberOfComponents(3);
    for (std::size_t i = 0; i < c.size(); ++i) {
      const vtkIdType id = points->InsertNextPoint(c.x[i], c.y[i], c.z[i]);
      verts->InsertNextCell(1, &id);
      colors->InsertNextTypedTuple(&rgb[3 * i]);
    }
    vtkNew<vtkPolyData> poly;
    poly->SetPoints(points);
    poly->SetVerts(verts);
    poly->GetPointData()->SetScalars(colors);
    benchmark::DoNotOptimize(poly.Get());
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(n));
}

// Whole CPU path of a frame step: colours + upload to the view's arrays.
void BM_FrameStepColorizeAndSetCloud(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const PointCloud a = syntheticCloud(n, 1), b = syntheticCloud(n, 2);
  SceneView view;
  bool flip = false;
  for (auto _ : state) {
    flip = !flip;
    const PointCloud& c = flip ? a : b;
    view.setCloud(c, colorize(c, ColorMode::Height));
  }
}

void BM_PickNearestPoint(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const PointCloud c = syntheticCloud(n, 1);
  const OrbitCamera cam = chaseCamera(computeBounds(c));
  const Eigen::Matrix4d vp = viewProjectionMatrix(cam, 1280.0 / 720.0);
  for (auto _ : state) benchmark::DoNotOptimize(pickNearestPoint(c, vp, 1280, 720, 640, 400));
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(n));
}

// One full draw of the widget (VTK render + blit + read-back through grabFramebuffer). Needs an X
// display with GL (xvfb-run uses Mesa llvmpipe: software, so this is a floor, not a GPU figure).
void BM_SceneViewDrawAndGrab(benchmark::State& state) {
  if (qEnvironmentVariableIsEmpty("DISPLAY")) {
    state.SkipWithError("needs an X display (run under xvfb-run)");
    return;
  }
  const auto n = static_cast<std::size_t>(state.range(0));
  const PointCloud c = syntheticCloud(n, 1);
  SceneView view;
  view.resize(1280, 720);
  view.setCloud(c, colorize(c, ColorMode::Height));
  view.resetCamera(CameraPreset::Chase);
  view.show();
  QApplication::processEvents();
  for (auto _ : state) benchmark::DoNotOptimize(view.grabFramebuffer().constBits());
}

BENCHMARK(BM_SceneViewSetCloud)->Arg(120000)->Arg(1000000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_NaiveVtkPolyDataBaseline)->Arg(120000)->Arg(1000000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_FrameStepColorizeAndSetCloud)
    ->Arg(120000)
    ->Arg(1000000)
    ->Unit(benchmark::kMillisecond);
BENCHMARK(BM_PickNearestPoint)->Arg(120000)->Arg(1000000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_SceneViewDrawAndGrab)->Arg(120000)->Arg(1000000)->Unit(benchmark::kMillisecond);
}  // namespace

int main(int argc, char** argv) {
  // Nothing is drawn here: without a display, Qt's offscreen platform is enough.
  if (qEnvironmentVariableIsEmpty("DISPLAY")) qputenv("QT_QPA_PLATFORM", "offscreen");
  QApplication app(argc, argv);
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
