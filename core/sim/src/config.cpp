#include <cmath>
#include <numbers>

#include "lidarlabel/sim/config.h"

namespace lidarlabel::sim {

std::string validate(const SimulationConfig& c) {
  const SensorConfig& s = c.sensor;
  const SceneConfig& e = c.scene;
  auto finite = [](double v) { return std::isfinite(v); };
  if (s.beams < 1 || s.beams > 1024) return "beams must be in 1..1024";
  if (!finite(s.fovUpDeg) || !finite(s.fovDownDeg) || s.fovUpDeg > 89 || s.fovDownDeg < -89 ||
      (s.beams > 1 && s.fovDownDeg >= s.fovUpDeg))
    return "vertical field of view must satisfy -89 <= down < up <= 89 degrees";
  if (s.azimuthSteps < 1 || s.azimuthSteps > 100000) return "azimuth steps must be in 1..100000";
  if (static_cast<long long>(s.beams) * s.azimuthSteps > 20'000'000)
    return "beams x azimuth steps must be at most 20,000,000 rays per frame";
  if (!finite(s.rateHz) || s.rateHz <= 0 || s.rateHz > 100) return "rate must be in (0, 100] Hz";
  if (!finite(s.minRange) || s.minRange < 0) return "min range must be >= 0 m";
  if (!finite(s.maxRange) || s.maxRange <= s.minRange || s.maxRange > 1000)
    return "max range must be greater than min range and at most 1000 m";
  if (!finite(s.mountHeight) || s.mountHeight <= 0.5 || s.mountHeight > 10)
    return "mount height must be in (0.5, 10] m";
  if (!finite(s.rangeNoiseStd) || s.rangeNoiseStd < 0 || s.rangeNoiseStd > 1)
    return "range noise must be in [0, 1] m";
  if (!finite(s.dropoutProb) || s.dropoutProb < 0 || s.dropoutProb >= 1)
    return "dropout probability must be in [0, 1)";
  if (!finite(s.minIntensity) || s.minIntensity < 0 || s.minIntensity >= 1)
    return "min intensity must be in [0, 1)";
  if (c.frames < 1 || c.frames > 100000) return "frames must be in 1..100000";
  if (e.objects < 0 || e.objects > 5000) return "objects must be in 0..5000";
  if (!finite(e.duration) || e.duration < 0 || e.duration > 36000)
    return "duration must be in [0, 36000] s";
  if (!finite(e.egoSpeed) || e.egoSpeed < 0 || e.egoSpeed > 40)
    return "ego speed must be in [0, 40] m/s";
  if (!finite(e.junctionX) || std::abs(e.junctionX) > 1e5) return "junction x must be finite";
  if (!finite(e.groundSlope) || std::abs(e.groundSlope) > 0.1)
    return "ground slope must be in [-0.1, 0.1]";
  if (!finite(e.bumpAmplitude) || e.bumpAmplitude < 0 || e.bumpAmplitude > 0.5)
    return "bump amplitude must be in [0, 0.5] m";
  if (!finite(e.kerbHeight) || e.kerbHeight < 0 || e.kerbHeight > 0.4)
    return "kerb height must be in [0, 0.4] m";
  if (!finite(e.margin) || e.margin < 0 || e.margin > 2000) return "margin must be in [0, 2000] m";
  const ClutterConfig& k = e.clutter;
  const auto share = [&](double v) { return finite(v) && v >= 0 && v <= 1; };
  if (!share(k.mirrorProb) || !share(k.hedgeShare) || !share(k.kerbWallShare) ||
      !share(k.articulatedBusProb))
    return "clutter probabilities and shares must be in [0, 1]";
  if (k.busStopsPerSide < 0 || k.busStopsPerSide > 100) return "bus stops must be in 0..100";
  if (!finite(k.cyclistHeightMin) || k.cyclistHeightMin < 1.2 ||
      !(k.cyclistHeightMax >= k.cyclistHeightMin) || k.cyclistHeightMax > 2.3)
    return "cyclist heights must satisfy 1.2 <= min <= max <= 2.3 m";
  if (!(k.hedgeHeightMin > 0.2 && k.hedgeHeightMax >= k.hedgeHeightMin) ||
      !(k.kerbWallHeightMin > 0.1 && k.kerbWallHeightMax >= k.kerbWallHeightMin))
    return "hedge and kerb wall heights must be positive with min <= max";
  return "";
}

double beamElevation(const SensorConfig& sensor, int ring) {
  const double deg = sensor.beams == 1 ? sensor.fovUpDeg
                                       : sensor.fovUpDeg + (sensor.fovDownDeg - sensor.fovUpDeg) *
                                                               ring / (sensor.beams - 1);
  return deg * (std::numbers::pi / 180.0);
}

}  // namespace lidarlabel::sim
