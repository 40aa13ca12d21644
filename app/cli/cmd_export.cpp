// lidarlabel-cli export SEQUENCE_FOLDER --format F --out DIR: labels in a standard format.
#include <algorithm>
#include <cstdarg>
#include <cstdio>
#include <filesystem>

#include "batch.h"
#include "claim.h"
#include "cli.h"
#include "label_cli_support.h"
#include "lidarlabel/io/atomic_exports.h"
#include "lidarlabel/io/kitti_object.h"
#include "lidarlabel/io/kitti_tracking.h"
#include "lidarlabel/io/native_format.h"
#include "lidarlabel/io/nuscenes.h"
#include "lidarlabel/io/nuscenes_lidarseg.h"
#include "lidarlabel/io/ontology_io.h"
#include "lidarlabel/io/openlabel.h"
#include "lidarlabel/io/semantic_kitti.h"
#include "lidarlabel/io/sequence_open.h"

namespace fs = std::filesystem;

namespace lidarlabel::cli {

namespace {

std::string strf(const char* fmt, ...) __attribute__((format(printf, 1, 2)));
std::string strf(const char* fmt, ...) {
  char buffer[1024];
  va_list args;
  va_start(args, fmt);
  std::vsnprintf(buffer, sizeof buffer, fmt, args);
  va_end(args);
  return buffer;
}

// The sequence with its annotations: the native document when there is one, else the labels the
// dataset layout ships (KITTI label_2 + calib, nuScenes tables), so one command converts formats.
Sequence sequenceWithLabels(const std::string& folder, const Ontology& ontology, std::string& log) {
  const SequenceLayout layout = detectSequenceLayout(folder);
  Sequence s = sequenceFromLayout(layout, ontology);  // addLayoutLabels, as the window opens it
  if (layout.kind != "native") {
    std::size_t objects = 0;
    for (const Frame& f : s.frames) objects += f.objects.size();
    const std::string& from = !layout.labelDir.empty()            ? layout.labelDir
                              : !layout.trackingLabelFile.empty() ? layout.trackingLabelFile
                                                                  : layout.nuscenesTableDir;
    if (objects > 0) log += strf("using %s: %zu objects\n", from.c_str(), objects);
  }
  return s;
}

// Exports one sequence into outDir; appends the report lines to log.
void exportSequenceTo(const Args& args, const Sequence& s, const std::string& outDir,
                      const Ontology& ontology, bool frameProgress, std::string& log) {
  const auto format = args.value("format");
  const auto out = std::optional<std::string>(outDir);
  Progress progress("export " + *format, frameProgress ? s.size() : 0);
  auto tick = [&](std::size_t i) { progress.update(i); };
  NuscenesExportSettings nus;
  nus.version = args.valueOr("version", nus.version);
  if (*format == "kitti") {
    KittiExportSettings k;
    k.calibFile = args.valueOr("calib", "");
    k.image = imageSizeFrom(args);
    k.withScore = args.flag("score");
    const KittiExportReport r = exportKittiObjectAtomically(s, *out, ontology, k, tick);
    progress.finish();
    log += strf(
        "kitti: %zu frames, %zu objects -> %s/label_2 (skipped: %zu without KITTI class, "
        "%zu outside image_2)\n",
        r.frames, r.objects, out->c_str(), r.skippedNoClass, r.skippedOutside);
  } else if (*format == "kitti-tracking") {
    KittiTrackingExportSettings k;
    k.calibFile = args.valueOr("calib", "");
    k.sequenceName = args.valueOr("sequence-name", "");
    k.image = imageSizeFrom(args);
    k.withScore = args.flag("score");
    const KittiTrackingRows r = exportKittiTrackingAtomically(s, *out, ontology, k);
    log += strf(
        "kitti-tracking: %zu rows -> %s/label_02 (skipped: %zu without KITTI class, %zu "
        "outside image_2)\n",
        r.rows.size(), out->c_str(), r.skippedNoClass, r.skippedOutside);
  } else if (*format == "nuscenes") {
    const NuscenesExportReport r = exportNuscenes(s, *out, ontology, nus, tick);
    progress.finish();
    log += strf(
        "nuscenes: %zu samples, %zu annotations, %zu instances, %zu lidarseg frames -> "
        "%s/%s (skipped %zu without nuScenes category)\n",
        r.samples, r.annotations, r.instances, r.lidarsegFrames, out->c_str(), nus.version.c_str(),
        r.skippedNoCategory);
  } else if (*format == "nuscenes-results") {
    const std::string file = exportNuscenesResults(s, *out, ontology, nus);
    log += strf("nuscenes-results: %zu samples -> %s\n", s.size(), file.c_str());
  } else if (*format == "semantickitti") {
    const SemanticKittiExportReport r = exportSemanticKitti(s, *out, tick);
    progress.finish();
    log += strf("semantickitti: %zu labelled frames -> %s/labels\n", r.frames, out->c_str());
  } else if (*format == "lidarseg") {
    const LidarsegExportReport r = exportNuscenesLidarseg(s, *out, ontology, nus);
    log +=
        strf("lidarseg: %zu labelled frames -> %s/lidarseg/%s (%zu points without an index -> 0)\n",
             r.frames, out->c_str(), nus.version.c_str(), r.unknown);
  } else if (*format == "openlabel") {
    const std::string path = exportOpenLabel(s, *out);
    log += strf("openlabel: %zu frames -> %s\n", s.size(), path.c_str());
  } else {
    throw UsageError("unknown --format '" + *format +
                     "' (kitti, kitti-tracking, nuscenes, nuscenes-results, semantickitti, "
                     "lidarseg, openlabel)");
  }
}

// Exports one folder into outDir; returns the report lines.
std::string exportOne(const Args& args, const std::string& folder, const std::string& outDir,
                      const Ontology& ontology, bool frameProgress) {
  std::string log;
  const Sequence s = sequenceWithLabels(folder, ontology, log);
  exportSequenceTo(args, s, outDir, ontology, frameProgress, log);
  return log;
}

// --claim: each claimed qa (or review) task's frames are exported into
// DIR/frames_FIRST-LAST (zero-padded) and the task is accepted.
int exportClaimed(const Args& args, const Ontology& ontology) {
  const std::string out = *args.value("out");
  return runClaimed(args, {"export", "qa", {"review", "qa"}}, [&](const ClaimedTask& t) {
    char name[48];
    std::snprintf(name, sizeof name, "frames_%06d-%06d", t.firstFrame, t.lastFrame);
    fs::create_directories(out);
    TaskOutcome outcome{"accept", std::nullopt, "", false};
    exportSequenceTo(args, t.frames, (fs::path(out) / name).string(), ontology, false,
                     outcome.report);
    outcome.report = "  " + outcome.report;
    return outcome;
  });
}

int runExport(const std::vector<std::string>& argv) {
  std::vector<std::string> valued = {"format",     "out",           "calib",  "ontology",
                                     "image-size", "sequence-name", "version"};
  valued.insert(valued.end(), kBatchOptions.begin(), kBatchOptions.end());
  valued.insert(valued.end(), kClaimOptions.begin(), kClaimOptions.end());
  const Args args(argv, valued, {"score", "claim"});
  if (args.positional().empty()) throw UsageError("expected a SEQUENCE_FOLDER");
  if (!args.value("format")) throw UsageError("--format is required");
  if (!args.value("out")) throw UsageError("--out DIR is required");
  const std::string out = *args.value("out");
  const Ontology ontology = ontologyFrom(args);
  const BatchOptions batch = batchOptionsFrom(args);
  if (claimMode(args)) return exportClaimed(args, ontology);
  const std::vector<std::string> folders = shardFolders(args.positional(), batch);
  if (folders.empty()) {
    std::printf("shard %s: no folders\n", shardName(batch.shard).c_str());
    return 0;
  }
  if (args.positional().size() == 1) {  // one folder: straight into DIR, errors as before
    std::fputs(exportOne(args, folders[0], out, ontology, true).c_str(), stdout);
    return 0;
  }
  // Several folders: each into DIR/<folder name>; two folders with one name would collide.
  std::vector<std::string> names;
  for (const std::string& f : shardFolders(args.positional(), BatchOptions{})) {
    const std::string name = fs::path(f).filename().string();
    if (std::find(names.begin(), names.end(), name) != names.end())
      throw UsageError("two folders are named '" + name + "': their exports would collide in " +
                       out);
    names.push_back(name);
  }
  std::vector<std::string> logs(folders.size());
  std::vector<char> ok(folders.size(), 0);  // not vector<bool>: written from several threads
  runBatch(folders.size(), batch, "export", [&](std::size_t i) {
    try {
      const std::string dir = (fs::path(out) / fs::path(folders[i]).filename()).string();
      fs::create_directories(out);
      logs[i] = exportOne(args, folders[i], dir, ontology, false);
      ok[i] = 1;
    } catch (const std::exception& e) {
      logs[i] = std::string("error: ") + e.what() + "\n";
    }
  });
  for (std::size_t i = 0; i < folders.size(); ++i)
    std::printf("%s\n%s", folders[i].c_str(), logs[i].c_str());
  return std::all_of(ok.begin(), ok.end(), [](char b) { return b != 0; }) ? 0 : 1;
}

}  // namespace

Command exportCommand() {
  return {
      "export",
      "write a sequence's labels as kitti, kitti-tracking, nuscenes, semantickitti, lidarseg or "
      "openlabel",
      "usage: lidarlabel-cli export SEQUENCE_FOLDER... --format FORMAT --out DIR [options]\n"
      "  FORMAT: kitti (label_2/ + calib/), kitti-tracking (label_02/<seq>.txt),\n"
      "          nuscenes (13 tables + maps/ + samples/LIDAR_TOP/ [+ lidarseg]),\n"
      "          nuscenes-results (results_nusc.json), semantickitti (labels/*.label),\n"
      "          lidarseg (lidarseg/<version>/*.bin + lidarseg.json), openlabel\n"
      "  --calib FILE        KITTI calibration for every frame (default: <seq>/calib/<frame>.txt)\n"
      "  --image-size WxH    image_2 size for 2-D boxes (default: image_2/*.png header, else "
      "1242x375)\n"
      "  --score             KITTI results files (score column = confidence)\n"
      "  --sequence-name N   kitti-tracking file name (default: sequence name or 0000)\n"
      "  --version V         nuScenes version folder (default v1.0-lidarlabel)\n"
      "  --ontology FILE     class mapping (default: the built-in driving ontology)\n"
      "The whole export is built in a staging folder beside DIR and replaces DIR's content in\n"
      "one step; on any error DIR is left exactly as it was. Other files in DIR are kept.\n"
      "Several folders: each is exported into DIR/<folder name>; --jobs N runs N at once,\n"
      "--shard I/N takes folder k of the sorted list when k mod N = I.\n"
      "       lidarlabel-cli export postgresql://HOST/DATABASE/DATASET/SEQUENCE --claim\n"
      "                            --format FORMAT --out DIR [--stage qa|review] [--lease S]\n"
      "Team server: claims the sequence's qa (or review) tasks one after another, exports each\n"
      "task's frames into DIR/frames_FIRST-LAST and accepts the task, until no task is left.",
      runExport};
}

}  // namespace lidarlabel::cli
