// Sweep reading speed against the baselines the issue names, on the real KITTI sample
// 000001.bin (120,268 points):
//   KITTI .bin      readKittiBin              vs  fread of the whole file       (target <= 2x)
//   PCD binary      readPcd                   vs  pcl::io::loadPCDFile<XYZI>    (target >= 3x
//   faster) PCD compressed  readPcd                   vs  pcl::io::loadPCDFile<XYZI> PCD ascii
//   readPcd                   vs  pcl::io::loadPCDFile<XYZI>
// The PCD files are written at start-up into /tmp/lidarlabel-bench/ by PCL's own PCDWriter (so
// both readers read the very same PCL-made file). Peak heap per read is counted by replacing
// global operator new/delete and reported as a multiple of the resulting PointCloud's size
// ("heap_x_cloud": 1.0 = no extra copy on the heap; memory-mapped file pages are not heap).
// A summary with the ratios is printed after the benchmark table.
#include <benchmark/benchmark.h>
#include <malloc.h>
#include <pcl/io/pcd_io.h>
#include <pcl/io/ply_io.h>
#include <pcl/point_types.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <new>
#include <string>
#include <vector>

#include "bench_support.h"
#include "lidarlabel/io/pcd.h"
#include "lidarlabel/io/sweep_io.h"

// ---- heap accounting ---------------------------------------------------------------------
namespace {
std::atomic<long long> gHeapNow{0}, gHeapPeak{0};
void* countedAlloc(std::size_t n) {
  void* p = std::malloc(n ? n : 1);
  if (!p) throw std::bad_alloc();
  const long long now = gHeapNow += static_cast<long long>(malloc_usable_size(p));
  long long peak = gHeapPeak.load();
  while (now > peak && !gHeapPeak.compare_exchange_weak(peak, now)) {
  }
  return p;
}
void countedFree(void* p) {
  if (!p) return;
  gHeapNow -= static_cast<long long>(malloc_usable_size(p));
  std::free(p);
}
}  // namespace
void* operator new(std::size_t n) {
  return countedAlloc(n);
}
void* operator new[](std::size_t n) {
  return countedAlloc(n);
}
void operator delete(void* p) noexcept {
  countedFree(p);
}
void operator delete[](void* p) noexcept {
  countedFree(p);
}
void operator delete(void* p, std::size_t) noexcept {
  countedFree(p);
}
void operator delete[](void* p, std::size_t) noexcept {
  countedFree(p);
}

