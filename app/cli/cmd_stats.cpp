// lidarlabel-cli stats FOLDER... : annotation statistics (core/label_stats.h), per folder and in
// total, as text and JSON (docs/checks.md).
#include <cstdio>

#include "batch.h"
#include "cli.h"
#include "label_cli_support.h"
#include "lidarlabel/core/points_in_box.h"
#include "lidarlabel/io/atomic_file.h"
#include "lidarlabel/io/sequence_open.h"
#include "lidarlabel/io/sweep_io.h"
#include "stats_report.h"

namespace lidarlabel::cli {

namespace {

struct FolderStats {
  std::string folder;
  SequenceStats stats;
  std::string error;
};

FolderStats statsOf(const std::string& folder, const Ontology& ontology, bool points) {
  FolderStats r;
  r.folder = folder;
  try {
    const Sequence seq = openSequence(folder, ontology);
    std::vector<std::vector<std::uint32_t>> inBox;
    if (points)
      for (std::size_t f = 0; f < seq.size(); ++f) {
        std::vector<Cuboid> boxes;
        for (const ObjectAnnotation& o : seq.frames[f].objects) boxes.push_back(o.box);
        PointsInBoxConfig c;
        c.indexLists = false;
        c.threads = 1;
        inBox.push_back(
            pointsInBoxes(readSweep(seq.sweepPathOf(f), seq.sweepFormat), boxes, c).insideCount);
      }
    r.stats = sequenceStats(seq, ontology.reviewLevels, inBox);
  } catch (const std::exception& e) {
    r.error = e.what();
  }
  return r;
}

int runStats(const std::vector<std::string>& argv) {
  std::vector<std::string> valued = {"json", "ontology"};
  valued.insert(valued.end(), kBatchOptions.begin(), kBatchOptions.end());
  const Args args(argv, valued, {"no-points"});
  if (args.positional().empty()) throw UsageError("expected at least one FOLDER");
  const BatchOptions batch = batchOptionsFrom(args);
  const Ontology ontology = ontologyFrom(args);
  const std::vector<std::string> folders = shardFolders(args.positional(), batch);
  std::vector<FolderStats> results(folders.size());
  runBatch(folders.size(), batch, "stats", [&](std::size_t i) {
    results[i] = statsOf(folders[i], ontology, !args.flag("no-points"));
  });
  SequenceStats total;
  total.review.levels = ontology.reviewLevels;
  nlohmann::json list = nlohmann::json::array();
  bool failed = false;
  for (const FolderStats& r : results) {
    std::printf("%s\n", r.folder.c_str());
    if (!r.error.empty()) {
      std::printf("  error: %s\n", r.error.c_str());
      list.push_back({{"folder", r.folder}, {"error", r.error}});
      failed = true;
      continue;
    }
    std::fputs(statsText(r.stats).c_str(), stdout);
    mergeStats(total, r.stats);
    list.push_back({{"folder", r.folder}, {"stats", statsJson(r.stats)}});
  }
  if (results.size() > 1) std::printf("all folders\n%s", statsText(total).c_str());
  if (const auto out = args.value("json")) {
    const nlohmann::json report{{"kind", "stats"},
                                {"report_version", 1},
                                {"shards", nlohmann::json::array({shardName(batch.shard)})},
                                {"folders", list},
                                {"total", statsJson(total)}};
    writeFileAtomic(*out, report.dump(1) + "\n");
    std::printf("report: %s\n", out->c_str());
  }
  return failed ? 1 : 0;
}

}  // namespace

Command statsCommand() {
  return {
      "stats",
      "annotation statistics: classes, points per box, tracks, provenance, review progress",
      "usage: lidarlabel-cli stats FOLDER... [--json FILE] [--no-points] [--ontology FILE]\n"
      "                           [--jobs N] [--shard I/N]\n"
      "  Per folder and in total: objects and tracks per class, points per box (min, mean, max;\n"
      "  --no-points: no sweep is read), track lengths in frames, provenance, review progress\n"
      "  per level (the ontology's review_levels), comments, annotation time when recorded.\n"
      "Exit status: 0 done, 1 a folder could not be read, 2 usage error.",
      runStats};
}

}  // namespace lidarlabel::cli
