#pragma once
// The live fit-quality readout of one box as text: points inside, and points within `margin`
// metres outside each face (many points just outside a face = that face is too far in).
#include <string>

#include "lidarlabel/core/cuboid.h"
#include "lidarlabel/core/point_cloud.h"

namespace lidarlabel {

std::string boxReadoutText(const PointCloud& cloud, const Cuboid& box, double margin = 0.3);

}  // namespace lidarlabel
