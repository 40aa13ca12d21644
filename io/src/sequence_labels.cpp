// The boxes a dataset folder carries, read with the same importers as `lidarlabel-cli import`.
#include <filesystem>

#include "lidarlabel/io/kitti_object.h"
#include "lidarlabel/io/kitti_tracking.h"
#include "lidarlabel/io/nuscenes.h"
#include "lidarlabel/io/sequence_open.h"
#include "sequence_util.h"

namespace fs = std::filesystem;

namespace lidarlabel {

namespace {

std::size_t boxCount(const Sequence& s) {
  std::size_t n = 0;
  for (const Frame& f : s.frames) n += f.objects.size();
  return n;
}

// label_02 rows name frames by number; a sweep folder may hold any subset of the sequence, so
// rows go to the sweep with that file number (000042.bin <- frame 42), not to the index.
void addTrackingLabels(const SequenceLayout& l, Sequence& s, const Ontology& ontology) {
  Sequence byNumber;
  importKittiTrackingLabels(l.trackingLabelFile, l.trackingCalibFile, byNumber, ontology);
  for (std::size_t i = 0; i < s.size(); ++i) {
    const std::size_t k = kittiFileNumber(s.frames[i].info.sweepPath, i);
    if (k >= byNumber.size()) continue;
    s.frames[i].objects = std::move(byNumber.frames[k].objects);
    s.frames[i].passthrough = std::move(byNumber.frames[k].passthrough);
  }
}

}  // namespace

std::size_t addLayoutLabels(const SequenceLayout& l, Sequence& s, const Ontology& ontology) {
  const std::size_t before = boxCount(s);
  if (l.kind == "kitti-object" && !l.labelDir.empty()) importKittiObjectLabels(l.root, s, ontology);
  if (!l.trackingLabelFile.empty()) addTrackingLabels(l, s, ontology);
  if (l.kind == "nuscenes" && !l.nuscenesTableDir.empty() &&
      fs::exists(fs::path(l.nuscenesTableDir) / "sample_annotation.json"))
    importNuscenes(l.nuscenesTableDir, s, ontology);
  return boxCount(s) - before;
}

}  // namespace lidarlabel
