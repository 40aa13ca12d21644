#include "lidarlabel/core/traffic_side.h"

#include <cmath>

namespace lidarlabel {

int headingFromTraffic(const Cuboid& box, const TrafficConfig& config) {
  if (config.side == TrafficSide::Off) return 0;
  const double along = std::cos(box.yaw);  // > 0: the box faces forward (+x)
  if (std::abs(along) < std::cos(config.parallelWithin)) return 0;
  // Signed distance towards the oncoming side: left (+y) for right-hand traffic.
  const double towardsOncoming =
      config.side == TrafficSide::Right ? box.center.y() : -box.center.y();
  const double awayFromOncoming = -towardsOncoming;
  if (towardsOncoming <= config.ownLane && awayFromOncoming <= config.ownLane) return 0;
  const bool facesBack = towardsOncoming > config.ownLane;
  return (along < 0) == facesBack ? +1 : -1;
}

bool followsTraffic(const ClassDef& cls) {
  return cls.defaultSize.x() >= 1.5 * cls.defaultSize.y();
}

std::optional<TrafficSide> parseTrafficSide(std::string_view name) {
  if (name == "right") return TrafficSide::Right;
  if (name == "left") return TrafficSide::Left;
  if (name == "off") return TrafficSide::Off;
  return std::nullopt;
}

const char* trafficSideName(TrafficSide side) {
  switch (side) {
    case TrafficSide::Right:
      return "right";
    case TrafficSide::Left:
      return "left";
    case TrafficSide::Off:
      break;
  }
  return "off";
}

std::optional<TrafficSide> recordedTrafficSide(const std::map<std::string, std::string>& metadata) {
  const auto it = metadata.find(kTrafficSideKey);
  return it == metadata.end() ? std::nullopt : parseTrafficSide(it->second);
}

TrafficSide trafficSideOf(const std::map<std::string, std::string>& metadata,
                          TrafficSide fallback) {
  return recordedTrafficSide(metadata).value_or(fallback);
}

}  // namespace lidarlabel
