#include "lidarlabel/render/scene.h"

namespace lidarlabel {

std::vector<std::pair<Eigen::Vector3d, Eigen::Vector3d>> cuboidSegments(const Cuboid& box) {
  // Corner order (cuboid.h): bottom 0..3 then top 4..7, each (+l,+w) (-l,+w) (-l,-w) (+l,-w).
  const auto c = box.corners();
  std::vector<std::pair<Eigen::Vector3d, Eigen::Vector3d>> s;
  s.reserve(kSegmentsPerCuboid);
  for (int i = 0; i < 4; ++i) {
    const int j = (i + 1) % 4;
    s.emplace_back(c[i], c[j]);          // bottom ring
    s.emplace_back(c[i + 4], c[j + 4]);  // top ring
    s.emplace_back(c[i], c[i + 4]);      // vertical edge
  }
  // Front face = corners 0, 3, 7, 4 (+length side).
  const Eigen::Vector3d frontCentre = 0.25 * (c[0] + c[3] + c[4] + c[7]);
  s.emplace_back(box.center, frontCentre);
  s.emplace_back(c[0], c[7]);
  s.emplace_back(c[3], c[4]);
  return s;
}

}  // namespace lidarlabel
