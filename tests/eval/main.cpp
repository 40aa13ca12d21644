// lidarlabel-eval: prints the quality report of the geometry engine as markdown.
//   lidarlabel-eval [--quick] [--bench-json FILE...]
// --quick: one short synthetic sequence (for smoke tests); default: three 40-frame sequences.
// --bench-json: append speed tables rendered from Google Benchmark JSON files.
#include <cstdio>
#include <cstring>
#include <exception>

#include "eval_common.h"
#include "eval_sections.h"

using namespace lidarlabel::eval;

int main(int argc, char** argv) {
  bool quick = false;
  std::vector<std::string> benchJson;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--quick") == 0) {
      quick = true;
    } else if (std::strcmp(argv[i], "--bench-json") == 0) {
      while (i + 1 < argc && argv[i + 1][0] != '-') benchJson.push_back(argv[++i]);
    } else {
      std::fprintf(stderr, "usage: lidarlabel-eval [--quick] [--bench-json FILE...]\n");
      return 2;
    }
  }
  try {
    std::printf("## Geometry engine: quality against ground truth\n\n");
    std::printf(
        "Produced by `lidarlabel-eval` (scripts/evaluate.sh); every figure below comes "
        "from that run.\n\n");
    const auto real = semanticKittiFrames();
    const auto kitti = kittiObjectFrames();
    std::vector<SyntheticSequence> synthetic;
    if (haveSimulator()) {
      const int n = quick ? 1 : 3;
      for (int s = 1; s <= n; ++s) synthetic.push_back(syntheticSequence(s, quick ? 10 : 40));
      std::printf(
          "Synthetic data: %d sequence(s) of %zu frames simulated in-process "
          "(`lidarlabel::sim`, seeds 1..%d, default HDL-64E-like sensor, 60 road users).\n\n",
          n, synthetic[0].frames.size(), n);
    } else {
      std::printf("_The simulator library is not built: synthetic rows are missing._\n\n");
    }
    std::vector<EvalFrame> synFrames;
    for (const auto& s : synthetic)
      for (const auto& f : s.frames) synFrames.push_back(f);
    groundSection(real, synFrames);
    std::vector<EvalFrame> synFit;
    for (std::size_t i = 0; i < synFrames.size(); i += 5) synFit.push_back(synFrames[i]);
    fitSection(kitti, synFit);
    trackingSection(synthetic);
    prelabelSection(kitti, synthetic);
    if (!benchJson.empty()) speedSection(benchJson);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "lidarlabel-eval: %s\n", e.what());
    return 1;
  }
  return 0;
}
