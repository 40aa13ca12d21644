#include "lidarlabel/core/track_filter.h"

#include <cmath>
#include <numbers>

#include "lidarlabel/core/cuboid.h"

namespace lidarlabel {

double alignYaw(double measured, double reference) {
  double d = angleDiff(measured, reference);
  if (std::abs(d) > std::numbers::pi / 2) d = angleDiff(d + std::numbers::pi, 0.0);
  return wrapAngle(reference + d);
}

TrackFilterState initTrackFilter(const Eigen::Vector4d& pose, const TrackFilterConfig& config,
                                 const Eigen::Vector3d& velocity) {
  TrackFilterState s;
  s.x.head<4>() = pose;
  s.x(3) = wrapAngle(pose(3));
  s.x.segment<3>(4) = velocity;
  s.P.setZero();
  const double p2 = config.positionStd * config.positionStd;
  s.P.diagonal() << p2, p2, p2, config.yawStd * config.yawStd,
      config.initialSpeedStd * config.initialSpeedStd,
      config.initialSpeedStd * config.initialSpeedStd, 1.0,
      config.initialYawRateStd * config.initialYawRateStd;
  return s;
}

TrackFilterState predictTrack(const TrackFilterState& s, double dt,
                              const TrackFilterConfig& config) {
  TrackMatrix F = TrackMatrix::Identity();
  for (int i = 0; i < 4; ++i) F(i, i + 4) = dt;
  // Discrete white-noise acceleration model per axis: Q = q * [dt^4/4 dt^3/2; dt^3/2 dt^2].
  TrackMatrix Q = TrackMatrix::Zero();
  const double sigma[4] = {config.accelStd, config.accelStd, config.verticalAccelStd,
                           config.yawAccelStd};
  const double dt2 = dt * dt, dt3 = dt2 * dt, dt4 = dt3 * dt;
  for (int i = 0; i < 4; ++i) {
    const double q = sigma[i] * sigma[i];
    Q(i, i) = q * dt4 / 4;
    Q(i, i + 4) = Q(i + 4, i) = q * dt3 / 2;
    Q(i + 4, i + 4) = q * dt2;
  }
  TrackFilterState out;
  out.x = F * s.x;
  out.x(3) = wrapAngle(out.x(3));
  out.P = F * s.P * F.transpose() + Q;
  return out;
}

TrackFilterState updateTrack(const TrackFilterState& s, const Eigen::Vector4d& pose,
                             const TrackFilterConfig& config, double measurementScale) {
  Eigen::Matrix<double, 4, 8> H = Eigen::Matrix<double, 4, 8>::Zero();
  H.leftCols<4>().setIdentity();
  Eigen::Vector4d y = pose - s.x.head<4>();
  y(3) = angleDiff(alignYaw(pose(3), s.x(3)), s.x(3));
  const double k2 = measurementScale * measurementScale;
  const double p2 = config.positionStd * config.positionStd * k2;
  const Eigen::Vector4d r(p2, p2, p2, config.yawStd * config.yawStd * k2);
  const Eigen::Matrix4d S = s.P.topLeftCorner<4, 4>() + Eigen::Matrix4d(r.asDiagonal());
  const Eigen::Matrix<double, 8, 4> K = s.P * H.transpose() * S.inverse();
  TrackFilterState out;
  out.x = s.x + K * y;
  out.x(3) = wrapAngle(out.x(3));
  const TrackMatrix I_KH = TrackMatrix::Identity() - K * H;
  // Joseph form keeps P symmetric positive definite.
  out.P = I_KH * s.P * I_KH.transpose() + K * r.asDiagonal() * K.transpose();
  return out;
}

}  // namespace lidarlabel
