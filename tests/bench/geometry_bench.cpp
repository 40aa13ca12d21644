// Speed of the geometry engine against the baselines people use today, in one process:
//   point-in-box (120k real points x 50 boxes, 1M synthetic x 200) vs pcl::CropBox once per box
//     and vs one streaming pass over the same points;
//   ground removal per real sweep vs PCL RANSAC plane segmentation (one core each);
//   one-click box fitting per object on real KITTI frames.
// At the end it prints the ratios (single-threaded runs by CPU time). Run (from the build dir):
//   tests/bench/geometry_bench --benchmark_min_time=0.5
#include <benchmark/benchmark.h>

#include <pcl/ModelCoefficients.h>
#include <pcl/PointIndices.h>
#include <pcl/filters/crop_box.h>
#include <pcl/point_cloud.h>
#include <pcl/point_types.h>

#include <cstdio>
#include <map>
#include <numbers>
#include <random>
#include <string>

#include "bench_support.h"
#include "lidarlabel/core/box_fit.h"
#include "lidarlabel/core/ground.h"
#include "lidarlabel/core/points_in_box.h"
#include "lidarlabel/io/kitti_calib.h"
#include "lidarlabel/io/kitti_label.h"
#include "lidarlabel/io/kitti_object.h"
#include "lidarlabel/io/sweep_io.h"
#include "pcl_baselines.h"

namespace {
using namespace lidarlabel;

std::string sample(const std::string& rel) {
  return std::string(LIDARLABEL_SAMPLE_DATA) + "/" + rel;
}

// Inputs ---------------------------------------------------------------------------------------

// Case 0: real KITTI sweep (120,268 points) + 50 car-sized boxes on the road within 40 m.
// Case 1: 1M synthetic points in an 80 m disc + 200 boxes within 60 m.
struct PibCase {
  PointCloud cloud;
  std::vector<Cuboid> boxes;
  pcl::PointCloud<pcl::PointXYZ>::Ptr pcl;
};

std::vector<Cuboid> randomBoxes(int m, float radius, unsigned seed) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<double> u(-1, 1), len(3.5, 5.5), wid(1.6, 2.1);
  std::vector<Cuboid> out;
  while (static_cast<int>(out.size()) < m) {
    const double x = radius * u(rng), y = radius * u(rng);
    if (x * x + y * y > radius * radius) continue;
    Cuboid b;
    b.center = {x, y, -1.73 + 0.8};
    b.size = {len(rng), wid(rng), 1.6};
    b.yaw = std::numbers::pi * u(rng);
    out.push_back(b);
  }
  return out;
}

const PibCase& pibCase(int which) {
  static const PibCase cases[2] = {
      [] {
        PibCase c;
        c.cloud = readKittiBin(sample("kitti_object/training/velodyne/000001.bin"));
        c.boxes = randomBoxes(50, 40.f, 1);
        c.pcl = baseline::toPcl(c.cloud);
        return c;
      }(),
      [] {
        PibCase c;
        std::mt19937 rng(2);
        std::uniform_real_distribution<float> u(-1.f, 1.f);
        c.cloud.reserve(1'000'000);
        while (c.cloud.size() < 1'000'000) {
          const float x = 80.f * u(rng), y = 80.f * u(rng);
          if (x * x + y * y <= 6400.f) c.cloud.push(x, y, 0.5f + 2.5f * u(rng), 0.f);
        }
        c.boxes = randomBoxes(200, 60.f, 3);
        c.pcl = baseline::toPcl(c.cloud);
        return c;
      }()};
  return cases[which];
}

const char* kCaseName[2] = {"120k_real_x50", "1M_synthetic_x200"};

// Point-in-box ---------------------------------------------------------------------------------

void BM_PointsInBoxes(benchmark::State& state) {
  const PibCase& c = pibCase(static_cast<int>(state.range(0)));
  PointsInBoxConfig cfg;
  cfg.threads = static_cast<int>(state.range(1));
  cfg.minPointsPerThread = 1;
  std::size_t inside = 0;
  for (auto _ : state) {
    const auto r = pointsInBoxes(c.cloud, c.boxes, cfg);
    inside = 0;
    for (auto n : r.insideCount) inside += n;
    benchmark::DoNotOptimize(r.owner.data());
  }
  state.counters["inside"] = static_cast<double>(inside);
  const std::string k = std::to_string(state.range(0));
  state.SetLabel(std::string(kCaseName[state.range(0)]) +
                 " threads=" + std::to_string(state.range(1)) + "; baseline: BM_PclCropBoxPerBox/" +
                 k + "/real_time; baseline: BM_StreamSumX/" + k + "/real_time");
}
BENCHMARK(BM_PointsInBoxes)
    ->Args({0, 1})
    ->Args({0, 2})
    ->Args({1, 1})
    ->Args({1, 2})
    ->Unit(benchmark::kMicrosecond)
    ->UseRealTime();

