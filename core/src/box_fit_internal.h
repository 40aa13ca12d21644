#pragma once
// Pieces of the box fit shared by its files (box_fit.cpp, box_fit_yaw.cpp). Private to core/.
#include <vector>

#include <Eigen/Core>

namespace lidarlabel::fit {

// Mean of the BEV points (pts not empty).
Eigen::Vector2d centroid(const std::vector<Eigen::Vector2d>& pts);

// The visible outline seen from the sensor: per azimuth bin (`step` metres of arc at the
// cluster's range) the point nearest to the sensor. Roof, window and interior returns drop out, so
// the closeness criterion sees the L-shaped scan line it was designed for.
std::vector<Eigen::Vector2d> visibleContour(const std::vector<Eigen::Vector2d>& pts,
                                            const Eigen::Vector2d& sensor, double step);

}  // namespace lidarlabel::fit
