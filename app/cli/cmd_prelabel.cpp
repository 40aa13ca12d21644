// lidarlabel-cli prelabel SEQUENCE_FOLDER [--out FILE] [--force] [--ontology FILE]
// Runs the pre-labelling pipeline (core/prelabel.h) over every frame and writes the native
// annotation document atomically, every box with provenance "automatic".
#include <cstdio>
#include <filesystem>

#include "cli.h"
#include "lidarlabel/core/prelabel.h"
#include "lidarlabel/io/native_format.h"
#include "lidarlabel/io/ontology_io.h"
#include "lidarlabel/io/sequence_open.h"
#include "lidarlabel/io/sweep_io.h"

namespace fs = std::filesystem;

namespace lidarlabel::cli {

namespace {
int runPrelabel(const std::vector<std::string>& argv) {
  const Args args(argv, {"out", "ontology"}, {"force"});
  if (args.positional().size() != 1) throw UsageError("expected one SEQUENCE_FOLDER");
  const std::string folder = args.positional()[0];
  const std::string out = args.valueOr("out", nativePathFor(folder));
  if (fs::exists(out) && !args.flag("force"))
    throw UsageError(out + " exists; pass --out FILE or --force to replace it");
  const Ontology ontology =
      args.value("ontology") ? loadOntology(*args.value("ontology")) : defaultOntology();
  Sequence seq = openSequence(folder);
  const SweepLoader load = [&seq](std::size_t f) {
    return readSweep(seq.sweepPathOf(f), seq.sweepFormat);
  };
  Progress progress("prelabel", seq.size());
  PrelabelStats stats;
  Sequence result = prelabelSequence(seq, load, ontology, {}, &stats,
                                     [&](std::size_t done, std::size_t) { progress.update(done); });
  progress.finish();
  // Sweep paths are relative to the document's folder; keep them valid when it moves.
  const fs::path outDir = fs::absolute(out).parent_path();
  if (fs::weakly_canonical(outDir) != fs::weakly_canonical(fs::absolute(seq.root)))
    for (std::size_t f = 0; f < result.size(); ++f)
      result.frames[f].info.sweepPath = fs::absolute(seq.sweepPathOf(f)).string();
  if (!outDir.empty()) fs::create_directories(outDir);
  saveNativeSequence(result, out);
  std::printf("frames: %zu\nboxes: %zu\ntracks: %zu\nseconds: %.2f (%.1f frames/s)\nwritten: %s\n",
              stats.frames, stats.boxes, stats.tracks, stats.seconds,
              stats.seconds > 0 ? static_cast<double>(stats.frames) / stats.seconds : 0.0,
              out.c_str());
  return 0;
}
}  // namespace

Command prelabelCommand() {
  return {
      "prelabel",
      "pre-label a sequence (ground, clustering, box fitting, tracking) into a native file",
      "usage: lidarlabel-cli prelabel SEQUENCE_FOLDER [--out FILE] [--force] "
      "[--ontology FILE]\n"
      "  Writes <folder>/annotations.lidarlabel.json (or --out FILE) atomically; every box has\n"
      "  provenance \"automatic\". An existing file is only replaced with --force.",
      runPrelabel};
}

}  // namespace lidarlabel::cli
