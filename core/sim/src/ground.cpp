// Ground surface: slope + value-noise bumps (integer hashing and IEEE arithmetic only, so it is
// bit-identical everywhere), kerbs, and the semantic class of each ground patch.
#include <cmath>

#include "lidarlabel/sim/random.h"
#include "lidarlabel/sim/scene.h"

namespace lidarlabel::sim {

namespace {

// Hash of a lattice corner -> [-1, 1].
double latticeValue(std::int64_t ix, std::int64_t iy, std::uint64_t seed) {
  const std::uint64_t h =
      mix64(seed ^ mix64(static_cast<std::uint64_t>(ix) * 0x9E3779B1ull ^
                         static_cast<std::uint64_t>(iy) * 0x85EBCA77C2B2AE63ull));
  return static_cast<double>(h >> 11) * 0x1.0p-52 - 1.0;
}

// Smooth (C1) value noise in [-1, 1], unit lattice spacing.
double valueNoise(double x, double y, std::uint64_t seed) {
  const double fx = std::floor(x), fy = std::floor(y);
  const auto ix = static_cast<std::int64_t>(fx), iy = static_cast<std::int64_t>(fy);
  const double u = x - fx, v = y - fy;
  const double su = u * u * (3.0 - 2.0 * u), sv = v * v * (3.0 - 2.0 * v);
  const double a = latticeValue(ix, iy, seed), b = latticeValue(ix + 1, iy, seed);
  const double c = latticeValue(ix, iy + 1, seed), d = latticeValue(ix + 1, iy + 1, seed);
  const double lo = a + (b - a) * su, hi = c + (d - c) * su;
  return lo + (hi - lo) * sv;
}

constexpr double kCoarseWavelength = 30.0;   // metres
constexpr double kFineWavelength = 8.0;      // metres
constexpr double kMarkingHalfWidth = 0.075;  // metres
constexpr double kDashPeriod = 9.0;          // metres: 3 m dash, 6 m gap
constexpr double kDashLength = 3.0;

}  // namespace

double Ground::baseHeight(double x, double y) const {
  const double coarse = valueNoise(x / kCoarseWavelength, y / kCoarseWavelength, noiseSeed);
  const double fine = valueNoise(x / kFineWavelength, y / kFineWavelength, noiseSeed + 1);
  return slopeX * x + bumpAmplitude * (coarse + 0.2 * fine);
}

bool Ground::raised(double x, double y) const {
  if (y > kRoadHalfWidth) return true;
  return y < -kRoadHalfWidth && std::abs(x - junctionX) > kJunctionHalfWidth;
}

double Ground::height(double x, double y) const {
  return baseHeight(x, y) + (raised(x, y) ? kerbHeight : 0.0);
}

std::uint16_t Ground::semanticAt(double x, double y) const {
  constexpr std::uint16_t kRoad = 40, kParking = 44, kSidewalk = 48, kMarking = 60, kTerrain = 72;
  if (raised(x, y)) {
    const double d =
        y > 0 ? y - kRoadHalfWidth
              : std::min(-y - kRoadHalfWidth, std::abs(x - junctionX) - kJunctionHalfWidth);
    return d < kSidewalkWidth ? kSidewalk : kTerrain;
  }
  const double ay = std::abs(y);
  const bool inJunction = y < 0 && std::abs(x - junctionX) < kJunctionHalfWidth;
  if (ay > kRoadHalfWidth) return kRoad;  // the cross street
  if (ay > kBikeLaneOuter) return inJunction ? kRoad : kParking;
  if (ay < kMarkingHalfWidth) return kMarking;  // centre line
  if (std::abs(ay - 2 * kLaneWidth) < kMarkingHalfWidth && !inJunction) return kMarking;  // edge
  if (std::abs(ay - kLaneWidth) < kMarkingHalfWidth) {  // dashed lane line
    double m = std::fmod(x, kDashPeriod);
    if (m < 0) m += kDashPeriod;
    if (m < kDashLength) return kMarking;
  }
  return kRoad;
}

}  // namespace lidarlabel::sim
