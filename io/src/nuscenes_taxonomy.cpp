// The official nuScenes v1.0 category taxonomy (FORMATS.md §4.6) and the per-object values the
// export writes back as imported (nuscenes_util.h).
#include <cmath>
#include <cstdio>

#include "lidarlabel/io/nuscenes.h"
#include "nuscenes_util.h"

namespace lidarlabel {

const std::vector<NuscenesCategory>& nuscenesOfficialCategories() {
  // Order and index as in the v1.0 release's category.json (= the key order of the devkit's
  // color_map.py). Descriptions are short summaries.
  static const std::vector<NuscenesCategory> kCategories = {
      {"noise", 0, "Points without a usable return: noise, dust, reflections."},
      {"animal", 1, "Animals."},
      {"human.pedestrian.adult", 2, "Adult pedestrian."},
      {"human.pedestrian.child", 3, "Child pedestrian."},
      {"human.pedestrian.construction_worker", 4, "Construction worker."},
      {"human.pedestrian.personal_mobility", 5, "Person on a personal mobility device."},
      {"human.pedestrian.police_officer", 6, "Police officer."},
      {"human.pedestrian.stroller", 7, "Stroller."},
      {"human.pedestrian.wheelchair", 8, "Wheelchair."},
      {"movable_object.barrier", 9, "Temporary road barrier."},
      {"movable_object.debris", 10, "Movable debris on the road."},
      {"movable_object.pushable_pullable", 11, "Objects a person can push or pull."},
      {"movable_object.trafficcone", 12, "Traffic cone."},
      {"static_object.bicycle_rack", 13, "Bicycle rack."},
      {"vehicle.bicycle", 14, "Bicycle, with or without rider."},
      {"vehicle.bus.bendy", 15, "Articulated bus."},
      {"vehicle.bus.rigid", 16, "Rigid bus."},
      {"vehicle.car", 17, "Passenger car, van, SUV."},
      {"vehicle.construction", 18, "Construction vehicle."},
      {"vehicle.emergency.ambulance", 19, "Ambulance."},
      {"vehicle.emergency.police", 20, "Police vehicle."},
      {"vehicle.motorcycle", 21, "Motorcycle or scooter, with or without rider."},
      {"vehicle.trailer", 22, "Trailer."},
      {"vehicle.truck", 23, "Truck."},
      {"flat.driveable_surface", 24, "Surface a car can drive on."},
      {"flat.other", 25, "Other flat ground: traffic islands, rail tracks, water."},
      {"flat.sidewalk", 26, "Sidewalk, pedestrian walkways, bike paths."},
      {"flat.terrain", 27, "Natural horizontal ground: grass, soil, gravel."},
      {"static.manmade", 28, "Man-made structures: buildings, walls, poles, signs."},
      {"static.other", 29, "Other static background."},
      {"static.vegetation", 30, "Vegetation above the ground: trees, bushes."},
      {"vehicle.ego", 31, "The ego vehicle's own returns."},
  };
  return kCategories;
}

const NuscenesCategory* findNuscenesOfficialCategory(const std::string& name) {
  for (const NuscenesCategory& c : nuscenesOfficialCategories())
    if (name == c.name) return &c;
  return nullptr;
}

namespace nusc {

std::string categoryOf(const ObjectAnnotation& o, const Ontology& ontology) {
  if (const ClassDef* cls = ontology.find(o.className); cls && !cls->nuscenesName.empty())
    return cls->nuscenesName;
  if (const auto it = o.attributes.find(kCategoryKey);
      it != o.attributes.end() && !it->second.empty())
    return it->second;
  return findNuscenesOfficialCategory(o.className) ? o.className : std::string();
}

std::string boxText(const Cuboid& b) {
  char buf[256];
  std::snprintf(buf, sizeof buf, "%.9g %.9g %.9g %.9g %.9g %.9g %.9g %.9g %.9g", b.center.x(),
                b.center.y(), b.center.z(), b.size.x(), b.size.y(), b.size.z(), b.yaw, b.pitch,
                b.roll);
  return buf;
}

bool unedited(const ObjectAnnotation& o) {
  const auto it = o.attributes.find(kBoxKey);
  if (it == o.attributes.end()) return false;
  double v[9];
  if (std::sscanf(it->second.c_str(), "%lf %lf %lf %lf %lf %lf %lf %lf %lf", &v[0], &v[1], &v[2],
                  &v[3], &v[4], &v[5], &v[6], &v[7], &v[8]) != 9)
    return false;
  const Cuboid& b = o.box;
  const double now[9] = {b.center.x(), b.center.y(), b.center.z(), b.size.x(), b.size.y(),
                         b.size.z(),   b.yaw,        b.pitch,      b.roll};
  constexpr double kTol = 1e-6;  // m / rad: far below any edit, above text rounding
  for (int i = 0; i < 9; ++i) {
    const double d = i == 6 ? std::remainder(now[i] - v[i], 2 * M_PI) : now[i] - v[i];
    if (!(std::abs(d) <= kTol)) return false;
  }
  return true;
}

std::string visibilityToken(const ObjectAnnotation& o) {
  const auto it = o.attributes.find(kVisibilityKey);
  if (it == o.attributes.end()) return kDefaultVisibilityToken;
  const char* levels[] = {"v0-40", "v40-60", "v60-80", "v80-100"};
  for (int i = 0; i < 4; ++i)
    if (it->second == levels[i] || it->second == std::to_string(i + 1))
      return std::to_string(i + 1);
  return kDefaultVisibilityToken;
}

}  // namespace nusc
}  // namespace lidarlabel
