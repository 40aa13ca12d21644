#include "lidarlabel/io/kitti_tracking.h"

#include <cctype>
#include <filesystem>
#include <set>

#include "kitti_internal.h"
#include "lidarlabel/io/atomic_file.h"
#include "text_util.h"

namespace fs = std::filesystem;

namespace lidarlabel {

namespace {

bool isFourDigits(const std::string& s) {
  return s.size() == 4 && std::all_of(s.begin(), s.end(), [](char c) {
           return std::isdigit(static_cast<unsigned char>(c));
         });
}

}  // namespace

KittiTrackingImportReport addKittiTrackingLabels(const std::vector<KittiLabel>& rows,
                                                 const KittiCalib& calib, const Ontology& ontology,
                                                 Sequence& sequence) {
  KittiTrackingImportReport report;
  std::set<int> frames, tracks;
  for (const KittiLabel& r : rows) frames.insert(r.frame);
  if (!frames.empty() && static_cast<std::size_t>(*frames.rbegin()) >= sequence.size())
    sequence.frames.resize(static_cast<std::size_t>(*frames.rbegin()) + 1);
  for (int f : frames) {
    sequence.frames[static_cast<std::size_t>(f)].objects.clear();
    sequence.frames[static_cast<std::size_t>(f)].passthrough.erase(kKittiDontCareKey);
  }
  for (const KittiLabel& r : rows) {
    Frame& frame = sequence.frames[static_cast<std::size_t>(r.frame)];
    if (r.isDontCare()) {
      addKittiDontCare(r, frame);
      ++report.dontCare;
      continue;
    }
    frame.objects.push_back(kittiObjectFromLabel(
        r, calib, ontology, static_cast<std::uint32_t>(r.trackId + 1), KittiBenchmark::Tracking));
    ++report.objects;
    tracks.insert(r.trackId);
  }
  report.frames = frames.size();
  report.tracks = tracks.size();
  return report;
}

KittiTrackingImportReport importKittiTrackingLabels(const std::string& labelFile,
                                                    const std::string& calibFile,
                                                    Sequence& sequence, const Ontology& ontology) {
  const std::vector<KittiLabel> rows = parseKittiTrackingLabels(readFile(labelFile), labelFile);
  return addKittiTrackingLabels(rows, readKittiCalib(calibFile), ontology, sequence);
}

KittiTrackingRows kittiTrackingRowsFromSequence(const Sequence& sequence, const KittiCalib& calib,
                                                const Ontology& ontology,
                                                const KittiLabelOptions& options,
                                                const KittiFrameSweepLoader& sweep) {
  KittiLabelOptions opt = options;
  opt.benchmark = KittiBenchmark::Tracking;
  KittiTrackingRows out;
  for (std::size_t i = 0; i < sequence.size(); ++i) {
    KittiSweepLoader frameSweep;
    if (sweep) frameSweep = [&sweep, i] { return sweep(i); };
    KittiFrameLabels fl =
        kittiLabelsFromFrame(sequence.frames[i], calib, ontology, opt, frameSweep);
    out.skippedNoClass += fl.skippedNoClass;
    out.skippedOutside += fl.skippedOutside;
    out.computedOcclusion += fl.computedOcclusion;
    for (KittiLabel& l : fl.labels) {
      l.frame = static_cast<int>(i);
      if (l.isDontCare()) l.trackId = -1;
    }
    // The released files' order: DontCare rows first, then objects by track id.
    std::stable_sort(
        fl.labels.begin(), fl.labels.end(),
        [](const KittiLabel& a, const KittiLabel& b) { return a.trackId < b.trackId; });
    for (KittiLabel& l : fl.labels) out.rows.push_back(std::move(l));
  }
  return out;
}

KittiTrackingRows exportKittiTracking(const Sequence& sequence, const std::string& outDir,
                                      const Ontology& ontology,
                                      const KittiTrackingExportSettings& settings) {
  const std::string name = !settings.sequenceName.empty() ? settings.sequenceName
                           : isFourDigits(sequence.name)  ? sequence.name
                                                          : "0000";
  // Default calib: <root>/calib/<name>.txt, or KITTI's training/calib/<name>.txt when the
  // sequence is training/velodyne/<name>/.
  std::string calibPath = settings.calibFile;
  if (calibPath.empty()) {
    const fs::path root(sequence.root);
    const fs::path beside = root / "calib" / (name + ".txt");
    const fs::path kitti = root.parent_path().parent_path() / "calib" / (name + ".txt");
    calibPath = (!fs::exists(beside) && fs::exists(kitti) ? kitti : beside).string();
  }
  const KittiCalib calib = readKittiCalib(calibPath);
  KittiLabelOptions options;
  options.withScore = settings.withScore;
  const fs::path png =
      fs::path(sequence.root).parent_path().parent_path() / "image_02" / name / "000000.png";
  options.image =
      settings.image ? *settings.image : readPngSize(png.string()).value_or(KittiImageSize{});
  KittiTrackingRows rows = kittiTrackingRowsFromSequence(
      sequence, calib, ontology, options,
      [&](std::size_t i) { return kittiSweepForOcclusion(sequence, i); });
  fs::create_directories(fs::path(outDir) / "label_02");
  fs::create_directories(fs::path(outDir) / "calib");
  writeFileAtomic((fs::path(outDir) / "label_02" / (name + ".txt")).string(),
                  kittiTrackingLabelsToText(rows.rows));
  writeFileAtomic((fs::path(outDir) / "calib" / (name + ".txt")).string(),
                  kittiTrackingCalibToText(calib));
  return rows;
}

}  // namespace lidarlabel
