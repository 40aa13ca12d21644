#include "box_readout_text.h"

#include <sstream>

#include "lidarlabel/core/box_readout.h"

namespace lidarlabel {

std::string boxReadoutText(const PointCloud& cloud, const Cuboid& box, double margin) {
  BoxReadoutConfig config;
  config.margin = margin;
  const BoxReadout r = boxReadout(cloud, box, config);
  std::ostringstream s;
  s << r.inside << " points inside\nwithin " << margin << " m outside:\n front "
    << r.outside(BoxFace::Front) << " \u00b7 back " << r.outside(BoxFace::Back) << " \u00b7 left "
    << r.outside(BoxFace::Left) << " \u00b7 right " << r.outside(BoxFace::Right) << "\n top "
    << r.outside(BoxFace::Top) << " \u00b7 bottom " << r.outside(BoxFace::Bottom);
  return s.str();
}

}  // namespace lidarlabel
