// lidarlabel-cli prelabel SEQUENCE_FOLDER [--out FILE] [--force] [--ontology FILE]
//                         [--traffic right|left|off]
// Runs the pre-labelling pipeline (core/prelabel.h) over every frame and writes the native
// annotation document atomically, every box with provenance "automatic". The side of the road:
// --traffic, else the one the sequence records, else the one its oncoming tracks show
// (core/traffic_detect.h), else right-hand traffic.
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <optional>

#include "batch.h"
#include "claim.h"
#include "cli.h"
#include "lidarlabel/core/prelabel.h"
#include "lidarlabel/core/traffic_detect.h"
#include "lidarlabel/core/traffic_side.h"
#include "lidarlabel/io/native_format.h"
#include "lidarlabel/io/ontology_io.h"
#include "lidarlabel/io/sequence_open.h"
#include "lidarlabel/io/sweep_io.h"

namespace fs = std::filesystem;

namespace lidarlabel::cli {

namespace {
// --traffic: the side of the road traffic keeps to, for the heading of parked vehicles
// (core/traffic_side.h); nullopt when absent.
std::optional<TrafficSide> trafficOption(const Args& args) {
  const std::optional<std::string> side = args.value("traffic");
  if (!side) return std::nullopt;
  const std::optional<TrafficSide> parsed = parseTrafficSide(*side);
  if (!parsed) throw UsageError("--traffic expects right, left or off, not '" + *side + "'");
  return parsed;
}

struct Prelabelled {
  Sequence result;
  PrelabelStats stats;
  TrafficSide side = TrafficSide::Right;
  std::string how;  // where the side came from, for the report
};

// Pre-labels `sequence` with the side known, else with the side its oncoming tracks show.
Prelabelled prelabelWithTraffic(const Sequence& sequence, const SweepLoader& load,
                                const Ontology& ontology, std::optional<TrafficSide> given,
                                const std::function<void(std::size_t, std::size_t)>& progress) {
  Prelabelled p;
  PrelabelConfig config;
  if (const std::optional<TrafficSide> known =
          given ? given : recordedTrafficSide(sequence.metadata)) {
    config.traffic.side = *known;
    p.result = prelabelSequence(sequence, load, ontology, config, &p.stats, progress);
    p.side = *known;
    p.how = given ? "given" : "recorded";
    return p;
  }
  TrafficVotes votes;
  p.result = prelabelDetectingTraffic(sequence, load, ontology, config, &p.stats, &votes, progress);
  p.side = votes.side.value_or(TrafficSide::Right);
  char how[160];
  std::snprintf(how, sizeof how, "%s: oncoming tracks passing on the left %zu, on the right %zu",
                votes.side ? "detected" : "assumed", votes.right, votes.left);
  p.how = how;
  return p;
}

// One folder; returns the report lines (several folders run in parallel and print in order).
std::string prelabelOne(const std::string& folder, const std::string& out, bool force,
                        const Ontology& ontology, std::optional<TrafficSide> traffic,
                        bool frameProgress) {
  if (fs::exists(out) && !force)
    throw UsageError(out + " exists; pass --out FILE or --force to replace it");
  Sequence seq = openSequence(folder);
  const SweepLoader load = [&seq](std::size_t f) {
    return readSweep(seq.sweepPathOf(f), seq.sweepFormat);
  };
  Progress progress("prelabel", frameProgress ? seq.size() : 0);
  Prelabelled run = prelabelWithTraffic(
      seq, load, ontology, traffic, [&](std::size_t done, std::size_t) { progress.update(done); });
  progress.finish();
  Sequence& result = run.result;
  const PrelabelStats& stats = run.stats;
  // Sweep paths are relative to the document's folder; keep them valid when it moves.
  const fs::path outDir = fs::absolute(out).parent_path();
  if (fs::weakly_canonical(outDir) != fs::weakly_canonical(fs::absolute(seq.root)))
    for (std::size_t f = 0; f < result.size(); ++f)
      result.frames[f].info.sweepPath = fs::absolute(seq.sweepPathOf(f)).string();
  if (!outDir.empty()) fs::create_directories(outDir);
  saveNativeSequence(result, out);
  char text[256];
  std::snprintf(text, sizeof text, "frames: %zu\nboxes: %zu\ntracks: %zu\n", stats.frames,
                stats.boxes, stats.tracks);
  char speed[96];
  std::snprintf(speed, sizeof speed, "seconds: %.2f (%.1f frames/s)\n", stats.seconds,
                stats.seconds > 0 ? static_cast<double>(stats.frames) / stats.seconds : 0.0);
  return std::string(text) + "traffic: " + trafficSideName(run.side) + " (" + run.how + ")\n" +
         speed + "written: " + out + "\n";
}

// --claim: each claimed annotate task's frames are pre-labelled (tracks within the task) and get
// the result as their automatic boxes; the task is submitted for review.
int prelabelClaimed(const Args& args, const Ontology& ontology) {
  const std::optional<TrafficSide> traffic = trafficOption(args);
  if (args.value("out") || args.flag("force"))
    throw UsageError("--out and --force are for folders; --claim commits to the server");
  return runClaimed(args, {"prelabel", "annotate", {"annotate"}}, [&](const ClaimedTask& t) {
    const SweepLoader load = [&t](std::size_t f) {
      return readSweep(t.frames.sweepPathOf(f), t.frames.sweepFormat);
    };
    const Prelabelled run = prelabelWithTraffic(t.frames, load, ontology, traffic, {});
    const PrelabelStats& stats = run.stats;
    TaskOutcome out{"submit", std::vector<std::vector<ObjectAnnotation>>{}, "", false};
    for (const Frame& f : run.result.frames) out.automatic->push_back(f.objects);
    char text[160];
    std::snprintf(text, sizeof text, "  %zu frames, %zu boxes, %zu tracks in %.2f s\n",
                  stats.frames, stats.boxes, stats.tracks, stats.seconds);
    out.report = text;
    return out;
  });
}

int runPrelabel(const std::vector<std::string>& argv) {
  std::vector<std::string> valued = {"out", "ontology", "traffic"};
  valued.insert(valued.end(), kBatchOptions.begin(), kBatchOptions.end());
  valued.insert(valued.end(), kClaimOptions.begin(), kClaimOptions.end());
  const Args args(argv, valued, {"force", "claim"});
  if (args.positional().empty()) throw UsageError("expected a SEQUENCE_FOLDER");
  if (claimMode(args))
    return prelabelClaimed(
        args, args.value("ontology") ? loadOntology(*args.value("ontology")) : defaultOntology());
  if (args.positional().size() > 1 && args.value("out"))
    throw UsageError("--out names one file: it needs exactly one SEQUENCE_FOLDER");
  const BatchOptions batch = batchOptionsFrom(args);
  const std::vector<std::string> folders = shardFolders(args.positional(), batch);
  const Ontology ontology =
      args.value("ontology") ? loadOntology(*args.value("ontology")) : defaultOntology();
  const std::optional<TrafficSide> traffic = trafficOption(args);
  if (folders.size() == 1) {  // errors propagate as before (usage 2, failure 1)
    std::fputs(prelabelOne(folders[0], args.valueOr("out", nativePathFor(folders[0])),
                           args.flag("force"), ontology, traffic, true)
                   .c_str(),
               stdout);
    return 0;
  }
  std::vector<std::string> reports(folders.size());
  std::vector<char> ok(folders.size(), 0);  // not vector<bool>: written from several threads
  runBatch(folders.size(), batch, "prelabel", [&](std::size_t i) {
    try {
      reports[i] = prelabelOne(folders[i], nativePathFor(folders[i]), args.flag("force"), ontology,
                               traffic, false);
      ok[i] = 1;
    } catch (const std::exception& e) {
      reports[i] = std::string("error: ") + e.what() + "\n";
    }
  });
  for (std::size_t i = 0; i < folders.size(); ++i)
    std::printf("%s\n%s", folders[i].c_str(), reports[i].c_str());
  return std::all_of(ok.begin(), ok.end(), [](char b) { return b != 0; }) ? 0 : 1;
}
}  // namespace

Command prelabelCommand() {
  return {
      "prelabel",
      "pre-label a sequence (ground, clustering, box fitting, tracking) into a native file",
      "usage: lidarlabel-cli prelabel SEQUENCE_FOLDER... [--out FILE] [--force] "
      "[--ontology FILE]\n"
      "                              [--traffic right|left|off] [--jobs N] [--shard I/N]\n"
      "  Writes <folder>/annotations.lidarlabel.json (or --out FILE) atomically; every box has\n"
      "  provenance \"automatic\". An existing file is only replaced with --force.\n"
      "  --traffic: the side traffic keeps to (left for the UK, Japan, Singapore): a vehicle\n"
      "  that does not move faces the traffic on its side of the road. Default: the side the\n"
      "  sequence records (a nuScenes scene's city), else right.\n"
      "  Several folders: each gets its own document (--out needs exactly one folder); --jobs N\n"
      "  runs N at once, --shard I/N takes folder k of the sorted list when k mod N = I.\n"
      "       lidarlabel-cli prelabel postgresql://HOST/DATABASE/DATASET/SEQUENCE --claim\n"
      "                              [--stage annotate] [--lease SECONDS] [--ontology FILE]\n"
      "                              [--traffic right|left|off]\n"
      "  Team server: claims the sequence's annotate tasks one after another (lease renewed\n"
      "  while working, default 60 s), replaces each task's automatic boxes with the\n"
      "  pre-labelled ones and submits it for review, until no task is left. Run several\n"
      "  workers at once; a killed worker's task goes to another one when its lease expires.",
      runPrelabel};
}

}  // namespace lidarlabel::cli
