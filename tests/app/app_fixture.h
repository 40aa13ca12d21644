#pragma once
// A sequence folder for app tests: the bundled SemanticKITTI frames (3 sweeps, referenced by
// absolute path, not copied) with a native annotation file written into a scratch folder.
// Frame 0: one car; frame 1: a car and a pedestrian; frame 2: no boxes.
#include <filesystem>
#include <string>

#include "lidarlabel/io/native_format.h"
#include "lidarlabel/io/sequence_open.h"
#include "test_paths.h"

namespace lidarlabel::test {

inline ObjectAnnotation makeObject(std::uint32_t id, const std::string& cls, Eigen::Vector3d c,
                                   Eigen::Vector3d size, double yaw) {
  ObjectAnnotation o;
  o.trackId = id;
  o.className = cls;
  o.box.center = c;
  o.box.size = size;
  o.box.yaw = yaw;
  return o;
}

// Returns the scratch folder holding annotations.lidarlabel.json.
inline std::string writeAnnotatedSequence(const std::string& dir) {
  Sequence s = openSequence(sampleData("semantickitti/sequences/00"));
  for (std::size_t i = 0; i < s.size(); ++i) s.frames[i].info.sweepPath = s.sweepPathOf(i);
  const Eigen::Vector3d carSize(4.5, 1.9, 1.6), pedSize(0.8, 0.7, 1.8);
  s.frames[0].objects = {makeObject(1, "car", {9.0, 3.5, -0.9}, carSize, 0.2)};
  s.frames[1].objects = {makeObject(1, "car", {8.5, 3.5, -0.9}, carSize, 0.2),
                         makeObject(2, "pedestrian", {6.0, -4.0, -0.8}, pedSize, 1.2)};
  saveNativeSequence(s, (std::filesystem::path(dir) / kNativeFileName).string());
  return dir;
}

}  // namespace lidarlabel::test
