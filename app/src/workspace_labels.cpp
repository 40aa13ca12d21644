// Workspace: point-label sidecars of saves and autosaves (docs/workspace.md).
#include <filesystem>

#include "lidarlabel/app/document.h"
#include "lidarlabel/io/kitti_object.h"
#include "lidarlabel/io/native_format.h"
#include "workspace_internal.h"

namespace fs = std::filesystem;

namespace lidarlabel::workspace_detail {

std::vector<LabelSnapshot> snapshotUnsavedLabels(Document& document) {
  std::vector<LabelSnapshot> out;
  for (const std::size_t f : document.unsavedPointLabelFrames()) {
    const std::shared_ptr<const PointLabels> labels = document.pointLabels(f);
    if (labels) out.push_back({f, kittiFrameStem(document.sequence(), f), *labels});
  }
  return out;
}

std::map<std::size_t, std::string> writeLabelSidecars(const std::vector<LabelSnapshot>& labels,
                                                      Sequence& sequence, const std::string& folder,
                                                      const std::string& subdir, bool fresh) {
  std::map<std::size_t, std::string> paths;
  if (labels.empty()) return paths;
  fs::create_directories(fs::path(folder) / subdir);
  for (const LabelSnapshot& s : labels) {
    std::string rel = subdir + "/" + s.stem + ".llpl";
    for (int k = 1; fresh && fs::exists(fs::path(folder) / rel); ++k)
      rel = subdir + "/" + s.stem + "-" + std::to_string(k) + ".llpl";
    writePointLabels((fs::path(folder) / rel).string(), s.labels);
    if (s.frame < sequence.frames.size()) sequence.frames[s.frame].pointLabelPath = rel;
    paths[s.frame] = rel;
  }
  return paths;
}

std::string recoveryLabelsDir(const std::string& recoveryPath) {
  return fs::path(recoveryPath).filename().string() + ".labels";
}

void removeRecovery(const std::string& recoveryPath) {
  if (recoveryPath.empty()) return;
  std::error_code ec;
  fs::remove(recoveryPath, ec);
  fs::remove_all(fs::path(recoveryPath).parent_path() / recoveryLabelsDir(recoveryPath), ec);
}

void writeRecovery(Sequence sequence, const std::vector<LabelSnapshot>& labels,
                   const std::string& folder, const std::string& recoveryPath) {
  writeLabelSidecars(labels, sequence, folder, recoveryLabelsDir(recoveryPath), false);
  saveNativeSequence(sequence, recoveryPath);
}

std::vector<std::size_t> recoveredLabelFrames(const Sequence& sequence,
                                              const std::string& recoveryPath) {
  const std::string prefix = recoveryLabelsDir(recoveryPath) + "/";
  std::vector<std::size_t> frames;
  for (std::size_t f = 0; f < sequence.frames.size(); ++f)
    if (sequence.frames[f].pointLabelPath.rfind(prefix, 0) == 0) frames.push_back(f);
  return frames;
}

}  // namespace lidarlabel::workspace_detail
