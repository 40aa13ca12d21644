// KITTI object benchmark layout: frames <-> label_2 rows, label_2/ + calib/ folders.
#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <sstream>

#include "kitti_internal.h"
#include "lidarlabel/core/errors.h"
#include "lidarlabel/io/atomic_file.h"
#include "lidarlabel/io/kitti_object.h"
#include "lidarlabel/io/sweep_io.h"
#include "text_util.h"

namespace fs = std::filesystem;

namespace lidarlabel {

namespace {

bool allDigits(const std::string& s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
    return std::isdigit(static_cast<unsigned char>(c));
  });
}

}  // namespace

void addKittiLabelsToFrame(const std::vector<KittiLabel>& labels, const KittiCalib& calib,
                           const Ontology& ontology, std::uint32_t firstTrackId, Frame& frame) {
  std::uint32_t next = firstTrackId;
  for (const KittiLabel& l : labels) {
    if (l.isDontCare())
      addKittiDontCare(l, frame);
    else
      frame.objects.push_back(
          kittiObjectFromLabel(l, calib, ontology, next++, KittiBenchmark::Object));
  }
}

KittiFrameLabels kittiLabelsFromFrame(const Frame& frame, const KittiCalib& calib,
                                      const Ontology& ontology, const KittiLabelOptions& options,
                                      const KittiSweepLoader& sweep) {
  KittiFrameLabels out;
  std::vector<Cuboid> boxes;
  std::vector<std::size_t> unknown;  // rows whose occlusion is to be estimated
  for (const ObjectAnnotation& o : frame.objects) {
    KittiSkip why = KittiSkip::None;
    std::optional<KittiObjectRow> row = kittiRowFromObject(o, calib, ontology, options, &why);
    if (!row) {
      (why == KittiSkip::NoKittiClass ? out.skippedNoClass : out.skippedOutside)++;
      continue;
    }
    if (!row->occlusionKnown) unknown.push_back(out.labels.size());
    out.labels.push_back(std::move(row->label));
    boxes.push_back(o.box);
  }
  if (!unknown.empty()) {
    const std::optional<PointCloud> cloud = sweep ? sweep() : std::nullopt;
    const std::vector<KittiOcclusion> est = estimateKittiOcclusion(
        out.labels, boxes, unknown, calib, cloud ? &*cloud : nullptr, options.occlusion);
    for (std::size_t k = 0; k < unknown.size(); ++k) out.labels[unknown[k]].occluded = est[k].level;
    out.computedOcclusion = unknown.size();
  }
  if (!options.withScore)
    for (KittiLabel& l : kittiDontCareRows(frame)) out.labels.push_back(std::move(l));
  return out;
}

std::optional<PointCloud> kittiSweepForOcclusion(const Sequence& sequence, std::size_t frame) {
  if (sequence.frames.at(frame).info.sweepPath.empty()) return std::nullopt;
  const std::string path = sequence.sweepPathOf(frame);
  if (!fs::exists(path)) return std::nullopt;
  SweepReadOptions read;
  read.nonFinite = NonFinitePolicy::Drop;
  return readSweep(path, sequence.sweepFormat, read);
}

std::vector<KittiLabel> kittiDontCareRows(const Frame& frame) {
  std::vector<KittiLabel> out;
  if (const auto it = frame.passthrough.find(kKittiDontCareKey); it != frame.passthrough.end())
    for (const std::string& row : it->second)
      for (KittiLabel& l : parseKittiObjectLabels(row, "passthrough kitti.dontcare"))
        out.push_back(std::move(l));
  return out;
}

std::string kittiFrameStem(const Sequence& sequence, std::size_t frame, int digits) {
  const std::string stem =
      fs::path(fs::path(sequence.frames[frame].info.sweepPath).stem()).stem().string();
  if (allDigits(stem) && static_cast<int>(stem.size()) == digits) return stem;
  char buf[32];
  std::snprintf(buf, sizeof buf, "%0*zu", digits, frame);
  return buf;
}

KittiImportReport importKittiObjectLabels(const std::string& kittiDir, Sequence& sequence,
                                          const Ontology& ontology) {
  KittiImportReport report;
  std::uint32_t next = sequence.maxTrackId() + 1;
  for (std::size_t i = 0; i < sequence.size(); ++i) {
    const std::string stem = kittiFrameStem(sequence, i);
    const fs::path labelPath = fs::path(kittiDir) / "label_2" / (stem + ".txt");
    if (!fs::exists(labelPath)) continue;
    const std::vector<KittiLabel> labels = readKittiObjectLabels(labelPath.string());
    const KittiCalib calib =
        readKittiCalib((fs::path(kittiDir) / "calib" / (stem + ".txt")).string());
    Frame& f = sequence.frames[i];
    f.objects.clear();
    f.passthrough.erase(kKittiDontCareKey);
    addKittiLabelsToFrame(labels, calib, ontology, next, f);
    next += static_cast<std::uint32_t>(f.objects.size());
    ++report.frames;
    report.objects += f.objects.size();
    if (const auto it = f.passthrough.find(kKittiDontCareKey); it != f.passthrough.end())
      report.dontCare += it->second.size();
  }
  return report;
}

KittiExportReport exportKittiObject(const Sequence& sequence, const std::string& outDir,
                                    const Ontology& ontology, const KittiExportSettings& settings,
                                    const std::function<void(std::size_t)>& progress) {
  KittiExportReport report;
  std::optional<KittiCalib> shared;
  if (!settings.calibFile.empty()) shared = readKittiCalib(settings.calibFile);
  // Everything is converted in memory first; the folders are written only if all frames succeed.
  std::vector<std::pair<std::string, std::string>> labelFiles, calibFiles;
  for (std::size_t i = 0; i < sequence.size(); ++i) {
    const std::string stem = kittiFrameStem(sequence, i);
    const KittiCalib calib =
        shared ? *shared
               : readKittiCalib((fs::path(sequence.root) / "calib" / (stem + ".txt")).string());
    const KittiImageSize image =
        settings.image
            ? *settings.image
            : readPngSize((fs::path(sequence.root) / "image_2" / (stem + ".png")).string())
                  .value_or(KittiImageSize{});
    KittiLabelOptions options;
    options.image = image;
    options.withScore = settings.withScore;
    const KittiFrameLabels fl =
        kittiLabelsFromFrame(sequence.frames[i], calib, ontology, options,
                             [&] { return kittiSweepForOcclusion(sequence, i); });
    labelFiles.emplace_back(stem + ".txt", kittiObjectLabelsToText(fl.labels));
    calibFiles.emplace_back(stem + ".txt", kittiCalibToText(calib));
    ++report.frames;
    report.skippedNoClass += fl.skippedNoClass;
    report.skippedOutside += fl.skippedOutside;
    report.computedOcclusion += fl.computedOcclusion;
    for (const KittiLabel& l : fl.labels) report.objects += l.isDontCare() ? 0 : 1;
    if (progress) progress(i + 1);
  }
  fs::create_directories(outDir);
  auto writeAll = [](const std::vector<std::pair<std::string, std::string>>& files) {
    return [&files](const std::string& tmp) {
      for (const auto& [name, text] : files) writeFileAtomic((fs::path(tmp) / name).string(), text);
    };
  };
  replaceDirectoryAtomic((fs::path(outDir) / "label_2").string(), writeAll(labelFiles));
  replaceDirectoryAtomic((fs::path(outDir) / "calib").string(), writeAll(calibFiles));
  return report;
}

}  // namespace lidarlabel
