// lidarlabel-cli compare A B [A2 B2 ...]: agreement of two annotation sets per sequence pair
// (core/compare.h) as a readable table and a JSON report (docs/checks.md).
#include <cstdio>

#include "batch.h"
#include "cli.h"
#include "compare_report.h"
#include "label_cli_support.h"
#include "lidarlabel/io/atomic_file.h"
#include "lidarlabel/io/frame_labels.h"
#include "lidarlabel/io/sequence_open.h"
#include "lidarlabel/io/sweep_io.h"

namespace lidarlabel::cli {

namespace {

PairCompare comparePair(const std::string& a, const std::string& b, const Ontology& ontology,
                        const CompareConfig& config, bool points) {
  PairCompare r;
  r.reference = a;
  r.test = b;
  try {
    const Sequence sa = openSequence(a, ontology);
    const Sequence sb = openSequence(b, ontology);
    LabelPairLoader labels;
    if (points)
      labels = [&](std::size_t f) {
        // The point count comes from the reference's sweep; both label sets must match it.
        const std::size_t n = readSweep(sa.sweepPathOf(f), sa.sweepFormat).size();
        return std::make_pair(readFramePointLabels(sa, f, n, ontology),
                              readFramePointLabels(sb, f, n, ontology));
      };
    r.result = compareSequences(sa, sb, config, labels);
  } catch (const std::exception& e) {
    r.error = e.what();
  }
  return r;
}

int runCompare(const std::vector<std::string>& argv) {
  std::vector<std::string> valued = {"json", "ontology", "min-iou"};
  valued.insert(valued.end(), kBatchOptions.begin(), kBatchOptions.end());
  const Args args(argv, valued, {"bev", "no-points", "per-frame"});
  const auto& pos = args.positional();
  if (pos.size() < 2 || pos.size() % 2 != 0)
    throw UsageError("expected pairs of folders: REFERENCE TEST [REFERENCE2 TEST2 ...]");
  CompareConfig config;
  config.minIoU = args.doubleOr("min-iou", config.minIoU);
  if (config.minIoU <= 0 || config.minIoU > 1) throw UsageError("--min-iou expects 0 < IoU <= 1");
  config.bev = args.flag("bev");
  const BatchOptions batch = batchOptionsFrom(args);
  const Ontology ontology = ontologyFrom(args);
  // Shard the pairs by their reference folder ("REF\nTEST" keeps each pair whole).
  std::vector<std::string> keys;
  for (std::size_t i = 0; i < pos.size(); i += 2) keys.push_back(pos[i] + "\n" + pos[i + 1]);
  keys = shardItems(keys, batch.shard);
  std::vector<PairCompare> results(keys.size());
  runBatch(keys.size(), batch, "compare", [&](std::size_t i) {
    const auto nl = keys[i].find('\n');
    results[i] = comparePair(keys[i].substr(0, nl), keys[i].substr(nl + 1), ontology, config,
                             !args.flag("no-points"));
  });
  bool failed = false;
  for (const PairCompare& r : results) {
    std::fputs(compareText(r, args.flag("per-frame")).c_str(), stdout);
    failed = failed || !r.error.empty();
  }
  const nlohmann::json report = compareReportJson(results, config, shardName(batch.shard));
  if (results.size() > 1) std::fputs(compareOverallText(report).c_str(), stdout);
  if (const auto out = args.value("json")) {
    writeFileAtomic(*out, report.dump(1) + "\n");
    std::printf("report: %s\n", out->c_str());
  }
  return failed ? 1 : 0;
}

}  // namespace

Command compareCommand() {
  return {
      "compare",
      "agreement of two annotation sets (precision, recall, IoU, errors, ID switches, points)",
      "usage: lidarlabel-cli compare REFERENCE TEST [REFERENCE2 TEST2 ...] [--json FILE]\n"
      "                             [--min-iou X] [--bev] [--no-points] [--per-frame]\n"
      "                             [--ontology FILE] [--jobs N] [--shard I/N]\n"
      "  Matches the boxes of each frame per class (Hungarian on IoU, a pair counts when\n"
      "  IoU >= --min-iou, default 0.5; --bev for bird's-eye-view IoU). TEST is scored against\n"
      "  REFERENCE: precision = matched / TEST boxes, recall = matched / REFERENCE boxes.\n"
      "  Reports per class and overall: precision, recall, mean IoU, centre / yaw / size error of\n"
      "  the matches, ID switches along reference tracks, and per-point label agreement\n"
      "  (per-class IoU and their mean) when both sets have point labels (--no-points: skip).\n"
      "  --per-frame   also print one line per frame\n"
      "  --json FILE   the report; its \"overall\" object holds precision, recall, mean_iou\n"
      "Exit status: 0 compared, 1 a pair could not be read, 2 usage error.",
      runCompare};
}

}  // namespace lidarlabel::cli