namespace {
namespace fs = std::filesystem;
const std::string kDir = "/tmp/lidarlabel-bench";
const std::string kKitti =
    std::string(LIDARLABEL_SAMPLE_DATA) + "/kitti_object/training/velodyne/000001.bin";
std::string pcdPath(const char* enc) {
  return kDir + "/kitti000001_pcl_" + enc + ".pcd";
}

void writeFixtures() {
  fs::create_directories(kDir);
  const lidarlabel::PointCloud c = lidarlabel::readKittiBin(kKitti);
  pcl::PointCloud<pcl::PointXYZI> pc;
  pc.resize(c.size());
  for (std::size_t i = 0; i < c.size(); ++i) {
    pc[i].x = c.x[i];
    pc[i].y = c.y[i];
    pc[i].z = c.z[i];
    pc[i].intensity = c.intensity[i];
  }
  pc.width = static_cast<std::uint32_t>(c.size());
  pc.height = 1;
  pcl::PCDWriter w;
  w.writeBinary(pcdPath("binary"), pc);
  w.writeBinaryCompressed(pcdPath("binary_compressed"), pc);
  w.writeASCII(pcdPath("ascii"), pc);
  // Interoperability of our writer: PCL must read back every encoding we write, bit for bit
  // (ascii within float printing: we write shortest round-trip form, so also exact).
  const std::pair<const char*, lidarlabel::PcdEncoding> ours[] = {
      {"ascii", lidarlabel::PcdEncoding::Ascii},
      {"binary", lidarlabel::PcdEncoding::Binary},
      {"binary_compressed", lidarlabel::PcdEncoding::BinaryCompressed}};
  for (const auto& [name, enc] : ours) {
    const std::string path = kDir + "/kitti000001_lidarlabel_" + name + ".pcd";
    lidarlabel::writePcd(path, c, enc);
    pcl::PointCloud<pcl::PointXYZI> back;
    std::size_t mismatches = c.size();
    if (pcl::io::loadPCDFile(path, back) == 0 && back.size() == c.size()) {
      mismatches = 0;
      for (std::size_t i = 0; i < c.size(); ++i)
        mismatches += (back[i].x != c.x[i] || back[i].y != c.y[i] || back[i].z != c.z[i] ||
                       back[i].intensity != c.intensity[i]);
    }
    std::printf(
        "interop: pcl::io::loadPCDFile on lidarlabel's %s PCD: %zu points, %zu mismatches\n", name,
        back.size(), mismatches);
  }
  // And the other way for PLY: PCL writes camera/face elements; our reader must skip them.
  for (const bool binary : {false, true}) {
    const std::string path =
        kDir + (binary ? "/kitti000001_pcl_binary.ply" : "/kitti000001_pcl_ascii.ply");
    pcl::io::savePLYFile(path, pc, binary);
    const lidarlabel::PointCloud back = lidarlabel::readSweep(path);
    std::size_t mismatches = 0;
    for (std::size_t i = 0; i < std::min(back.size(), c.size()); ++i)
      mismatches += (back.x[i] != c.x[i] || back.y[i] != c.y[i] || back.z[i] != c.z[i] ||
                     back.intensity[i] != c.intensity[i]);
    std::printf("interop: lidarlabel readPly on PCL's %s PLY: %zu of %zu points, %zu mismatches\n",
                binary ? "binary" : "ascii", back.size(), c.size(), mismatches);
  }
}

void heapCounter(benchmark::State& state, std::size_t cloudBytes, long long peak) {
  state.counters["heap_x_cloud"] = static_cast<double>(peak) / static_cast<double>(cloudBytes);
}

void BM_KittiBin_Lidarlabel(benchmark::State& state) {
  std::size_t bytes = 0;
  long long peak = 0;
  for (auto _ : state) {
    const long long before = gHeapNow;
    gHeapPeak = before;
    const lidarlabel::PointCloud c = lidarlabel::readKittiBin(kKitti);
    peak = gHeapPeak - before;
    bytes = c.memoryBytes();
    benchmark::DoNotOptimize(c.x.data());
  }
  heapCounter(state, bytes, peak);
  state.SetLabel("baseline: BM_KittiBin_Fread");
}
void BM_KittiBin_Fread(benchmark::State& state) {
  for (auto _ : state) {
    std::FILE* f = std::fopen(kKitti.c_str(), "rb");
    std::fseek(f, 0, SEEK_END);
    const long n = std::ftell(f);
    std::fseek(f, 0, SEEK_SET);
    std::vector<float> buf(static_cast<std::size_t>(n) / 4);
    const std::size_t got = std::fread(buf.data(), 1, static_cast<std::size_t>(n), f);
    std::fclose(f);
    benchmark::DoNotOptimize(buf.data());
    benchmark::DoNotOptimize(got);
  }
}

void readOurs(benchmark::State& state, const char* enc, const char* pclRun) {
  const std::string path = pcdPath(enc);
  std::size_t bytes = 0, n = 0;
  long long peak = 0;
  for (auto _ : state) {
    const long long before = gHeapNow;
    gHeapPeak = before;
    const lidarlabel::PointCloud c = lidarlabel::readPcd(path);
    peak = gHeapPeak - before;
    bytes = c.memoryBytes();
    n = c.size();
    benchmark::DoNotOptimize(c.x.data());
  }
  heapCounter(state, bytes, peak);
  state.counters["points"] = static_cast<double>(n);
  state.SetLabel(std::string("baseline: ") + pclRun);
}
void readPcl(benchmark::State& state, const char* enc) {
  const std::string path = pcdPath(enc);
  std::size_t n = 0;
  for (auto _ : state) {
    pcl::PointCloud<pcl::PointXYZI> pc;
    if (pcl::io::loadPCDFile(path, pc) != 0) state.SkipWithError("PCL failed to read");
    n = pc.size();
    benchmark::DoNotOptimize(pc.points.data());
  }
  state.counters["points"] = static_cast<double>(n);
}
void BM_PcdBinary_Lidarlabel(benchmark::State& s) {
  readOurs(s, "binary", "BM_PcdBinary_Pcl");
}
void BM_PcdBinary_Pcl(benchmark::State& s) {
  readPcl(s, "binary");
}
void BM_PcdCompressed_Lidarlabel(benchmark::State& s) {
  readOurs(s, "binary_compressed", "BM_PcdCompressed_Pcl");
}
void BM_PcdCompressed_Pcl(benchmark::State& s) {
  readPcl(s, "binary_compressed");
}
void BM_PcdAscii_Lidarlabel(benchmark::State& s) {
  readOurs(s, "ascii", "BM_PcdAscii_Pcl");
}
void BM_PcdAscii_Pcl(benchmark::State& s) {
  readPcl(s, "ascii");
}

BENCHMARK(BM_KittiBin_Lidarlabel)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_KittiBin_Fread)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_PcdBinary_Lidarlabel)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_PcdBinary_Pcl)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_PcdCompressed_Lidarlabel)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_PcdCompressed_Pcl)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_PcdAscii_Lidarlabel)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_PcdAscii_Pcl)->Unit(benchmark::kMillisecond);

}  // namespace

int main(int argc, char** argv) {
  writeFixtures();
  benchmark::Initialize(&argc, argv);
  lidarlabel::bench::RatioReporter reporter;
  benchmark::RunSpecifiedBenchmarks(&reporter);
  auto ratio = [](double a, double b) { return b > 0 ? a / b : 0.0; };
  auto line = [&](const char* label, const char* a, const char* b, const char* target) {
    std::printf("  %-44s %6.2fx real  %6.2fx cpu  %s\n", label,
                ratio(reporter.realMs(a), reporter.realMs(b)),
                ratio(reporter.cpuMs(a), reporter.cpuMs(b)), target);
  };
  std::printf(
      "\nsummary (same run; 120,268-point KITTI sweep 000001; PCD files written by PCL):\n");
  line("KITTI .bin: lidarlabel time / fread time", "BM_KittiBin_Lidarlabel", "BM_KittiBin_Fread",
       "(target <= 2x)");
  line("PCD binary: PCL time / lidarlabel time", "BM_PcdBinary_Pcl", "BM_PcdBinary_Lidarlabel",
       "(target >= 3x)");
  line("PCD binary_compressed: PCL / lidarlabel", "BM_PcdCompressed_Pcl",
       "BM_PcdCompressed_Lidarlabel", "");
  line("PCD ascii: PCL time / lidarlabel time", "BM_PcdAscii_Pcl", "BM_PcdAscii_Lidarlabel", "");
  benchmark::Shutdown();
  return 0;
}
