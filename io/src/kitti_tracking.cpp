#include "lidarlabel/io/kitti_tracking.h"

#include <cctype>
#include <filesystem>
#include <set>

#include "lidarlabel/io/atomic_file.h"
#include "text_util.h"

namespace fs = std::filesystem;

namespace lidarlabel {

namespace {
constexpr double kTruncatedLevelFraction = 0.15;  // computed fraction >= this -> level 1

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
    sequence.frames[static_cast<std::size_t>(f)].passthrough.erase("kitti.dontcare");
  }
  for (const KittiLabel& r : rows) {
    Frame& frame = sequence.frames[static_cast<std::size_t>(r.frame)];
    const std::size_t before = frame.objects.size();
    addKittiLabelsToFrame({r}, calib, ontology, static_cast<std::uint32_t>(r.trackId + 1), frame);
    if (frame.objects.size() > before) {
      ++report.objects;
      tracks.insert(r.trackId);
    } else {
      ++report.dontCare;
    }
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
                                                const KittiImageSize& image, bool withScore) {
  KittiTrackingRows out;
  for (std::size_t i = 0; i < sequence.size(); ++i) {
    const Frame& frame = sequence.frames[i];
    for (const ObjectAnnotation& o : frame.objects) {
      KittiSkip why = KittiSkip::None;
      std::optional<KittiLabel> l = kittiLabelFromObject(o, calib, ontology, image, &why);
      if (!l) {
        (why == KittiSkip::NoKittiClass ? out.skippedNoClass : out.skippedOutside)++;
        continue;
      }
      const auto stored = o.attributes.find("kitti.truncated");
      const std::optional<double> level =
          stored == o.attributes.end() ? std::nullopt : parseDouble(stored->second);
      const bool restored = level && l->truncated == *level;
      if (!restored) l->truncated = l->truncated >= kTruncatedLevelFraction ? 1 : 0;
      l->frame = static_cast<int>(i);
      l->trackId = static_cast<int>(o.trackId) - 1;
      if (withScore) l->score = o.confidence;
      out.rows.push_back(std::move(*l));
    }
    if (withScore) continue;
    for (KittiLabel& d : kittiDontCareRows(frame)) {
      d.frame = static_cast<int>(i);
      d.trackId = -1;
      out.rows.push_back(std::move(d));
    }
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
  KittiTrackingRows rows = kittiTrackingRowsFromSequence(
      sequence, calib, ontology, settings.image.value_or(KittiImageSize{}), settings.withScore);
  fs::create_directories(fs::path(outDir) / "label_02");
  fs::create_directories(fs::path(outDir) / "calib");
  writeFileAtomic((fs::path(outDir) / "label_02" / (name + ".txt")).string(),
                  kittiTrackingLabelsToText(rows.rows));
  writeFileAtomic((fs::path(outDir) / "calib" / (name + ".txt")).string(),
                  kittiTrackingCalibToText(calib));
  return rows;
}

}  // namespace lidarlabel
