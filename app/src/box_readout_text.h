#pragma once
// The properties panel's live fit-quality readout as text (core/box_readout.h): points inside
// the box and within `margin` metres outside each face.
#include <string>

#include "lidarlabel/core/cuboid.h"
#include "lidarlabel/core/point_cloud.h"

namespace lidarlabel {

std::string boxReadoutText(const PointCloud& cloud, const Cuboid& box, double margin = 0.3);

}  // namespace lidarlabel
