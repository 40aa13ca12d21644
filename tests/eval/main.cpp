// lidarlabel-eval: prints the quality report of the geometry engine as markdown.
//   lidarlabel-eval [--quick] [--clutter] [--only SECTION]... [--bench-json FILE...]
//   lidarlabel-eval --effort [--seed S] [--frames N] [--no-clutter]
// --quick: one short synthetic sequence (for smoke tests); default: three 40-frame sequences.
// --clutter: the synthetic sequences with the simulator's street clutter.
// --effort: the scripted annotator's interactions per box (synthetic seed S, N frames; default
//   101, 10; the street with clutter unless --no-clutter) with and without automation, and on
//   the bundled KITTI frames.
// --only: run only the named sections (ground, fit, tracking, prelabel, precision); default all.
// --bench-json: append speed tables rendered from Google Benchmark JSON files.
#include <algorithm>
#include <cstdio>
#include <cstring>
#include <exception>
#include <set>
#include <string>

#ifdef LIDARLABEL_HAVE_EFFORT
#include <QCoreApplication>
#endif

#include "eval_common.h"
#include "eval_sections.h"

using namespace lidarlabel::eval;

int main(int argc, char** argv) {
  bool quick = false;
  std::vector<std::string> benchJson;
  std::set<std::string> only;
  bool effort = false;
  std::uint64_t seed = 101;
  int frames = 10;
  bool clutter = true;         // --effort: the street with clutter unless --no-clutter
  bool reportClutter = false;  // the report's synthetic sequences: --clutter
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--quick") == 0) {
      quick = true;
    } else if (std::strcmp(argv[i], "--effort") == 0) {
      effort = true;
    } else if (std::strcmp(argv[i], "--seed") == 0 && i + 1 < argc) {
      seed = std::stoull(argv[++i]);
    } else if (std::strcmp(argv[i], "--frames") == 0 && i + 1 < argc) {
      frames = std::max(1, std::stoi(argv[++i]));
    } else if (std::strcmp(argv[i], "--no-clutter") == 0) {
      clutter = false;
    } else if (std::strcmp(argv[i], "--clutter") == 0) {
      reportClutter = true;
    } else if (std::strcmp(argv[i], "--only") == 0 && i + 1 < argc) {
      only.insert(argv[++i]);
    } else if (std::strcmp(argv[i], "--bench-json") == 0) {
      while (i + 1 < argc && argv[i + 1][0] != '-') benchJson.push_back(argv[++i]);
    } else {
      std::fprintf(stderr,
                   "usage: lidarlabel-eval [--quick] [--clutter] [--only SECTION]... [--bench-json "
                   "FILE...]\n"
                   "       lidarlabel-eval --effort [--seed S] [--frames N] [--no-clutter]\n");
      return 2;
    }
  }
  if (effort) {
#ifdef LIDARLABEL_HAVE_EFFORT
    QCoreApplication app(argc, argv);
    try {
      return effortMain(seed, frames, clutter);
    } catch (const std::exception& e) {
      std::fprintf(stderr, "lidarlabel-eval: %s\n", e.what());
      return 1;
    }
#else
    (void)seed;
    (void)frames;
    (void)clutter;
    std::fprintf(stderr, "lidarlabel-eval: --effort needs the GUI libraries (LIDARLABEL_GUI=ON)\n");
    return 2;
#endif
  }
  try {
    std::printf("## Geometry engine: quality against ground truth\n\n");
    std::printf(
        "Produced by `lidarlabel-eval` (scripts/evaluate.sh); every figure below comes "
        "from that run.\n\n");
    const auto real = semanticKittiFrames();
    const auto kitti = kittiObjectFrames();
    const auto want = [&](const char* name) { return only.empty() || only.count(name) > 0; };
    const bool needSynthetic =
        want("ground") || want("fit") || want("tracking") || want("prelabel");
    std::vector<SyntheticSequence> synthetic;
    if (haveSimulator() && needSynthetic) {
      const int n = quick ? 1 : 3;
      for (int s = 1; s <= n; ++s)
        synthetic.push_back(syntheticSequence(s, quick ? 10 : 40, reportClutter));
      std::printf(
          "Synthetic data: %d sequence(s) of %zu frames simulated in-process "
          "(`lidarlabel::sim`, seeds 1..%d, default HDL-64E-like sensor, 60 road users%s).\n\n",
          n, synthetic[0].frames.size(), n, reportClutter ? ", street clutter" : "");
    } else if (needSynthetic) {
      std::printf("_The simulator library is not built: synthetic rows are missing._\n\n");
    }
    std::vector<EvalFrame> synFrames;
    for (const auto& s : synthetic)
      for (const auto& f : s.frames) synFrames.push_back(f);
    if (want("ground")) groundSection(real, synFrames);
    std::vector<EvalFrame> synFit;
    for (std::size_t i = 0; i < synFrames.size(); i += 5) synFit.push_back(synFrames[i]);
    if (want("fit")) fitSection(kitti, synFit);
    if (want("tracking")) trackingSection(synthetic);
    if (want("prelabel")) prelabelSection(kitti, synthetic);
    if (want("precision")) precisionSection(real, kitti, nuscenesFrames());
    if (!benchJson.empty()) speedSection(benchJson);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "lidarlabel-eval: %s\n", e.what());
    return 1;
  }
  return 0;
}
