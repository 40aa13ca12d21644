// nuScenes box chain, point counting, class/attribute mapping, tokens.
#include <cmath>
#include <cstdio>

#include "lidarlabel/io/nuscenes.h"
#include "nuscenes_util.h"

namespace lidarlabel {

NuscenesBox nuscenesBoxFromLidar(const Cuboid& box, const Eigen::Isometry3d& lidarToEgo,
                                 const Eigen::Isometry3d& egoToGlobal) {
  NuscenesBox out;
  out.translation = egoToGlobal * (lidarToEgo * box.center);
  const Eigen::Quaterniond qEgo(egoToGlobal.rotation()), qCs(lidarToEgo.rotation()),
      qBox(box.rotation());
  out.rotation = (qEgo * qCs * qBox).normalized();
  out.sizeWlh = {box.width(), box.length(), box.height()};
  return out;
}

Cuboid lidarBoxFromNuscenes(const NuscenesBox& box, const Eigen::Isometry3d& lidarToEgo,
                            const Eigen::Isometry3d& egoToGlobal) {
  // General (affine) inverse for the centre and the rotation parts' quaternions, so the chain
  // inverts nuscenesBoxFromLidar exactly even for slightly non-orthonormal pose matrices.
  const Eigen::Affine3d globalToLidar =
      Eigen::Affine3d((egoToGlobal * lidarToEgo).matrix()).inverse();
  Cuboid c;
  c.center = globalToLidar * box.translation;
  const Eigen::Quaterniond qEgo(egoToGlobal.rotation()), qCs(lidarToEgo.rotation());
  const Eigen::Matrix3d r =
      (qCs.inverse() * qEgo.inverse() * box.rotation.normalized()).toRotationMatrix();
  // r = Rz(yaw) Ry(pitch) Rx(roll)
  c.yaw = std::atan2(r(1, 0), r(0, 0));
  const double pitch = std::asin(std::clamp(-r(2, 0), -1.0, 1.0));
  const double roll = std::atan2(r(2, 1), r(2, 2));
  constexpr double kFlat = 1e-9;  // rad; below this a box is 7-DoF
  c.pitch = std::abs(pitch) < kFlat ? 0.0 : pitch;
  c.roll = std::abs(roll) < kFlat ? 0.0 : roll;
  c.size = {box.sizeWlh[1], box.sizeWlh[0], box.sizeWlh[2]};
  return c;
}

std::size_t countPointsInBoxInclusive(const PointCloud& cloud, const Cuboid& box) {
  const Eigen::Matrix3d rt = box.rotation().transpose();
  const Eigen::Vector3d h = box.size / 2.0;
  std::size_t n = 0;
  for (std::size_t i = 0; i < cloud.size(); ++i) {
    const Eigen::Vector3d p =
        rt * (Eigen::Vector3d(cloud.x[i], cloud.y[i], cloud.z[i]) - box.center);
    n += (std::abs(p.x()) <= h.x() && std::abs(p.y()) <= h.y() && std::abs(p.z()) <= h.z()) ? 1 : 0;
  }
  return n;
}

std::string nuscenesDetectionName(const std::string& category) {
  auto starts = [&](const char* p) { return category.rfind(p, 0) == 0; };
  if (starts("vehicle.bus.")) return "bus";
  if (category == "vehicle.car") return "car";
  if (category == "vehicle.truck") return "truck";
  if (category == "vehicle.trailer") return "trailer";
  if (category == "vehicle.construction") return "construction_vehicle";
  if (category == "vehicle.motorcycle") return "motorcycle";
  if (category == "vehicle.bicycle") return "bicycle";
  if (category == "human.pedestrian.adult" || category == "human.pedestrian.child" ||
      category == "human.pedestrian.construction_worker" ||
      category == "human.pedestrian.police_officer")
    return "pedestrian";
  if (category == "movable_object.trafficcone") return "traffic_cone";
  if (category == "movable_object.barrier") return "barrier";
  return "";
}

std::string nuscenesToken(const std::string& kind, const std::string& key) {
  // Two FNV-1a 64-bit hashes with different offsets -> 128 bits.
  auto fnv = [](const std::string& s, std::uint64_t h) {
    for (unsigned char c : s) {
      h ^= c;
      h *= 1099511628211ull;
    }
    return h;
  };
  auto mix = [](std::uint64_t z) {  // splitmix64 finaliser: similar keys -> unrelated tokens
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
  };
  const std::string s = kind + '\x1f' + key;
  char buf[33];
  std::snprintf(buf, sizeof buf, "%016llx%016llx",
                static_cast<unsigned long long>(mix(fnv(s, 1469598103934665603ull))),
                static_cast<unsigned long long>(mix(fnv(s, 0x9e3779b97f4a7c15ull))));
  return buf;
}

std::string nuscenesSampleToken(const Sequence& s, std::size_t frame,
                                const NuscenesExportSettings& settings) {
  return nusc::sampleToken(nusc::sceneName(s, settings), frame);
}

std::string nuscenesSampleDataToken(const Sequence& s, std::size_t frame,
                                    const NuscenesExportSettings& settings) {
  return nuscenesToken("sample_data", nusc::sceneName(s, settings) + "/" + std::to_string(frame));
}

namespace nusc {

std::string attributeName(const ObjectAnnotation& o, const std::string& category) {
  if (const auto it = o.attributes.find("nuscenes.attribute"); it != o.attributes.end())
    return it->second;
  auto value = [&](const char* key) {
    const auto it = o.attributes.find(key);
    return it == o.attributes.end() ? std::string() : it->second;
  };
  const std::string det = nuscenesDetectionName(category);
  if (det == "bicycle" || det == "motorcycle") {
    const std::string rider = value("rider");
    return rider == "with_rider" || rider == "without_rider" ? "cycle." + rider : "";
  }
  if (det == "pedestrian") {
    const std::string s = value("state");
    return s == "moving" || s == "standing" || s == "sitting_lying_down" ? "pedestrian." + s : "";
  }
  if (category.rfind("vehicle.", 0) == 0) {
    const std::string s = value("state");
    return s == "moving" || s == "stopped" || s == "parked" ? "vehicle." + s : "";
  }
  return "";
}

Eigen::Isometry3d lidarToEgoOf(const Sequence& s, const NuscenesExportSettings& settings) {
  if (settings.lidarToEgo) return *settings.lidarToEgo;
  Eigen::Isometry3d t = Eigen::Isometry3d::Identity();
  const auto it = s.metadata.find(kLidarToEgoKey);
  if (it == s.metadata.end()) return t;
  std::vector<double> v;
  std::size_t pos = 0;
  const std::string& text = it->second;
  while (pos < text.size() && v.size() < 12) {
    std::size_t used = 0;
    try {
      v.push_back(std::stod(text.substr(pos), &used));
    } catch (const std::exception&) {
      return t;
    }
    pos += used;
  }
  if (v.size() != 12) return t;
  for (int r = 0; r < 3; ++r)
    for (int c = 0; c < 4; ++c) t.matrix()(r, c) = v[static_cast<std::size_t>(r * 4 + c)];
  return t;
}

std::string poseText(const Eigen::Isometry3d& p) {
  std::string out;
  char buf[40];
  for (int r = 0; r < 3; ++r)
    for (int c = 0; c < 4; ++c) {
      std::snprintf(buf, sizeof buf, "%s%.17g", out.empty() ? "" : " ", p.matrix()(r, c));
      out += buf;
    }
  return out;
}

std::vector<FrameGeometry> frameGeometry(const Sequence& s,
                                         const NuscenesExportSettings& settings) {
  const Eigen::Isometry3d lidarToEgo = lidarToEgoOf(s, settings);
  std::vector<FrameGeometry> out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const FrameInfo& info = s.frames[i].info;
    FrameGeometry g;
    g.lidarToEgo = lidarToEgo;
    g.egoToGlobal = info.egoPose ? Eigen::Isometry3d(*info.egoPose * lidarToEgo.inverse())
                                 : Eigen::Isometry3d::Identity();
    g.timestampUs =
        info.timestampUs != 0 ? info.timestampUs : static_cast<std::int64_t>(i) * 500000 + 1;
    out.push_back(g);
  }
  return out;
}

std::string sceneName(const Sequence& s, const NuscenesExportSettings& settings) {
  if (!settings.sceneName.empty()) return settings.sceneName;
  return "scene-" + (s.name.empty() ? std::string("0001") : s.name);
}

std::string sampleToken(const std::string& scene, std::size_t frame) {
  return nuscenesToken("sample", scene + "/" + std::to_string(frame));
}

}  // namespace nusc
}  // namespace lidarlabel
