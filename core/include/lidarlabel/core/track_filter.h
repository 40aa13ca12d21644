#pragma once
// Kalman filter of one object's motion in the WORLD frame (metres, radians, seconds).
//
// State x = (px, py, pz, yaw, vx, vy, vz, yawRate): constant velocity in position and constant
// turn rate in yaw, a linear model (the heading of the velocity is not tied to yaw, so it also
// tracks objects moving sideways or backwards). Measurement z = (px, py, pz, yaw) of a fitted box.
// Yaw innovations are wrapped to [-pi, pi); a measured yaw that differs from the state by more
// than pi/2 is flipped by pi first (box fits cannot tell front from back).
#include <Eigen/Core>

namespace lidarlabel {

struct TrackFilterConfig {
  double accelStd = 3.0;           // m/s^2, white-noise acceleration (process noise), horizontal
  double verticalAccelStd = 0.5;   // m/s^2, same for z
  double yawAccelStd = 1.0;        // rad/s^2, white-noise turn-rate change
  double positionStd = 0.15;       // m, measurement noise of a fitted centre
  double yawStd = 0.08;            // rad, measurement noise of a fitted yaw
  double initialSpeedStd = 8.0;    // m/s, prior std of the unknown initial velocity
  double initialYawRateStd = 0.5;  // rad/s
};

using TrackVector = Eigen::Matrix<double, 8, 1>;
using TrackMatrix = Eigen::Matrix<double, 8, 8>;

struct TrackFilterState {
  TrackVector x = TrackVector::Zero();
  TrackMatrix P = TrackMatrix::Identity();

  Eigen::Vector3d position() const { return x.head<3>(); }
  double yaw() const { return x(3); }
  Eigen::Vector3d velocity() const { return x.segment<3>(4); }
  double yawRate() const { return x(7); }
};

// A new track at a measured pose (px, py, pz, yaw), velocity unknown (or given).
TrackFilterState initTrackFilter(const Eigen::Vector4d& pose, const TrackFilterConfig& config = {},
                                 const Eigen::Vector3d& velocity = Eigen::Vector3d::Zero());

// State dt seconds later (dt >= 0). Yaw is wrapped.
TrackFilterState predictTrack(const TrackFilterState& s, double dt,
                              const TrackFilterConfig& config = {});

// State after measuring pose (px, py, pz, yaw). measurementScale multiplies the measurement
// standard deviations (> 1 for a poor fit, e.g. few points).
TrackFilterState updateTrack(const TrackFilterState& s, const Eigen::Vector4d& pose,
                             const TrackFilterConfig& config = {}, double measurementScale = 1.0);

// Measured yaw brought within pi/2 of the reference yaw by adding pi if needed, then wrapped.
double alignYaw(double measured, double reference);

}  // namespace lidarlabel
