#include "box_readout_text.h"

#include <array>
#include <cmath>
#include <sstream>

namespace lidarlabel {

std::string boxReadoutText(const PointCloud& cloud, const Cuboid& box, double margin) {
  // Box-frame coordinates; a point outside but within the margin counts for the face it is
  // farthest beyond (front/back along length, left/right along width, top/bottom along height).
  const Eigen::Matrix3d toBox = box.rotation().transpose();
  const Eigen::Vector3d half = 0.5 * box.size;
  std::size_t inside = 0;
  std::array<std::size_t, 6> near{};  // front, back, left, right, top, bottom
  for (std::size_t i = 0; i < cloud.size(); ++i) {
    const Eigen::Vector3d p(cloud.x[i], cloud.y[i], cloud.z[i]);
    const Eigen::Vector3d d = p - box.center;
    if (std::abs(d.x()) > half.norm() + margin || std::abs(d.y()) > half.norm() + margin) continue;
    const Eigen::Vector3d l = toBox * d;
    const Eigen::Vector3d out = l.cwiseAbs() - half;  // > 0: beyond that pair of faces
    if (out.maxCoeff() <= 1e-4) {
      ++inside;
      continue;
    }
    if (out.maxCoeff() > margin) continue;
    int axis = 0;
    out.maxCoeff(&axis);
    near[static_cast<std::size_t>(2 * axis + (l[axis] < 0 ? 1 : 0))]++;
  }
  std::ostringstream s;
  s << inside << " points inside\nwithin " << margin << " m outside:\n front " << near[0]
    << " \u00b7 back " << near[1] << " \u00b7 left " << near[2] << " \u00b7 right " << near[3]
    << "\n top " << near[4] << " \u00b7 bottom " << near[5];
  return s.str();
}

}  // namespace lidarlabel
