// lidarlabel-cli import --format F SRC --into SEQUENCE_FOLDER: labels from a standard format into
// the sequence's native document (saved atomically).
#include <cstdio>
#include <filesystem>

#include "cli.h"
#include "label_cli_support.h"
#include "lidarlabel/io/kitti_object.h"
#include "lidarlabel/io/kitti_tracking.h"
#include "lidarlabel/io/native_format.h"
#include "lidarlabel/io/nuscenes.h"
#include "lidarlabel/io/nuscenes_lidarseg.h"
#include "lidarlabel/io/openlabel.h"
#include "lidarlabel/io/semantic_kitti.h"
#include "lidarlabel/io/sequence_open.h"
#include "lidarlabel/io/sweep_io.h"

namespace fs = std::filesystem;

namespace lidarlabel::cli {

namespace {

constexpr const char* kSidecarDir = "point_labels";  // native sidecars, relative to the root

// Per-point labels: for every frame, `fileFor(i)` names the source file ("" or missing = none);
// labels are checked against the sweep's point count and stored as native sidecars.
template <typename ReadFn, typename FileFn>
std::size_t importPointLabels(Sequence& s, Progress& progress, FileFn fileFor, ReadFn read) {
  std::size_t n = 0;
  fs::create_directories(fs::path(s.root) / kSidecarDir);
  for (std::size_t i = 0; i < s.size(); ++i) {
    progress.update(i + 1);
    const std::string src = fileFor(i);
    if (src.empty() || !fs::exists(src)) continue;
    const long long points =
        static_cast<long long>(readSweep(s.sweepPathOf(i), s.sweepFormat).size());
    const PointLabels labels = read(src, points);
    const std::string rel = std::string(kSidecarDir) + "/" + kittiFrameStem(s, i) + ".llpl";
    writePointLabels(resolvePath(s.root, rel), labels);
    s.frames[i].pointLabelPath = rel;
    ++n;
  }
  return n;
}

std::string trackingCalibFor(const std::string& labelFile) {
  const fs::path p(labelFile);
  return (p.parent_path().parent_path() / "calib" / p.filename()).string();
}

int runImport(const std::vector<std::string>& argv) {
  const Args args(argv, {"format", "into", "calib", "ontology", "version"}, {});
  if (args.positional().size() != 1) throw UsageError("expected one SRC");
  const auto format = args.value("format");
  const auto into = args.value("into");
  if (!format) throw UsageError("--format is required");
  if (!into) throw UsageError("--into SEQUENCE_FOLDER is required");
  const std::string src = args.positional()[0];
  const Ontology ontology = ontologyFrom(args);
  // The native document when there is one, else the bare frames: the imported labels replace
  // the folder's own (label_2, ...), they are not stacked on them.
  Sequence s = sweepsFromLayout(detectSequenceLayout(*into));
  Progress progress("import " + *format, s.size());
  if (*format == "kitti") {
    const KittiImportReport r = importKittiObjectLabels(src, s, ontology);
    std::printf("kitti: %zu frames, %zu objects, %zu DontCare regions\n", r.frames, r.objects,
                r.dontCare);
  } else if (*format == "kitti-tracking") {
    const auto r =
        importKittiTrackingLabels(src, args.valueOr("calib", trackingCalibFor(src)), s, ontology);
    std::printf("kitti-tracking: %zu frames, %zu objects in %zu tracks, %zu DontCare regions\n",
                r.frames, r.objects, r.tracks, r.dontCare);
  } else if (*format == "nuscenes") {
    const NuscenesImportReport r = importNuscenes(src, s, ontology);
    std::printf("nuscenes: %zu samples, %zu annotations, %zu instances\n", r.samples, r.annotations,
                r.instances);
  } else if (*format == "semantickitti") {
    const std::size_t n = importPointLabels(
        s, progress,
        [&](std::size_t i) { return (fs::path(src) / (kittiFrameStem(s, i) + ".label")).string(); },
        [&](const std::string& f, long long points) {
          return readSemanticKittiLabelsMapped(f, ontology, points);
        });
    progress.finish();
    std::printf("semantickitti: %zu labelled frames\n", n);
  } else if (*format == "lidarseg") {
    NuscenesExportSettings nus;
    nus.version = args.valueOr("version", nus.version);
    const std::size_t n = importPointLabels(
        s, progress,
        [&](std::size_t i) {
          // <sample_data token>_lidarseg.bin as lidarlabel exports it, else <sweep
          // stem>_lidarseg.bin
          const fs::path byToken =
              fs::path(src) / (nuscenesSampleDataToken(s, i, nus) + "_lidarseg.bin");
          if (fs::exists(byToken)) return byToken.string();
          std::string stem = fs::path(s.frames[i].info.sweepPath).filename().string();
          stem = stem.substr(0, stem.find('.'));
          return (fs::path(src) / (stem + "_lidarseg.bin")).string();
        },
        [&](const std::string& f, long long points) {
          return readNuscenesLidarseg(f, ontology, points);
        });
    progress.finish();
    std::printf("lidarseg: %zu labelled frames\n", n);
  } else if (*format == "openlabel") {
    const std::size_t n = importOpenLabel(src, s);
    std::printf("openlabel: %zu objects\n", n);
  } else {
    throw UsageError("unknown --format '" + *format +
                     "' (kitti, kitti-tracking, nuscenes, semantickitti, lidarseg, openlabel)");
  }
  const std::string doc = nativePathFor(*into);
  saveNativeSequence(s, doc);
  std::printf("saved %s\n", doc.c_str());
  return 0;
}

}  // namespace

Command importCommand() {
  return {
      "import",
      "read labels (kitti, kitti-tracking, nuscenes, semantickitti, lidarseg, openlabel) into a "
      "sequence",
      "usage: lidarlabel-cli import --format FORMAT SRC --into SEQUENCE_FOLDER [options]\n"
      "  kitti           SRC = folder with label_2/ and calib/ (frames matched by file number)\n"
      "  kitti-tracking  SRC = label_02/<seq>.txt; --calib FILE (default ../../calib/<seq>.txt)\n"
      "  nuscenes        SRC = the version folder holding the 13 tables (e.g. v1.0-mini)\n"
      "  semantickitti   SRC = folder of <frame>.label files (counts checked against the sweeps)\n"
      "  lidarseg        SRC = folder of <sample_data token or sweep stem>_lidarseg.bin\n"
      "  openlabel       SRC = an OpenLABEL 1.0.0 JSON file (frames by index)\n"
      "  --ontology FILE class mapping (default: the built-in driving ontology)\n"
      "The sequence's annotations.lidarlabel.json is written atomically.",
      runImport};
}

}  // namespace lidarlabel::cli
