// Tracking and pre-labelling speed.
//  - BM_TrackStep/100/THREADS/WARM: one trackNextFrame for 100 tracked cars (predict, gather
//    points, re-fit, associate, update) on a 120k-point sweep whose ground mask is given; WARM 0 =
//    the first step after starting (velocity unknown), 1 = a steady-state step. Target: < 1 ms.
//  - BM_PrelabelPipeline: the whole pre-labelling pipeline (ground, clustering, fitting,
//    tracking) over the real SemanticKITTI sweeps (~124k points). Target: >= 10 frames/s on 2
//    cores. Baseline in the same process: the usual PCL pipeline (SACSegmentation RANSAC ground +
//    EuclideanClusterExtraction), which does not even fit boxes.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <cmath>

#include <pcl/ModelCoefficients.h>
#include <pcl/filters/extract_indices.h>
#include <pcl/point_types.h>
#include <pcl/sample_consensus/method_types.h>
#include <pcl/sample_consensus/model_types.h>
#include <pcl/search/kdtree.h>
#include <pcl/segmentation/extract_clusters.h>
#include <pcl/segmentation/sac_segmentation.h>

#include "lidarlabel/core/prelabel.h"
#include "lidarlabel/core/tracking.h"
#include "lidarlabel/io/ontology_io.h"
#include "lidarlabel/io/sweep_io.h"
#include "pcl_baselines.h"

