#pragma once
// Deterministic pseudo-random numbers for the simulator: SplitMix64 plus derived draws that use
// only integer and IEEE double arithmetic (no libm, no std::*_distribution), so the same seed
// gives the same numbers with every compiler and standard library.
#include <cstdint>

namespace lidarlabel::sim {

// Stateless 64-bit mixer (SplitMix64 finaliser): a good hash of one integer.
constexpr std::uint64_t mix64(std::uint64_t z) {
  z += 0x9E3779B97F4A7C15ull;
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

// Combines a seed with a stream id (category, frame, ray...) into an independent seed.
constexpr std::uint64_t mixSeed(std::uint64_t seed, std::uint64_t stream) {
  return mix64(seed ^ mix64(stream + 0x632BE59BD9B4E019ull));
}

struct Rng {
  std::uint64_t state = 0;

  explicit Rng(std::uint64_t seed) : state(seed) {}

  std::uint64_t next() {
    state += 0x9E3779B97F4A7C15ull;
    std::uint64_t z = state;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  // Uniform in [0, 1), 53 random bits.
  double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
  double uniform(double lo, double hi) { return lo + (hi - lo) * uniform(); }
  // Uniform integer in [lo, hi] (inclusive).
  int uniformInt(int lo, int hi) {
    const auto n = static_cast<std::uint64_t>(hi - lo) + 1;
    return lo + static_cast<int>((next() >> 11) % n);
  }
  bool chance(double p) { return uniform() < p; }
  // Approximately standard normal: Irwin-Hall sum of 4 uniforms, rescaled to unit variance.
  // Bounded: |x| <= 2*sqrt(3) ~ 3.46, so noise never produces far outliers.
  double gaussian() {
    double s = uniform();  // one draw per statement: the order of operands of + is unspecified
    s += uniform();
    s += uniform();
    s += uniform();
    return (s - 2.0) * 1.7320508075688772;  // sqrt(3): var(sum of 4 U(0,1)) = 1/3
  }
};

// Bound of Rng::gaussian() in units of its standard deviation.
inline constexpr double kGaussianBound = 3.4641016151377544;

}  // namespace lidarlabel::sim
