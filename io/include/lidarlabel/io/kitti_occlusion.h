#pragma once
// KITTI "occluded" level (0 fully visible, 1 partly, 2 largely occluded) for boxes that have no
// imported or annotator-given level. Rule (docs/label-formats.md "Occlusion"): the hidden share of
// the object's image_2 box is the larger of
//   - box share:   the area share of its 2-D box covered by the union of the 2-D boxes of the
//                  frame's objects nearer to the camera (distance of the 3-D box centres), and
//   - point share: of the LiDAR returns whose image_2 ray passes through the object's 3-D box,
//                  the share that lie in front of it (a blocked ray) rather than on it;
//                  used only with at least minRayReturns such returns;
// then mapped to a level with the thresholds below.
#include <cstddef>
#include <optional>
#include <vector>

#include "lidarlabel/core/cuboid.h"
#include "lidarlabel/core/point_cloud.h"
#include "lidarlabel/io/kitti_calib.h"
#include "lidarlabel/io/kitti_label.h"

namespace lidarlabel {

struct KittiOcclusionRule {
  // Hidden share >= partlyShare -> 1. Below it, overlaps come mostly from 2-D boxes being looser
  // than the silhouettes they bound, which hides nothing.
  double partlyShare = 0.15;
  // Hidden share >= largelyShare -> 2: more than half of the object cannot be seen.
  double largelyShare = 0.50;
  // Fewer returns on rays through the box than this: the point share is not used (too little
  // evidence, e.g. a far object with a handful of returns).
  std::size_t minRayReturns = 5;
  // m. A return blocks the ray only if it lies at least this far in front of where the ray enters
  // the box (noise and mirror-side returns of the object itself are not occluders).
  double occluderGap = 0.3;
  // m. The box is shrunk by this on every side for the ray test, so that rays grazing an edge
  // and the road under the box do not count as blocked.
  double shrink = 0.1;
};

struct KittiOcclusion {
  double boxShare = 0;               // 0..1, see above
  std::optional<double> pointShare;  // 0..1; nullopt: no sweep or too few returns
  double share = 0;                  // max(boxShare, pointShare)
  int level = 0;                     // 0 / 1 / 2
};

// Level of a hidden share with the rule's thresholds.
int kittiOcclusionLevel(double share, const KittiOcclusionRule& rule = {});

// Estimates rows[i] for every i in `which`. rows: the frame's object rows (bbox and location
// are used; DontCare rows must not be included); boxes[i]: the LiDAR-frame box of rows[i];
// sweep: the frame's LiDAR points (LiDAR frame), or nullptr for the box share only.
std::vector<KittiOcclusion> estimateKittiOcclusion(const std::vector<KittiLabel>& rows,
                                                   const std::vector<Cuboid>& boxes,
                                                   const std::vector<std::size_t>& which,
                                                   const KittiCalib& calib, const PointCloud* sweep,
                                                   const KittiOcclusionRule& rule = {});

}  // namespace lidarlabel
