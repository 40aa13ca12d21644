#include "lidarlabel/sim/classes.h"

namespace lidarlabel::sim {

const std::vector<std::pair<std::string, std::uint16_t>>& simulatedClasses() {
  static const std::vector<std::pair<std::string, std::uint16_t>> table = {
      {"car", 10},        {"bicycle", 11}, {"bus", 13},          {"truck", 18}, {"van", 20},
      {"pedestrian", 30}, {"cyclist", 31}, {"building", 50},     {"fence", 51}, {"vegetation", 70},
      {"trunk", 71},      {"pole", 80},    {"traffic-sign", 81},
  };
  return table;
}

std::uint16_t semanticKittiIdOf(const std::string& className) {
  for (const auto& [name, id] : simulatedClasses())
    if (name == className) return id;
  return 0;
}

}  // namespace lidarlabel::sim
