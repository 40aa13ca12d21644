// Point labelling (issue 12, item 9): the CPU cost of one mouse move of a brush stroke --
// selection, the label write through the edit API (one undo step per stroke), and the recolour
// of the view -- at 120k and 1M points, against an in-process baseline (each move projects every
// point and recolours the whole cloud, as a labeller without per-stroke projection and partial
// recolouring would); and the memory of a stroke's undo record against the points it changed.
// Needs an X display for the view (run under xvfb-run; Mesa llvmpipe):
//   xvfb-run -a -s "-screen 0 1280x1024x24" tests/bench/label_bench
#include <benchmark/benchmark.h>

#include "bench_support.h"

#include <QApplication>
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <map>

#include "lidarlabel/app/commands/paint_points.h"
#include "lidarlabel/app/editor.h"
#include "lidarlabel/app/label_tool.h"
#include "lidarlabel/app/scene_presenter.h"
#include "lidarlabel/core/colormap.h"
#include "lidarlabel/io/sweep_io.h"
#include "lidarlabel/render/scene_view.h"
#include "lidarlabel/render/view_ray.h"

namespace {
using namespace lidarlabel;
namespace fs = std::filesystem;

const std::string kKittiSweep =
    std::string(LIDARLABEL_SAMPLE_DATA) + "/kitti_object/training/velodyne/000000.bin";

PointCloud sampleCloud(std::size_t n) {
  return bench::repeatedSweep(kKittiSweep, n);
}

// A one-frame sequence of n points in a scratch folder, open in a document shown in a view
// (bird's-eye camera, 1280x720, coloured by label) with its presenter, editor and label tool.
struct Desk {
  Document doc;
  Editor editor{doc};
  SceneView view;
  ScenePresenter presenter{doc, view};
  LabelTool tool{editor, view, presenter, nullptr};
  explicit Desk(std::size_t n) {
    const fs::path dir =
        fs::temp_directory_path() / ("lidarlabel_label_bench_" + std::to_string(n));
    fs::create_directories(dir / "velodyne");
    const fs::path sweep = dir / "velodyne" / "000000.bin";
    if (!fs::exists(sweep)) writeKittiBin(sweep.string(), sampleCloud(n));
    Sequence s;
    s.name = "bench";
    s.root = dir.string();
    s.sweepFormat = "kitti-bin";
    s.frames.resize(1);
    s.frames[0].info.sweepPath = "velodyne/000000.bin";
    view.resize(1280, 720);
    doc.setSequence(s, dir.string());
    presenter.setColoring(PointColoring::Label);
    view.resetCamera(CameraPreset::BirdsEye);
    tool.setClassName("road");
    tool.setRadius(20);
  }
  ViewInput input(ViewInput::Type type, double x, double y) {
    ViewInput in;
    in.type = type;
    in.x = x;
    in.y = y;
    in.ray = view.rayAt(x, y);
    in.button = type == ViewInput::Type::Move ? Qt::NoButton : Qt::LeftButton;
    in.buttons = type == ViewInput::Type::Release ? Qt::NoButton : Qt::LeftButton;
    return in;
  }
};

// The brush path: circles about the view centre (the sensor, where the sweep is dense), radius
// 40 to 192 px in 8 px steps, one circle of 200 moves (about 1.3 to 6 px each) per stroke.
Eigen::Vector2d pathAt(long k) {
  const double r = 40.0 + 8.0 * static_cast<double>((k / 200) % 20);
  const double a = 2.0 * 3.14159265358979 * static_cast<double>(k % 200) / 200.0;
  return {640.0 + r * std::cos(a), 360.0 + r * std::sin(a)};
}

// Ours: one mouse move of a stroke through the real tool (selection of the pre-projected points,
// Editor::paintClass merged into the stroke's command, the presenter patching the changed
// points' colours, SceneView::setColors). The stroke restarts every 200 moves (not timed).
void BM_BrushMove(benchmark::State& state) {
  Desk d(static_cast<std::size_t>(state.range(0)));
  long k = 0;
  std::size_t changed = 0;
  const std::size_t candidates =
      projectPoints(*d.doc.cloud(0), screenProjection(d.view.camera(), 1280, 720)).index.size();
  state.counters["candidates"] = static_cast<double>(candidates);
  auto press = [&] {
    const Eigen::Vector2d p = pathAt(k);
    d.tool.viewInput(d.view, d.input(ViewInput::Type::Press, p.x(), p.y()));
  };
  press();
  for (auto _ : state) {
    ++k;
    if (k % 200 == 0) {
      state.PauseTiming();
      const Eigen::Vector2d p = pathAt(k - 1);
      d.tool.viewInput(d.view, d.input(ViewInput::Type::Release, p.x(), p.y()));
      d.tool.setClassName(d.tool.className() == "road" ? "sidewalk" : "road");
      press();
      state.ResumeTiming();
      continue;
    }
    const Eigen::Vector2d p = pathAt(k);
    d.tool.viewInput(d.view, d.input(ViewInput::Type::Move, p.x(), p.y()));
  }
  for (int c = 0; c < d.doc.undoStack()->count(); ++c)
    if (const auto* cmd = dynamic_cast<const PaintPointsCommand*>(d.doc.undoStack()->command(c)))
      changed += cmd->pointCount();
  state.counters["changed_points_per_move"] =
      static_cast<double>(changed) / static_cast<double>(std::max<long>(1, k));
  state.counters["partial_recolours"] = static_cast<double>(d.presenter.partialRecolors());
}

// The projection a stroke does once, when the button goes down.
void BM_BrushStrokeStart(benchmark::State& state) {
  Desk d(static_cast<std::size_t>(state.range(0)));
  const auto cloud = d.doc.cloud(0);
  for (auto _ : state) {
    const ScreenProjection p = screenProjection(d.view.camera(), 1280, 720);
    const std::vector<std::uint8_t> drawn = d.presenter.drawnMask();
    benchmark::DoNotOptimize(projectPoints(*cloud, p, &drawn).index.data());
  }
}

// Baseline: the same move, but every point projected through the camera on each move
// (pixelOfPoint) and the whole cloud recoloured (colorize by label + setColors).
void BM_BrushMoveNaiveBaseline(benchmark::State& state) {
  Desk d(static_cast<std::size_t>(state.range(0)));
  const auto cloud = d.doc.cloud(0);
  long k = 0;
  Eigen::Vector2d last = pathAt(0);
  const double r2 = 20.0 * 20.0;
  for (auto _ : state) {
    const Eigen::Vector2d p = pathAt(++k);
    std::vector<std::uint32_t> hit;
    for (std::uint32_t i = 0; i < cloud->size(); ++i) {
      const auto px =
          pixelOfPoint(d.view.camera(), 1280, 720, {cloud->x[i], cloud->y[i], cloud->z[i]});
      if (px && ((*px - p).squaredNorm() <= r2 || (*px - last).squaredNorm() <= r2))
        hit.push_back(i);
    }
    last = p;
    d.editor.paintClass(hit, k % 2 ? "road" : "sidewalk", 0, {}, false);
    const auto labels = d.doc.pointLabels(0);  // null until the first move changed a point
    const Ontology& ontology = d.doc.ontology();
    d.view.setColors(colorize(*cloud, ColorMode::Semantic, -2.5f, 2.5f, labels.get(), &ontology));
  }
}

// Undo memory of strokes of growing size: bytes of the record per changed point.
void BM_StrokeUndoRecordBytes(benchmark::State& state) {
  Desk d(120000);
  const std::size_t n = static_cast<std::size_t>(state.range(0));
  std::vector<std::uint32_t> indices(n);
  for (std::size_t i = 0; i < n; ++i) indices[i] = static_cast<std::uint32_t>(i);
  std::size_t bytes = 0, points = 0;
  bool road = false;
  for (auto _ : state) {
    road = !road;
    d.editor.paintClass(indices, road ? "road" : "sidewalk", 0, {}, false);
    const auto* cmd = dynamic_cast<const PaintPointsCommand*>(
        d.doc.undoStack()->command(d.doc.undoStack()->count() - 1));
    bytes = cmd->memoryBytes();
    points = cmd->pointCount();
  }
  state.counters["record_bytes"] = static_cast<double>(bytes);
  state.counters["changed_points"] = static_cast<double>(points);
  state.counters["bytes_per_point"] = points ? double(bytes) / double(points) : 0.0;
  state.counters["frame_copy_bytes"] = 4.0 * 120000;
}

BENCHMARK(BM_BrushMove)->Arg(120000)->Arg(1000000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_BrushStrokeStart)->Arg(120000)->Arg(1000000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_BrushMoveNaiveBaseline)
    ->Arg(120000)
    ->Arg(1000000)
    ->Unit(benchmark::kMillisecond)
    ->Iterations(20);
BENCHMARK(BM_StrokeUndoRecordBytes)->Arg(100)->Arg(10000)->Arg(100000)->Iterations(4);

using bench::RatioReporter;

void printRatios(const RatioReporter& r) {
  std::printf("\n=== label_bench summary (CPU time per mouse move) ===\n");
  for (const char* n : {"120000", "1000000"}) {
    const std::string k = n;
    const double ours = r.cpuMs("BM_BrushMove/" + k),
                 base = r.cpuMs("BM_BrushMoveNaiveBaseline/" + k);
    const double start = r.cpuMs("BM_BrushStrokeStart/" + k);
    if (ours <= 0) continue;
    std::printf(
        "%7s points: brush move %.3f ms (stroke start %.2f ms once) vs naive %.2f ms -> %.1fx\n", n,
        ours, start, base, base > 0 ? base / ours : 0.0);
  }
  for (const char* n : {"100", "10000", "100000"}) {
    const std::string k = std::string("BM_StrokeUndoRecordBytes/") + n;
    std::printf(
        "stroke of %6s points: undo record %.0f bytes = %.2f B per changed point "
        "(a frame copy: %.0f bytes)\n",
        n, r.counter(k, "record_bytes"), r.counter(k, "bytes_per_point"),
        r.counter(k, "frame_copy_bytes"));
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (qEnvironmentVariableIsEmpty("DISPLAY")) qputenv("QT_QPA_PLATFORM", "offscreen");
  QApplication app(argc, argv);
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  RatioReporter reporter;
  benchmark::RunSpecifiedBenchmarks(&reporter);
  printRatios(reporter);
  benchmark::Shutdown();
  return 0;
}
