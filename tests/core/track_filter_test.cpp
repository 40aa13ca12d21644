#include "lidarlabel/core/track_filter.h"

#include <cmath>
#include <numbers>

#include <gtest/gtest.h>
#include <Eigen/Eigenvalues>

using namespace lidarlabel;

TEST(TrackFilter, ConstantVelocityEstimateConverges) {
  // Object moving at (5, -2, 0) m/s with yaw rate 0.1 rad/s, measured exactly at 10 Hz.
  const Eigen::Vector3d v(5, -2, 0);
  TrackFilterState s = initTrackFilter({0, 0, 0, 0});
  for (int k = 1; k <= 50; ++k) {
    const double t = 0.1 * k;
    s = predictTrack(s, 0.1);
    s = updateTrack(s, {v.x() * t, v.y() * t, 0, 0.1 * t});
  }
  EXPECT_NEAR(s.velocity().x(), 5.0, 0.05);
  EXPECT_NEAR(s.velocity().y(), -2.0, 0.05);
  EXPECT_NEAR(s.yawRate(), 0.1, 0.01);
  EXPECT_NEAR(s.position().x(), 25.0, 0.05);
}

TEST(TrackFilter, PredictionExtrapolatesLearnedVelocity) {
  TrackFilterState s = initTrackFilter({0, 0, 0, 0}, {}, Eigen::Vector3d(10, 0, 0));
  s = predictTrack(s, 0.5);
  EXPECT_NEAR(s.position().x(), 5.0, 1e-12);
  EXPECT_GT(s.P(0, 0), initTrackFilter({0, 0, 0, 0}).P(0, 0));
}

TEST(TrackFilter, YawUpdateAcrossPiTakesTheShortArc) {
  TrackFilterState s = initTrackFilter({0, 0, 0, std::numbers::pi - 0.05});
  s = updateTrack(s, {0, 0, 0, -std::numbers::pi + 0.05});
  // Halfway-ish between the two along the short arc: near +-pi, not near 0.
  EXPECT_GT(std::abs(s.yaw()), std::numbers::pi - 0.06);
}

TEST(TrackFilter, FlippedMeasurementIsAlignedToTheTrackHeading) {
  EXPECT_NEAR(alignYaw(0.1 + std::numbers::pi, 0.0), 0.1, 1e-12);
  EXPECT_NEAR(alignYaw(-3.0, 3.1), -3.0, 1e-12);
}

TEST(TrackFilter, CovarianceStaysSymmetricPositiveDefinite) {
  TrackFilterState s = initTrackFilter({1, 2, 0, 0.5});
  for (int k = 0; k < 100; ++k) {
    s = predictTrack(s, 0.1);
    s = updateTrack(s, {1 + 0.1 * k, 2, 0, 0.5}, {}, k % 3 == 0 ? 3.0 : 1.0);
  }
  EXPECT_LT((s.P - s.P.transpose()).norm(), 1e-9);
  const Eigen::SelfAdjointEigenSolver<TrackMatrix> eig(s.P);
  EXPECT_GT(eig.eigenvalues().minCoeff(), 0.0);
}
