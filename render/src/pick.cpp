#include "lidarlabel/render/pick.h"

#include <array>
#include <cmath>
#include <limits>

namespace lidarlabel {

namespace {
// xyzOf(i) -> (x, y, z) of point i.
template <class XyzOf>
std::optional<std::size_t> pickImpl(std::size_t n, XyzOf xyzOf, const Eigen::Matrix4d& m,
                                    double width, double height, double px, double py,
                                    double radiusPx, const std::uint8_t* visible) {
  if (width <= 0 || height <= 0) return std::nullopt;
  // Work in NDC: the pixel disc becomes an ellipse with these half-axes.
  const double tx = 2.0 * px / width - 1.0, ty = 1.0 - 2.0 * py / height;
  const double sx = width / 2.0, sy = height / 2.0, r2 = radiusPx * radiusPx;
  std::optional<std::size_t> best;
  double bestDepth = std::numeric_limits<double>::infinity();
  for (std::size_t i = 0; i < n; ++i) {
    if (visible && !visible[i]) continue;
    const auto [x, y, z] = xyzOf(i);
    if (!std::isfinite(x) || !std::isfinite(y) || !std::isfinite(z)) continue;
    const double w = m(3, 0) * x + m(3, 1) * y + m(3, 2) * z + m(3, 3);
    if (!(w > 0)) continue;  // behind the eye (perspective) or degenerate
    const double nx = (m(0, 0) * x + m(0, 1) * y + m(0, 2) * z + m(0, 3)) / w;
    const double ny = (m(1, 0) * x + m(1, 1) * y + m(1, 2) * z + m(1, 3)) / w;
    const double ex = (nx - tx) * sx, ey = (ny - ty) * sy;
    if (ex * ex + ey * ey > r2) continue;
    const double nz = (m(2, 0) * x + m(2, 1) * y + m(2, 2) * z + m(2, 3)) / w;
    if (nz < -1.0 || nz > 1.0 || nz >= bestDepth) continue;
    bestDepth = nz;
    best = i;
  }
  return best;
}
}  // namespace

std::optional<std::size_t> pickNearestPoint(const PointCloud& cloud,
                                            const Eigen::Matrix4d& viewProjection, double width,
                                            double height, double px, double py, double radiusPx,
                                            const std::uint8_t* visible) {
  auto xyzOf = [&](std::size_t i) {
    return std::array<double, 3>{cloud.x[i], cloud.y[i], cloud.z[i]};
  };
  return pickImpl(cloud.size(), xyzOf, viewProjection, width, height, px, py, radiusPx, visible);
}

std::optional<std::size_t> pickNearestPoint(const float* xyz, std::size_t n,
                                            const Eigen::Matrix4d& viewProjection, double width,
                                            double height, double px, double py, double radiusPx,
                                            const std::uint8_t* visible) {
  auto xyzOf = [&](std::size_t i) {
    return std::array<double, 3>{xyz[3 * i], xyz[3 * i + 1], xyz[3 * i + 2]};
  };
  return pickImpl(n, xyzOf, viewProjection, width, height, px, py, radiusPx, visible);
}

}  // namespace lidarlabel
