#pragma once
// The live readout of the properties panel: how well a box encloses its object, as point counts
// inside the box and in a thin band just outside each of its six faces (many points just outside
// a face = that face should move out).
//
// Frame: box and points in the same frame (the LiDAR frame, metres).
// Inside: the closed box, with the same rule and face tolerance as points_in_box.h (a point on a
//   face counts as inside).
// Outside a face: the point is not inside, lies in the box grown by `margin` on every side, and
//   its box-frame coordinate along that face's outward normal is beyond the face. A point off an
//   edge or corner of the box is outside two or three faces and counted for each of them;
//   nearbyTotal counts every such point once (== countPointsInBox(...).nearby).
// Non-finite points are skipped. A box with a non-finite field or a negative size counts nothing.
// Cost: one pass over the cloud with a bird's-eye-view bounds reject, no allocation.
#include <array>
#include <cstdint>

#include "lidarlabel/core/box_edit.h"
#include "lidarlabel/core/cuboid.h"
#include "lidarlabel/core/point_cloud.h"

namespace lidarlabel {

struct BoxReadoutConfig {
  double margin = 0.3;          // metres; width of the band outside each face
  double faceTolerance = 1e-4;  // metres; points this far outside a face still count as inside
};

struct BoxReadout {
  std::uint32_t inside = 0;
  // Points in the band outside each face, indexed by static_cast<int>(BoxFace).
  std::array<std::uint32_t, 6> outsideFace{};
  std::uint32_t nearbyTotal = 0;  // points in the band (each once)

  std::uint32_t outside(BoxFace face) const { return outsideFace[static_cast<int>(face)]; }
};

BoxReadout boxReadout(const PointCloud& cloud, const Cuboid& box,
                      const BoxReadoutConfig& config = {});

}  // namespace lidarlabel