// pcl::CropBox, once per box, rotation set per box (the usual way to get per-box index lists).
void BM_PclCropBoxPerBox(benchmark::State& state) {
  const PibCase& c = pibCase(static_cast<int>(state.range(0)));
  std::size_t inside = 0;
  for (auto _ : state) {
    inside = 0;
    for (const Cuboid& b : c.boxes) {
      pcl::CropBox<pcl::PointXYZ> crop;
      const Eigen::Vector3f h = (b.size / 2).cast<float>();
      crop.setMin(Eigen::Vector4f(-h.x(), -h.y(), -h.z(), 1.f));
      crop.setMax(Eigen::Vector4f(h.x(), h.y(), h.z(), 1.f));
      crop.setRotation(Eigen::Vector3f(static_cast<float>(b.roll), static_cast<float>(b.pitch),
                                       static_cast<float>(b.yaw)));
      crop.setTranslation(b.center.cast<float>());
      crop.setInputCloud(c.pcl);
      pcl::Indices idx;
      crop.filter(idx);
      inside += idx.size();
    }
  }
  state.counters["inside"] = static_cast<double>(inside);
  state.SetLabel(kCaseName[state.range(0)]);
}
BENCHMARK(BM_PclCropBoxPerBox)->Arg(0)->Arg(1)->Unit(benchmark::kMicrosecond)->UseRealTime();

// One streaming pass over the points: the sum of x, as the issue words it (a serial float
// reduction: the compiler may not reorder it) ...
void BM_StreamSumX(benchmark::State& state) {
  const PibCase& c = pibCase(static_cast<int>(state.range(0)));
  for (auto _ : state) {
    float s = 0.f;
    for (float v : c.cloud.x) s += v;
    benchmark::DoNotOptimize(s);
  }
  state.SetLabel(kCaseName[state.range(0)]);
}
BENCHMARK(BM_StreamSumX)->Arg(0)->Arg(1)->Unit(benchmark::kMicrosecond)->UseRealTime();

// ... and a stricter one: read x, y and z of every point and count those in a z band inside
// a BEV disc (integer count: the compiler vectorises it).
void BM_StreamTouchXyz(benchmark::State& state) {
  const PibCase& c = pibCase(static_cast<int>(state.range(0)));
  const std::size_t n = c.cloud.size();
  const float* x = c.cloud.x.data();
  const float* y = c.cloud.y.data();
  const float* z = c.cloud.z.data();
  for (auto _ : state) {
    unsigned count = 0;
    for (std::size_t i = 0; i < n; ++i)
      count += static_cast<unsigned>((x[i] * x[i] + y[i] * y[i] < 1600.f) & (z[i] > -1.f));
    benchmark::DoNotOptimize(count);
  }
  state.SetLabel(kCaseName[state.range(0)]);
}
BENCHMARK(BM_StreamTouchXyz)->Arg(0)->Arg(1)->Unit(benchmark::kMicrosecond)->UseRealTime();

// Ground removal -------------------------------------------------------------------------------

const char* kSweep[2] = {"semantickitti/sequences/00/velodyne/000000.bin",
                         "kitti_object/training/velodyne/000003.bin"};

const PointCloud& sweep(int k) {
  static const PointCloud c[2] = {readKittiBin(sample(kSweep[0])), readKittiBin(sample(kSweep[1]))};
  return c[k];
}

void BM_RemoveGround(benchmark::State& state) {
  const PointCloud& c = sweep(static_cast<int>(state.range(0)));
  std::size_t ground = 0;
  for (auto _ : state) {
    const GroundResult g = removeGround(c);  // default: one thread
    ground = g.groundCount;
    benchmark::DoNotOptimize(g.isGround.data());
  }
  state.counters["ground"] = static_cast<double>(ground);
  state.SetLabel(std::string(kSweep[state.range(0)]) + "; baseline: BM_PclRansacPlane/" +
                 std::to_string(state.range(0)) + "/real_time");
}
BENCHMARK(BM_RemoveGround)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond)->UseRealTime();

// PCL: one RANSAC plane, 0.2 m threshold, 100 iterations, coefficient refinement on (default);
// the PCL cloud is built outside the timed loop.
void BM_PclRansacPlane(benchmark::State& state) {
  const PointCloud& c = sweep(static_cast<int>(state.range(0)));
  const auto pc = baseline::toPcl(c);
  std::size_t ground = 0;
  for (auto _ : state) {
    ground = baseline::ransacPlane(pc).indices.size();
  }
  state.counters["ground"] = static_cast<double>(ground);
  state.SetLabel(kSweep[state.range(0)]);
}
BENCHMARK(BM_PclRansacPlane)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond)->UseRealTime();

// One-click fit ----------------------------------------------------------------------------------

// Every labelled object of the six KITTI object frames, clicked at its box centre.
struct ClickCase {
  PointCloud cloud;
  GroundResult ground;
  std::vector<Eigen::Vector3d> clicks;
};

