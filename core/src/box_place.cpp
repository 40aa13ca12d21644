#include "lidarlabel/core/box_place.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace lidarlabel {

namespace {
double median(std::vector<float>& v) {
  const auto mid = v.begin() + static_cast<long>(v.size() / 2);
  std::nth_element(v.begin(), mid, v.end());
  if (v.size() % 2 == 1) return *mid;
  const float lower = *std::max_element(v.begin(), mid);
  return 0.5 * (static_cast<double>(lower) + static_cast<double>(*mid));
}
}  // namespace

std::optional<double> groundHeightAt(const PointCloud& cloud, const GroundResult& ground,
                                     const Eigen::Vector2d& xy, double radius) {
  if (ground.groundHeight.size() != cloud.size() || ground.isGround.size() != cloud.size())
    return std::nullopt;
  const double r2 = radius * radius;
  std::vector<float> onGround, under;
  for (std::size_t i = 0; i < cloud.size(); ++i) {
    const double dx = cloud.x[i] - xy.x(), dy = cloud.y[i] - xy.y();
    // NaN coordinates fail the comparison and are skipped.
    if (!(dx * dx + dy * dy <= r2) || !std::isfinite(cloud.z[i])) continue;
    const float h = ground.groundHeight[i];
    if (!std::isfinite(h)) continue;
    (ground.isGround[i] ? onGround : under).push_back(h);
  }
  if (!onGround.empty()) return median(onGround);
  if (!under.empty()) return median(under);
  return std::nullopt;
}

Cuboid boxOnGround(const Eigen::Vector2d& xy, double groundZ, const Eigen::Vector3d& size,
                   double yaw) {
  Cuboid b;
  b.center = Eigen::Vector3d(xy.x(), xy.y(), groundZ + size.z() / 2.0);
  b.size = size;
  b.yaw = wrapAngle(yaw);
  return b;
}

}  // namespace lidarlabel
