#pragma once
// Small sequences for the label-check tests: frames at 10 Hz, identity ego poses, cars on flat
// ground at z = -1.73 (tracking_scene.h).
#include <algorithm>
#include <string>
#include <vector>

#include "lidarlabel/core/checks.h"
#include "tracking_scene.h"

namespace lidarlabel::test {

inline ObjectAnnotation object(std::uint32_t id, const std::string& cls, const Cuboid& box) {
  ObjectAnnotation o;
  o.trackId = id;
  o.className = cls;
  o.box = box;
  return o;
}

// `frames` frames, 100 ms apart, identity ego poses; car 1 drives along +x at `speed` m/s.
inline Sequence drivingCar(std::size_t frames, double speed = 10.0) {
  Sequence s;
  for (std::size_t f = 0; f < frames; ++f) {
    Frame fr;
    fr.info.timestampUs = 1'000'000 + static_cast<std::int64_t>(f) * 100'000;
    fr.info.egoPose = Eigen::Isometry3d::Identity();
    fr.objects.push_back(object(1, "car", carAt(5 + speed * 0.1 * static_cast<double>(f), 4, 0)));
    s.frames.push_back(fr);
  }
  return s;
}

inline std::vector<Finding> only(const std::vector<Finding>& all, const std::string& check) {
  std::vector<Finding> out;
  std::copy_if(all.begin(), all.end(), std::back_inserter(out),
               [&](const Finding& f) { return f.check == check; });
  return out;
}

}  // namespace lidarlabel::test