const std::vector<ClickCase>& clickCases() {
  static const std::vector<ClickCase> cases = [] {
    std::vector<ClickCase> out;
    for (int f = 0; f < 6; ++f) {
      char stem[16];
      std::snprintf(stem, sizeof stem, "%06d", f);
      const std::string base = sample("kitti_object/training/");
      ClickCase k;
      k.cloud = readKittiBin(base + "velodyne/" + stem + ".bin");
      k.ground = removeGround(k.cloud);
      const KittiCalib calib = readKittiCalib(base + "calib/" + stem + ".txt");
      for (const auto& l : readKittiObjectLabels(base + "label_2/" + stem + ".txt"))
        if (!l.isDontCare()) k.clicks.push_back(cuboidFromKittiLabel(l, calib).center);
      out.push_back(std::move(k));
    }
    return out;
  }();
  return cases;
}

void BM_FitBoxAtPoint(benchmark::State& state) {
  ClassDef car;
  car.defaultSize = {4.5, 1.9, 1.6};
  std::size_t objects = 0;
  for (auto _ : state) {
    objects = 0;
    for (const ClickCase& k : clickCases())
      for (const auto& click : k.clicks) {
        const FitResult r = fitBoxAtPoint(k.cloud, k.ground, click, {}, &car);
        benchmark::DoNotOptimize(r.box.center.data());
        ++objects;
      }
  }
  state.counters["objects"] = static_cast<double>(objects);
  state.counters["ms_per_object"] = benchmark::Counter(
      static_cast<double>(objects) * 1e-3,
      benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert);
}
BENCHMARK(BM_FitBoxAtPoint)->Unit(benchmark::kMillisecond)->UseRealTime();

// Ratios -----------------------------------------------------------------------------------------

// Single-threaded runs are compared by CPU time (on a shared, loaded machine wall time also
// counts the waits for a core); the 2-thread point-in-box run can only be judged by real time.
using bench::RatioReporter;

double ratio(double a, double b) {
  return b > 0 ? a / b : 0.0;
}

void printRatios(const RatioReporter& r) {
  std::printf(
      "\n=== geometry_bench summary (1-thread figures: CPU time; 2 threads: real time) ===\n");
  for (int c = 0; c < 2; ++c) {
    const std::string k = std::to_string(c);
    const std::string one = "BM_PointsInBoxes/" + k + "/1/real_time";
    const std::string two = "BM_PointsInBoxes/" + k + "/2/real_time";
    const std::string crop = "BM_PclCropBoxPerBox/" + k + "/real_time";
    const std::string sum = "BM_StreamSumX/" + k + "/real_time";
    const std::string touch = "BM_StreamTouchXyz/" + k + "/real_time";
    if (r.cpuMs(one) <= 0) continue;
    std::printf("point-in-box %s: %.3f ms (1 thread, CPU), %.3f ms (2 threads, real)\n",
                kCaseName[c], r.cpuMs(one), r.realMs(two));
    std::printf(
        "  pcl::CropBox per box / ours          : %7.1fx (1 thread)  %7.1fx (2 threads)  [target "
        ">= 20x]\n",
        ratio(r.cpuMs(crop), r.cpuMs(one)), ratio(r.realMs(crop), r.realMs(two)));
    std::printf(
        "  ours / streaming sum of x            : %7.2fx (1 thread)  %7.2fx (2 threads)  [target "
        "<= 4x]\n",
        ratio(r.cpuMs(one), r.cpuMs(sum)), ratio(r.realMs(two), r.realMs(sum)));
    std::printf("  ours / streaming x,y,z count (SIMD)  : %7.2fx (1 thread)  %7.2fx (2 threads)\n",
                ratio(r.cpuMs(one), r.cpuMs(touch)), ratio(r.realMs(two), r.realMs(touch)));
  }
  for (int s = 0; s < 2; ++s) {
    const std::string k = std::to_string(s);
    const double ours = r.cpuMs("BM_RemoveGround/" + k + "/real_time");
    const double ransac = r.cpuMs("BM_PclRansacPlane/" + k + "/real_time");
    if (ours <= 0) continue;
    std::printf(
        "ground removal %s: %.2f ms/frame on one core [target < 15]; PCL RANSAC plane %.2f ms -> "
        "%.1fx faster\n",
        kSweep[s], ours, ransac, ratio(ransac, ours));
  }
  const double fit = r.cpuMs("BM_FitBoxAtPoint/real_time");
  std::size_t objects = 0;
  for (const auto& k : clickCases()) objects += k.clicks.size();
  if (fit > 0 && objects > 0)
    std::printf(
        "one-click fit: %.3f ms per object (CPU) over the %zu labelled KITTI objects [target < "
        "5]\n",
        fit / static_cast<double>(objects), objects);
}

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  RatioReporter reporter;
  benchmark::RunSpecifiedBenchmarks(&reporter);
  printRatios(reporter);
  benchmark::Shutdown();
  return 0;
}
