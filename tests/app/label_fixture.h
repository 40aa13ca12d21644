#pragma once
// Point-labelling tests on the SemanticKITTI frames of app_fixture.h: the fixture's car 1 stands
// on an empty street, so these helpers move it onto a real car of the sample (the SemanticKITTI
// car instance with the most points in frame 0, followed into frame 1 by its instance id).
#include <map>

#include "lidarlabel/app/document.h"

namespace lidarlabel::test {

// A box (yaw 0) around the points of the given SemanticKITTI instance in a frame, grown by
// `margin` metres; nullopt when the frame has no such point.
inline std::optional<Cuboid> boxAroundInstance(Document& doc, std::size_t frame,
                                               std::uint16_t instance, double margin = 0.15) {
  const auto cloud = doc.cloud(frame);
  const auto labels = doc.pointLabels(frame);
  if (!labels) return std::nullopt;
  Eigen::Vector3d lo = Eigen::Vector3d::Constant(1e9), hi = -lo;
  bool any = false;
  for (std::size_t i = 0; i < cloud->size(); ++i) {
    if (labels->instance[i] != instance || labels->semantic[i] != 10) continue;
    const Eigen::Vector3d p(cloud->x[i], cloud->y[i], cloud->z[i]);
    lo = lo.cwiseMin(p);
    hi = hi.cwiseMax(p);
    any = true;
  }
  if (!any) return std::nullopt;
  Cuboid box;
  box.center = 0.5 * (lo + hi);
  box.size = (hi - lo) + Eigen::Vector3d::Constant(2 * margin);
  return box;
}

// The instance id of the sample's car with the most points in frame 0.
inline std::uint16_t biggestCarInstance(Document& doc) {
  std::map<std::uint16_t, std::size_t> count;
  const auto labels = doc.pointLabels(0);
  for (std::size_t i = 0; labels && i < labels->size(); ++i)
    if (labels->semantic[i] == 10 && labels->instance[i] != 0) ++count[labels->instance[i]];
  std::uint16_t best = 0;
  std::size_t most = 0;
  for (const auto& [id, n] : count)
    if (n > most) most = n, best = id;
  return best;
}

// Puts car 1 of frames 0 and 1 around that real car (undo history cleared).
inline void putCarOnARealCar(Document& doc) {
  const std::uint16_t instance = biggestCarInstance(doc);
  Sequence s = doc.sequence();
  for (std::size_t f : {0u, 1u})
    if (const auto box = boxAroundInstance(doc, f, instance))
      for (ObjectAnnotation& o : s.frames[f].objects)
        if (o.trackId == 1) o.box = *box;
  doc.setSequence(s, doc.folder());
}

}  // namespace lidarlabel::test
