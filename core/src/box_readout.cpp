#include "lidarlabel/core/box_readout.h"

#include <cmath>

namespace lidarlabel {

namespace {

bool usableBox(const Cuboid& b) {
  return b.center.allFinite() && b.size.allFinite() && std::isfinite(b.yaw) &&
         std::isfinite(b.pitch) && std::isfinite(b.roll) && (b.size.array() >= 0.0).all();
}

// Face index (BoxFace order: Front, Back, Left, Right, Top, Bottom) of the +/- side of an axis.
constexpr int kPlusFace[3] = {0, 2, 4};
constexpr int kMinusFace[3] = {1, 3, 5};

}  // namespace

BoxReadout boxReadout(const PointCloud& cloud, const Cuboid& box, const BoxReadoutConfig& config) {
  BoxReadout out;
  if (!usableBox(box)) return out;
  const Eigen::Matrix3d rt = box.rotation().transpose();
  const Eigen::Vector3d hin = box.size / 2.0 + Eigen::Vector3d::Constant(config.faceTolerance);
  const Eigen::Vector3d hnear = hin + Eigen::Vector3d::Constant(config.margin);
  // Bird's-eye-view bounds of the grown box: a cheap reject for most of the sweep.
  const Eigen::Vector3d ext = rt.transpose().cwiseAbs() * hnear;
  const Eigen::Vector3d lo = box.center - ext, hi = box.center + ext;
  const std::size_t n = cloud.size();
  for (std::size_t i = 0; i < n; ++i) {
    const double x = cloud.x[i], y = cloud.y[i], z = cloud.z[i];
    // Comparisons are false for NaN, so non-finite points fall out here.
    if (!(x >= lo.x() && x <= hi.x() && y >= lo.y() && y <= hi.y() && z >= lo.z() && z <= hi.z()))
      continue;
    const Eigen::Vector3d local = rt * (Eigen::Vector3d(x, y, z) - box.center);
    if ((local.cwiseAbs().array() > hnear.array()).any()) continue;
    bool inside = true;
    for (int k = 0; k < 3; ++k) {
      if (local[k] > hin[k]) {
        ++out.outsideFace[kPlusFace[k]];
        inside = false;
      } else if (local[k] < -hin[k]) {
        ++out.outsideFace[kMinusFace[k]];
        inside = false;
      }
    }
    ++(inside ? out.inside : out.nearbyTotal);
  }
  return out;
}

}  // namespace lidarlabel
