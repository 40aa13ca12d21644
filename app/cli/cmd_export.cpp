// lidarlabel-cli export SEQUENCE_FOLDER --format F --out DIR: labels in a standard format.
#include <cstdio>
#include <filesystem>

#include "cli.h"
#include "label_cli_support.h"
#include "lidarlabel/io/atomic_file.h"
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

// <out>/labels/<stem>.label for every frame with point labels (folder replaced atomically).
std::size_t exportSemanticKitti(const Sequence& s, const std::string& out, Progress& progress) {
  std::size_t written = 0;
  fs::create_directories(out);
  replaceDirectoryAtomic((fs::path(out) / "labels").string(), [&](const std::string& tmp) {
    for (std::size_t i = 0; i < s.size(); ++i) {
      progress.update(i + 1);
      if (s.frames[i].pointLabelPath.empty()) continue;
      const PointLabels l = readPointLabels(resolvePath(s.root, s.frames[i].pointLabelPath));
      writeSemanticKittiLabels((fs::path(tmp) / (kittiFrameStem(s, i) + ".label")).string(), l);
      ++written;
    }
  });
  return written;
}

// The sequence with its annotations: the native document when there is one, else the labels the
// dataset layout ships (KITTI label_2 + calib, nuScenes tables), so one command converts formats.
Sequence sequenceWithLabels(const std::string& folder, const Ontology& ontology) {
  const SequenceLayout layout = detectSequenceLayout(folder);
  Sequence s = sequenceFromLayout(layout, ontology);  // addLayoutLabels, as the window opens it
  if (layout.kind != "native") {
    std::size_t objects = 0;
    for (const Frame& f : s.frames) objects += f.objects.size();
    const std::string& from = !layout.labelDir.empty()            ? layout.labelDir
                              : !layout.trackingLabelFile.empty() ? layout.trackingLabelFile
                                                                  : layout.nuscenesTableDir;
    if (objects > 0) std::printf("using %s: %zu objects\n", from.c_str(), objects);
  }
  return s;
}

int runExport(const std::vector<std::string>& argv) {
  const Args args(argv,
                  {"format", "out", "calib", "ontology", "image-size", "sequence-name", "version"},
                  {"score"});
  if (args.positional().size() != 1) throw UsageError("expected one SEQUENCE_FOLDER");
  const auto format = args.value("format");
  const auto out = args.value("out");
  if (!format) throw UsageError("--format is required");
  if (!out) throw UsageError("--out DIR is required");
  const Ontology ontology = ontologyFrom(args);
  const Sequence s = sequenceWithLabels(args.positional()[0], ontology);
  Progress progress("export " + *format, s.size());
  auto tick = [&](std::size_t i) { progress.update(i); };
  NuscenesExportSettings nus;
  nus.version = args.valueOr("version", nus.version);
  if (*format == "kitti") {
    KittiExportSettings k;
    k.calibFile = args.valueOr("calib", "");
    k.image = imageSizeFrom(args);
    k.withScore = args.flag("score");
    const KittiExportReport r = exportKittiObject(s, *out, ontology, k, tick);
    progress.finish();
    std::printf(
        "kitti: %zu frames, %zu objects -> %s/label_2 (skipped: %zu without KITTI class, "
        "%zu outside image_2)\n",
        r.frames, r.objects, out->c_str(), r.skippedNoClass, r.skippedOutside);
  } else if (*format == "kitti-tracking") {
    KittiTrackingExportSettings k;
    k.calibFile = args.valueOr("calib", "");
    k.sequenceName = args.valueOr("sequence-name", "");
    k.image = imageSizeFrom(args);
    k.withScore = args.flag("score");
    const KittiTrackingRows r = exportKittiTracking(s, *out, ontology, k);
    std::printf(
        "kitti-tracking: %zu rows -> %s/label_02 (skipped: %zu without KITTI class, %zu "
        "outside image_2)\n",
        r.rows.size(), out->c_str(), r.skippedNoClass, r.skippedOutside);
  } else if (*format == "nuscenes") {
    const NuscenesExportReport r = exportNuscenes(s, *out, ontology, nus, tick);
    progress.finish();
    std::printf(
        "nuscenes: %zu samples, %zu annotations, %zu instances, %zu lidarseg frames -> "
        "%s/%s (skipped %zu without nuScenes category)\n",
        r.samples, r.annotations, r.instances, r.lidarsegFrames, out->c_str(), nus.version.c_str(),
        r.skippedNoCategory);
  } else if (*format == "nuscenes-results") {
    fs::create_directories(*out);
    writeFileAtomic((fs::path(*out) / "results_nusc.json").string(),
                    nuscenesDetectionResultsJson(s, ontology, nus));
    std::printf("nuscenes-results: %zu samples -> %s/results_nusc.json\n", s.size(), out->c_str());
  } else if (*format == "semantickitti") {
    const std::size_t n = exportSemanticKitti(s, *out, progress);
    progress.finish();
    std::printf("semantickitti: %zu labelled frames -> %s/labels\n", n, out->c_str());
  } else if (*format == "lidarseg") {
    const LidarsegExportReport r = exportNuscenesLidarseg(s, *out, ontology, nus);
    std::printf(
        "lidarseg: %zu labelled frames -> %s/lidarseg/%s (%zu points without an index -> 0)\n",
        r.frames, out->c_str(), nus.version.c_str(), r.unknown);
  } else if (*format == "openlabel") {
    fs::create_directories(*out);
    const std::string path =
        (fs::path(*out) / ((s.name.empty() ? std::string("sequence") : s.name) + ".openlabel.json"))
            .string();
    writeOpenLabel(s, path);
    std::printf("openlabel: %zu frames -> %s\n", s.size(), path.c_str());
  } else {
    throw UsageError("unknown --format '" + *format +
                     "' (kitti, kitti-tracking, nuscenes, nuscenes-results, semantickitti, "
                     "lidarseg, openlabel)");
  }
  return 0;
}

}  // namespace

Command exportCommand() {
  return {
      "export",
      "write a sequence's labels as kitti, kitti-tracking, nuscenes, semantickitti, lidarseg or "
      "openlabel",
      "usage: lidarlabel-cli export SEQUENCE_FOLDER --format FORMAT --out DIR [options]\n"
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
      "Every folder is written to a temporary location and moved into place.",
      runExport};
}

}  // namespace lidarlabel::cli
