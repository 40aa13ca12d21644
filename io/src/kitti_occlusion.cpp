// KITTI occlusion level estimate: nearer 2-D boxes and blocked LiDAR rays (kitti_occlusion.h).
#include "lidarlabel/io/kitti_occlusion.h"

#include <Eigen/LU>
#include <algorithm>
#include <cmath>

namespace lidarlabel {

namespace {

using Rect = std::array<double, 4>;  // left, top, right, bottom

double area(const Rect& r) {
  return std::max(0.0, r[2] - r[0]) * std::max(0.0, r[3] - r[1]);
}

// Distance of a row's 3-D box centre from the rect camera origin, m.
double centreDistance(const KittiLabel& l) {
  return (l.location - Eigen::Vector3d(0, l.dimensions[0] / 2, 0)).norm();
}

// Exact area of (union of covers) within target, by coordinate compression.
double coveredArea(const Rect& target, const std::vector<Rect>& covers) {
  std::vector<Rect> clipped;
  std::vector<double> xs{target[0], target[2]}, ys{target[1], target[3]};
  for (const Rect& c : covers) {
    const Rect r{std::max(c[0], target[0]), std::max(c[1], target[1]), std::min(c[2], target[2]),
                 std::min(c[3], target[3])};
    if (area(r) <= 0) continue;
    clipped.push_back(r);
    xs.insert(xs.end(), {r[0], r[2]});
    ys.insert(ys.end(), {r[1], r[3]});
  }
  std::sort(xs.begin(), xs.end());
  std::sort(ys.begin(), ys.end());
  double sum = 0;
  for (std::size_t a = 0; a + 1 < xs.size(); ++a)
    for (std::size_t b = 0; b + 1 < ys.size(); ++b) {
      const double mx = (xs[a] + xs[a + 1]) / 2, my = (ys[b] + ys[b + 1]) / 2;
      const bool hit = std::any_of(clipped.begin(), clipped.end(), [&](const Rect& r) {
        return mx >= r[0] && mx <= r[2] && my >= r[1] && my <= r[3];
      });
      if (hit) sum += (xs[a + 1] - xs[a]) * (ys[b + 1] - ys[b]);
    }
  return sum;
}

double boxShare(std::size_t i, const std::vector<KittiLabel>& rows) {
  const Rect& target = rows[i].bbox;
  const double full = area(target);
  if (full <= 0) return 0;
  const double d = centreDistance(rows[i]);
  std::vector<Rect> nearer;
  for (std::size_t j = 0; j < rows.size(); ++j)
    if (j != i && centreDistance(rows[j]) < d) nearer.push_back(rows[j].bbox);
  return std::clamp(coveredArea(target, nearer) / full, 0.0, 1.0);
}

// The sweep's points in front of image_2, with their pixel positions.
struct ProjectedSweep {
  std::vector<float> u, v;
  std::vector<std::uint32_t> index;
};

ProjectedSweep project(const PointCloud& cloud, const KittiCalib& calib) {
  const Eigen::Matrix<double, 3, 4> m = calib.P[2] * calib.veloToRect().matrix();
  ProjectedSweep out;
  for (std::size_t k = 0; k < cloud.size(); ++k) {
    const Eigen::Vector3d q = m * Eigen::Vector4d(cloud.x[k], cloud.y[k], cloud.z[k], 1);
    if (!(q.z() > 0.1)) continue;
    out.u.push_back(static_cast<float>(q.x() / q.z()));
    out.v.push_back(static_cast<float>(q.y() / q.z()));
    out.index.push_back(static_cast<std::uint32_t>(k));
  }
  return out;
}

// Entry parameter t of the ray o + t d into the axis-aligned box |x| <= e; nullopt if missed.
std::optional<double> rayEntry(const Eigen::Vector3d& o, const Eigen::Vector3d& d,
                               const Eigen::Vector3d& e) {
  double t0 = -1e300, t1 = 1e300;
  for (int a = 0; a < 3; ++a) {
    if (std::abs(d[a]) < 1e-12) {
      if (std::abs(o[a]) > e[a]) return std::nullopt;
      continue;
    }
    double ta = (-e[a] - o[a]) / d[a], tb = (e[a] - o[a]) / d[a];
    if (ta > tb) std::swap(ta, tb);
    t0 = std::max(t0, ta);
    t1 = std::min(t1, tb);
  }
  if (t0 > t1) return std::nullopt;
  return t0;
}

std::optional<double> pointShare(const KittiLabel& row, const Cuboid& box,
                                 const Eigen::Vector3d& camera, const PointCloud& cloud,
                                 const ProjectedSweep& proj, const KittiOcclusionRule& rule) {
  const Eigen::Matrix3d rt = box.rotation().transpose();
  const Eigen::Vector3d half = box.size / 2;
  const Eigen::Vector3d inner = (half.array() - rule.shrink).max(0.05).matrix();
  const Eigen::Vector3d o = rt * (camera - box.center);
  std::size_t onBox = 0, blocked = 0;
  for (std::size_t k = 0; k < proj.index.size(); ++k) {
    if (proj.u[k] < row.bbox[0] || proj.u[k] > row.bbox[2] || proj.v[k] < row.bbox[1] ||
        proj.v[k] > row.bbox[3])
      continue;
    const std::uint32_t n = proj.index[k];
    const Eigen::Vector3d p(cloud.x[n], cloud.y[n], cloud.z[n]);
    const Eigen::Vector3d local = rt * (p - box.center);
    if ((local.cwiseAbs().array() <= half.array()).all()) {
      onBox += local.z() >= -half.z() + rule.shrink ? 1 : 0;  // not the road under the box
      continue;
    }
    const Eigen::Vector3d d = rt * (p - camera);  // the point is at t = 1
    const std::optional<double> t0 = rayEntry(o, d, inner);
    if (t0 && *t0 > 1 && (*t0 - 1) * d.norm() >= rule.occluderGap) ++blocked;
  }
  if (onBox + blocked < rule.minRayReturns) return std::nullopt;
  return static_cast<double>(blocked) / static_cast<double>(onBox + blocked);
}

}  // namespace

int kittiOcclusionLevel(double share, const KittiOcclusionRule& rule) {
  return share >= rule.largelyShare ? 2 : share >= rule.partlyShare ? 1 : 0;
}

std::vector<KittiOcclusion> estimateKittiOcclusion(const std::vector<KittiLabel>& rows,
                                                   const std::vector<Cuboid>& boxes,
                                                   const std::vector<std::size_t>& which,
                                                   const KittiCalib& calib, const PointCloud* sweep,
                                                   const KittiOcclusionRule& rule) {
  std::optional<ProjectedSweep> proj;
  Eigen::Vector3d camera = Eigen::Vector3d::Zero();  // image_2 centre, LiDAR frame
  if (sweep && !sweep->empty()) {
    proj = project(*sweep, calib);
    const Eigen::Matrix3d m = calib.P[2].leftCols<3>();
    const Eigen::Vector3d rect = -m.fullPivLu().solve(calib.P[2].col(3));
    camera = calib.veloToRect().inverse() * rect;
  }
  std::vector<KittiOcclusion> out;
  for (std::size_t i : which) {
    KittiOcclusion e;
    e.boxShare = boxShare(i, rows);
    if (proj) e.pointShare = pointShare(rows[i], boxes[i], camera, *sweep, *proj, rule);
    e.share = std::max(e.boxShare, e.pointShare.value_or(0.0));
    e.level = kittiOcclusionLevel(e.share, rule);
    out.push_back(e);
  }
  return out;
}

}  // namespace lidarlabel