namespace {
using namespace lidarlabel;

constexpr double kGroundZ = -1.73;

Cuboid carAt(double x, double y, double yaw) {
  Cuboid b;
  b.size = {4.5, 1.9, 1.6};
  b.center = {x, y, kGroundZ + 0.8};
  b.yaw = yaw;
  return b;
}

// Sensor-facing sides and top of a box, 0.2 m grid (~470 points per car) (an L-shape as a LiDAR
// sees it).
void addSurface(PointCloud& c, const Cuboid& box) {
  const Eigen::Matrix3d r = box.rotation();
  const Eigen::Vector3d h = box.size / 2;
  for (int axis = 0; axis < 3; ++axis)
    for (int sign : {-1, 1}) {
      if (axis == 2 && sign < 0) continue;
      Eigen::Vector3d n = Eigen::Vector3d::Zero();
      n[axis] = sign;
      if ((r * n).dot(-(box.center + r * n.cwiseProduct(h))) <= 0) continue;
      const int u = (axis + 1) % 3, v = (axis + 2) % 3;
      for (double a = -h[u]; a <= h[u]; a += 0.2)
        for (double b = -h[v]; b <= h[v]; b += 0.2) {
          Eigen::Vector3d l = n.cwiseProduct(h);
          l[u] = a;
          l[v] = b;
          const Eigen::Vector3d p = box.center + r * l;
          c.push(static_cast<float>(p.x()), static_cast<float>(p.y()), static_cast<float>(p.z()),
                 0.5f);
        }
    }
}

struct StepScene {
  PointCloud cloud;
  GroundResult ground;
  TrackerState state;
};

// Sweep with 100 cars on a 10 x 10 grid around the sensor (spacing 9 m x 7 m), each moved
// `moved` metres along its heading from its start box; ground points fill it up to 120k points.
StepScene makeSweep(int cars, double moved) {
  StepScene s;
  const int side = static_cast<int>(std::ceil(std::sqrt(cars)));
  for (int k = 0; k < cars; ++k) {
    const double x = -40 + 9.0 * (k % side) + 0.5, y = -35 + 7.0 * (k / side) + 0.5;
    const double yaw = 0.1 * (k % 7);
    addSurface(s.cloud, carAt(x + moved * std::cos(yaw), y + moved * std::sin(yaw), yaw));
  }
  for (double rr = 3.0; s.cloud.size() < 120000; rr += 0.25)
    for (double a = 0; a < 2 * M_PI && s.cloud.size() < 120000; a += 0.5 / rr)
      s.cloud.push(static_cast<float>(rr * std::cos(a)), static_cast<float>(rr * std::sin(a)),
                   static_cast<float>(kGroundZ), 0.1f);
  s.ground.isGround.resize(s.cloud.size());
  s.ground.groundHeight.assign(s.cloud.size(), static_cast<float>(kGroundZ));
  for (std::size_t i = 0; i < s.cloud.size(); ++i)
    s.ground.isGround[i] = std::abs(s.cloud.z[i] - kGroundZ) < 1e-3 ? 1 : 0;
  return s;
}

// Tracks started from the cars' boxes at t = 0 (moving 10 m/s along their heading). warm = 0:
// the benchmarked step is the first one (velocity still unknown, prediction 1 m off); warm = 1:
// the tracks were already updated once with the sweep at t = 0.1 and the benchmarked step is the
// sweep at t = 0.2 (steady state, as in a running sequence).
StepScene makeStepScene(int cars, bool warm) {
  std::vector<ObjectAnnotation> start;
  const int side = static_cast<int>(std::ceil(std::sqrt(cars)));
  for (int k = 0; k < cars; ++k) {
    ObjectAnnotation o;
    o.trackId = static_cast<std::uint32_t>(k + 1);
    o.className = "car";
    o.box = carAt(-40 + 9.0 * (k % side) + 0.5, -35 + 7.0 * (k / side) + 0.5, 0.1 * (k % 7));
    start.push_back(o);
  }
  TrackerState state = startTracks(start, Eigen::Isometry3d::Identity(), 0.0);
  if (warm) {
    const StepScene first = makeSweep(cars, 1.0);
    TrackFrame tf;
    tf.cloud = &first.cloud;
    tf.ground = &first.ground;
    tf.time = 0.1;
    state = trackNextFrame(state, tf).state;
  }
  StepScene s = makeSweep(cars, warm ? 2.0 : 1.0);
  s.state = state;
  return s;
}

void BM_TrackStep(benchmark::State& state) {
  const StepScene s = makeStepScene(static_cast<int>(state.range(0)), state.range(2) != 0);
  TrackFrame tf;
  tf.cloud = &s.cloud;
  tf.ground = &s.ground;
  tf.time = state.range(2) != 0 ? 0.2 : 0.1;
  TrackerConfig config;
  config.threads = static_cast<int>(state.range(1));
  std::size_t found = 0;
  for (auto _ : state) {
    TrackStepResult r = trackNextFrame(s.state, tf, config);
    found = r.objects.size();
    benchmark::DoNotOptimize(r.objects.data());
  }
  state.counters["tracks"] = static_cast<double>(state.range(0));
  state.counters["found"] = static_cast<double>(found);
  state.counters["points"] = static_cast<double>(s.cloud.size());
  state.counters["threads"] = static_cast<double>(config.threads);
  state.counters["warm"] = static_cast<double>(state.range(2));
}
BENCHMARK(BM_TrackStep)
    ->Args({100, 1, 0})
    ->Args({100, 1, 1})
    ->Args({100, 2, 1})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

std::vector<PointCloud> realSweeps() {
  std::vector<PointCloud> out;
  for (const char* stem : {"000000", "000001", "000002"})
    out.push_back(readKittiBin(std::string(LIDARLABEL_SAMPLE_DATA) +
                               "/semantickitti/sequences/00/velodyne/" + stem + ".bin"));
  return out;
}

// The real sweeps cycled into a 30-frame sequence, 10 Hz.
void BM_PrelabelPipeline(benchmark::State& state) {
  static const std::vector<PointCloud> sweeps = realSweeps();
  Sequence seq;
  seq.frames.resize(30);
  for (std::size_t f = 0; f < seq.frames.size(); ++f)
    seq.frames[f].info.timestampUs = 1'000'000 + 100'000 * static_cast<std::int64_t>(f);
  PrelabelConfig config;
  config.threads = static_cast<int>(state.range(0));
  std::size_t boxes = 0;
  double seconds = 0.0;
  for (auto _ : state) {
    const auto t0 = std::chrono::steady_clock::now();
    PrelabelStats stats;
    const Sequence out = prelabelSequence(
        seq, [&](std::size_t f) { return sweeps[f % sweeps.size()]; }, defaultOntology(), config,
        &stats);
    boxes = stats.boxes;
    benchmark::DoNotOptimize(out.frames.data());
    seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  }
  state.counters["fps"] =
      static_cast<double>(seq.frames.size() * state.iterations()) / std::max(seconds, 1e-9);
  state.counters["boxes/frame"] = static_cast<double>(boxes) / static_cast<double>(seq.size());
  state.counters["threads"] = static_cast<double>(config.threads);
  state.SetLabel("baseline: BM_PclPipelineBaseline/real_time");
}
BENCHMARK(BM_PrelabelPipeline)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

// PCL: RANSAC ground plane, then Euclidean clustering (0.5 m, 15..50000 points, k-d tree) of
// the rest within 50 m, 30 frames. No boxes, no tracking.
void BM_PclPipelineBaseline(benchmark::State& state) {
  static const std::vector<PointCloud> sweeps = realSweeps();
  std::size_t clusters = 0;
  double seconds = 0.0;
  for (auto _ : state) {
    const auto t0 = std::chrono::steady_clock::now();
    for (int f = 0; f < 30; ++f) {
      const PointCloud& c = sweeps[static_cast<std::size_t>(f) % sweeps.size()];
      const pcl::PointCloud<pcl::PointXYZ>::Ptr pc = baseline::toPcl(c);
      const pcl::PointIndices inliers = baseline::ransacPlane(pc);
      std::vector<char> ground(c.size(), 0);
      for (int i : inliers.indices) ground[static_cast<std::size_t>(i)] = 1;
      pcl::PointCloud<pcl::PointXYZ>::Ptr rest(new pcl::PointCloud<pcl::PointXYZ>);
      for (std::size_t i = 0; i < c.size(); ++i)
        if (!ground[i] && c.x[i] * c.x[i] + c.y[i] * c.y[i] < 2500.f) rest->push_back((*pc)[i]);
      pcl::search::KdTree<pcl::PointXYZ>::Ptr tree(new pcl::search::KdTree<pcl::PointXYZ>);
      tree->setInputCloud(rest);
      pcl::EuclideanClusterExtraction<pcl::PointXYZ> ec;
      ec.setClusterTolerance(0.5);
      ec.setMinClusterSize(15);
      ec.setMaxClusterSize(50000);
      ec.setSearchMethod(tree);
      ec.setInputCloud(rest);
      std::vector<pcl::PointIndices> out;
      ec.extract(out);
      clusters = out.size();
      benchmark::DoNotOptimize(out.data());
    }
    seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  }
  state.counters["fps"] = static_cast<double>(30 * state.iterations()) / std::max(seconds, 1e-9);
  state.counters["clusters"] = static_cast<double>(clusters);
}
BENCHMARK(BM_PclPipelineBaseline)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
