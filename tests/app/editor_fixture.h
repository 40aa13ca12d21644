#pragma once
// Helpers for the edit API tests: documents opened on the bundled samples and ground-truth
// look-ups on the synthetic sequence.
#include <limits>
#include <string>

#include "app_fixture.h"
#include "lidarlabel/app/document.h"
#include "lidarlabel/app/editor.h"

namespace lidarlabel::test {

// The fixture of app_fixture.h: frame 0 holds car 1, frame 1 car 1 and pedestrian 2.
inline void openAnnotated(Document& doc) {
  doc.open(writeAnnotatedSequence(scratchDir()));
}

// The synthetic sample (ground truth = its annotation file: every box Manual, with ego poses).
inline void openSynthetic(Document& doc) {
  doc.open(sampleData("synthetic"));
}

// The point of a frame's sweep inside `box` nearest to its centre (a click on the object).
inline Eigen::Vector3d pointOn(Document& doc, std::size_t frame, const Cuboid& box) {
  const auto cloud = doc.cloud(frame);
  Eigen::Vector3d best = box.center;
  double bestDistance = std::numeric_limits<double>::infinity();
  for (std::size_t i = 0; i < cloud->size(); ++i) {
    const Eigen::Vector3d p(cloud->x[i], cloud->y[i], cloud->z[i]);
    if (!box.contains(p)) continue;
    if (const double d = (p - box.center).norm(); d < bestDistance) {
      bestDistance = d;
      best = p;
    }
  }
  return best;
}

// The document's sequence with some track's boxes removed from some frames (setSequence clears
// the undo stack, so the edit under test is the only step).
inline void removeTrack(Document& doc, ObjectId id, std::size_t firstFrame, std::size_t lastFrame) {
  Sequence s = doc.sequence();
  for (std::size_t f = firstFrame; f <= lastFrame && f < s.size(); ++f)
    std::erase_if(s.frames[f].objects, [id](const ObjectAnnotation& o) { return o.trackId == id; });
  doc.setSequence(s, doc.folder());
}

}  // namespace lidarlabel::test
