// KITTI object benchmark layout: frames <-> label_2 rows, label_2/ + calib/ folders.
#include <cctype>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <sstream>

#include "lidarlabel/core/errors.h"
#include "lidarlabel/io/atomic_file.h"
#include "lidarlabel/io/kitti_object.h"
#include "text_util.h"

namespace fs = std::filesystem;

namespace lidarlabel {

namespace {

constexpr const char* kDontCareKey = "kitti.dontcare";
// Stored KITTI-only fields are reused while the geometry agrees within half a label digit.
constexpr double kSameGeometryTol = 0.006;

std::string geometryText(const KittiLabel& l) {
  std::string s;
  for (int i = 0; i < 3; ++i) s += formatFixed(l.dimensions[i], 2) + ' ';
  for (int i = 0; i < 3; ++i) s += formatFixed(l.location[i], 2) + ' ';
  return s + formatFixed(l.rotationY, 2);
}

bool sameGeometry(const std::string& stored, const KittiLabel& l) {
  const std::vector<std::string> tok = splitWhitespace(stored);
  if (tok.size() != 7) return false;
  const double now[7] = {l.dimensions[0], l.dimensions[1], l.dimensions[2], l.location[0],
                         l.location[1],   l.location[2],   l.rotationY};
  for (std::size_t i = 0; i < 7; ++i) {
    const auto v = parseDouble(tok[i]);
    if (!v) return false;
    const double diff = i == 6 ? std::abs(angleDiff(*v, now[i])) : std::abs(*v - now[i]);
    if (diff > kSameGeometryTol) return false;
  }
  return true;
}

// Reuses the imported truncation/occlusion/bbox of an unedited box.
void restoreKittiFields(const ObjectAnnotation& o, KittiLabel& l) {
  const auto geo = o.attributes.find("kitti.geometry");
  if (geo == o.attributes.end() || !sameGeometry(geo->second, l)) return;
  if (const auto it = o.attributes.find("kitti.truncated"); it != o.attributes.end())
    if (const auto v = parseDouble(it->second)) l.truncated = *v;
  if (const auto it = o.attributes.find("kitti.occluded"); it != o.attributes.end())
    if (const auto v = parseInteger(it->second)) l.occluded = static_cast<int>(*v);
  if (const auto it = o.attributes.find("kitti.bbox"); it != o.attributes.end()) {
    const std::vector<std::string> tok = splitWhitespace(it->second);
    if (tok.size() == 4)
      for (std::size_t i = 0; i < 4; ++i)
        if (const auto v = parseDouble(tok[i])) l.bbox[i] = *v;
  }
}

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
    if (l.isDontCare()) {
      std::string row = kittiObjectLabelsToText({l});
      row.pop_back();  // '\n'
      frame.passthrough[kDontCareKey].push_back(std::move(row));
      continue;
    }
    ObjectAnnotation o;
    o.trackId = next++;
    const ClassDef* cls = ontology.findByKittiName(l.type);
    o.className = cls ? cls->name : l.type;
    if (!cls) o.attributes["kitti.type"] = l.type;
    o.box = cuboidFromKittiLabel(l, calib);
    o.attributes["kitti.truncated"] = formatFixed(l.truncated, 2);
    o.attributes["kitti.occluded"] = std::to_string(l.occluded);
    o.attributes["kitti.bbox"] = formatFixed(l.bbox[0], 2) + ' ' + formatFixed(l.bbox[1], 2) + ' ' +
                                 formatFixed(l.bbox[2], 2) + ' ' + formatFixed(l.bbox[3], 2);
    o.attributes["kitti.geometry"] = geometryText(l);
    if (l.score) {
      o.attributes["kitti.score"] = formatFixed(*l.score, 4);
      o.provenance = Provenance::Automatic;
      o.confidence = static_cast<float>(std::clamp(*l.score, 0.0, 1.0));
    }
    frame.objects.push_back(std::move(o));
  }
}

std::optional<KittiLabel> kittiLabelFromObject(const ObjectAnnotation& o, const KittiCalib& calib,
                                               const Ontology& ontology,
                                               const KittiImageSize& image, KittiSkip* why) {
  if (why) *why = KittiSkip::None;
  const ClassDef* cls = ontology.find(o.className);
  std::string type = cls ? cls->kittiName : "";
  if (type.empty())
    if (const auto it = o.attributes.find("kitti.type"); it != o.attributes.end())
      type = it->second;
  if (type.empty()) {
    if (why) *why = KittiSkip::NoKittiClass;
    return std::nullopt;
  }
  std::optional<KittiLabel> l = kittiLabelFromCuboid(o.box, calib, image);
  if (!l) {
    if (why) *why = KittiSkip::OutsideImage;
    return std::nullopt;
  }
  l->type = type;
  restoreKittiFields(o, *l);
  return l;
}

KittiFrameLabels kittiLabelsFromFrame(const Frame& frame, const KittiCalib& calib,
                                      const Ontology& ontology, const KittiImageSize& image,
                                      bool withScore) {
  KittiFrameLabels out;
  for (const ObjectAnnotation& o : frame.objects) {
    KittiSkip why = KittiSkip::None;
    std::optional<KittiLabel> l = kittiLabelFromObject(o, calib, ontology, image, &why);
    if (!l) {
      (why == KittiSkip::NoKittiClass ? out.skippedNoClass : out.skippedOutside)++;
      continue;
    }
    if (withScore) l->score = o.confidence;
    out.labels.push_back(std::move(*l));
  }
  if (!withScore)
    for (KittiLabel& l : kittiDontCareRows(frame)) out.labels.push_back(std::move(l));
  return out;
}

std::vector<KittiLabel> kittiDontCareRows(const Frame& frame) {
  std::vector<KittiLabel> out;
  if (const auto it = frame.passthrough.find(kDontCareKey); it != frame.passthrough.end())
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
    f.passthrough.erase(kDontCareKey);
    addKittiLabelsToFrame(labels, calib, ontology, next, f);
    next += static_cast<std::uint32_t>(f.objects.size());
    ++report.frames;
    report.objects += f.objects.size();
    if (const auto it = f.passthrough.find(kDontCareKey); it != f.passthrough.end())
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
    const KittiFrameLabels fl =
        kittiLabelsFromFrame(sequence.frames[i], calib, ontology, image, settings.withScore);
    labelFiles.emplace_back(stem + ".txt", kittiObjectLabelsToText(fl.labels));
    calibFiles.emplace_back(stem + ".txt", kittiCalibToText(calib));
    ++report.frames;
    report.skippedNoClass += fl.skippedNoClass;
    report.skippedOutside += fl.skippedOutside;
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
