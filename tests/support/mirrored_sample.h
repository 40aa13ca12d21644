#pragma once
// The synthetic sample mirrored left to right (y -> -y in every sweep, ego pose and box): a street
// where traffic keeps left, for the tests of the side of the road found from the data.
#include <filesystem>
#include <string>

#include <Eigen/Geometry>

#include "lidarlabel/io/native_format.h"
#include "lidarlabel/io/sweep_io.h"
#include "test_paths.h"

namespace lidarlabel::test {

// Writes the mirrored sample into `dir` (its document and its sweeps, KITTI .bin) and returns
// `dir`. withBoxes false: the document keeps no boxes (a sequence still to annotate).
inline std::string mirroredSyntheticCopy(const std::string& dir, bool withBoxes = true) {
  namespace fs = std::filesystem;
  const Sequence sample = loadNativeSequence(sampleData("synthetic") + "/" + kNativeFileName);
  Sequence m = sample;
  m.root = dir;
  const Eigen::Matrix3d flip = Eigen::Vector3d(1, -1, 1).asDiagonal();
  for (std::size_t f = 0; f < m.size(); ++f) {
    PointCloud c = readSweep(sample.sweepPathOf(f), sample.sweepFormat);
    for (float& y : c.y) y = -y;
    const fs::path out = fs::path(dir) / sample.frames[f].info.sweepPath;
    fs::create_directories(out.parent_path());
    writeKittiBin(out.string(), c);
    Frame& fr = m.frames[f];
    if (fr.info.egoPose) {
      Eigen::Isometry3d p = *fr.info.egoPose;
      p.linear() = flip * p.linear() * flip;
      p.translation() = flip * p.translation();
      fr.info.egoPose = p;
    }
    if (!withBoxes) fr.objects.clear();
    for (ObjectAnnotation& o : fr.objects) {
      o.box.center.y() = -o.box.center.y();
      o.box.yaw = wrapAngle(-o.box.yaw);
    }
  }
  saveNativeSequence(m, dir + "/" + kNativeFileName);
  return dir;
}

}  // namespace lidarlabel::test
