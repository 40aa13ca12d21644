// The vertical-structure check of the ground removal (GroundConfig::vertical*).
//
// Ground points at the foot of a vertical structure (a wall, a pole, a trunk) are not ground: in
// their small BEV cell non-ground points reach more than verticalMinRise above them, and either
// start within verticalGap above them, or start within verticalBeamSteps of the structure's own
// vertical point spacing above them while standing no nearer to the sensor (sparse beams hit a
// wall 0.4 m apart at 17 m, so its lowest hit above the foot can be 0.4 m up). Overhangs (car
// bodies, bushes) are seen from below: their points are nearer to the sensor or leave a gap wider
// than their own spacing, so the road under them is kept.
#include <limits>

#include "ground_internal.h"

namespace lidarlabel::ground_detail {
namespace {

constexpr float kSameBeam = 0.05f;  // metres: z spread of one beam's hits within a BEV cell

// The non-ground points of one BEV cell that stand at most verticalMaxRise above the ground.
struct StructureCell {
  std::uint64_t key = std::numeric_limits<std::uint64_t>::max();  // cell id; max = empty slot
  float level[3] = {1e9f, 1e9f, 1e9f};  // the three lowest distinct z levels (beams), ascending
  float high = -1e9f;                   // highest z
  float far = -1e9f;                    // farthest BEV range squared
  void add(float z, float rangeSquared) {
    high = std::max(high, z);
    far = std::max(far, rangeSquared);
    for (int j = 0; j < 3; ++j) {
      if (z < level[j] - kSameBeam) {  // a new level below level j
        for (int m = 2; m > j; --m) level[m] = level[m - 1];
        level[j] = z;
        return;
      }
      if (z <= level[j] + kSameBeam) {  // the same beam as level j
        level[j] = std::min(level[j], z);
        return;
      }
    }
  }
  // The structure's vertical point spacing: the smaller of its two lowest level steps (a stray
  // low point under a car body leaves one wide step); 0 with fewer than three levels.
  float spacing() const {
    return level[2] < 1e8f ? std::min(level[1] - level[0], level[2] - level[1]) : 0.f;
  }
};

// Open addressing with linear probing over the occupied cells only (a dense 0.2 m grid over
// +-80 m would be 641k cells to clear per sweep).
class CellTable {
 public:
  explicit CellTable(std::size_t cells) {
    std::size_t size = 64;
    while (size < 2 * cells) size *= 2;
    slots_.resize(size);
    mask_ = size - 1;
  }
  StructureCell& insert(std::uint64_t key) {
    for (std::size_t s = hash(key);; s = (s + 1) & mask_) {
      if (slots_[s].key == key) return slots_[s];
      if (slots_[s].key == kEmpty) {
        slots_[s].key = key;
        return slots_[s];
      }
    }
  }
  const StructureCell* find(std::uint64_t key) const {
    for (std::size_t s = hash(key);; s = (s + 1) & mask_) {
      if (slots_[s].key == key) return &slots_[s];
      if (slots_[s].key == kEmpty) return nullptr;
    }
  }

 private:
  static constexpr std::uint64_t kEmpty = std::numeric_limits<std::uint64_t>::max();
  std::size_t hash(std::uint64_t key) const {
    return static_cast<std::size_t>((key * 0x9E3779B97F4A7C15ull) >> 20) & mask_;
  }
  std::vector<StructureCell> slots_;
  std::size_t mask_ = 0;
};

}  // namespace

void revertUnderStructures(const PointCloud& c, const GroundConfig& cfg,
                           const std::vector<std::int32_t>& binOf, GroundResult& res) {
  const float inv = 1.f / std::max(cfg.verticalCell, 0.01f);
  const auto cellOf = [inv](float x, float y) {
    const auto cx = static_cast<std::int64_t>(std::floor(x * inv)) + (1 << 30);
    const auto cy = static_cast<std::int64_t>(std::floor(y * inv)) + (1 << 30);
    return static_cast<std::uint64_t>(cy) << 32 | static_cast<std::uint64_t>(cx);
  };
  const std::size_t n = c.size();
  std::vector<std::uint32_t> structure;
  for (std::size_t i = 0; i < n; ++i)
    if (binOf[i] >= 0 && !res.isGround[i] && c.z[i] - res.groundHeight[i] < cfg.verticalMaxRise)
      structure.push_back(static_cast<std::uint32_t>(i));
  CellTable table(structure.size());
  for (const std::uint32_t i : structure)
    table.insert(cellOf(c.x[i], c.y[i])).add(c.z[i], c.x[i] * c.x[i] + c.y[i] * c.y[i]);
  for (std::size_t i = 0; i < n; ++i) {
    if (!res.isGround[i]) continue;
    const StructureCell* k = table.find(cellOf(c.x[i], c.y[i]));
    const float z = c.z[i];
    if (!k || !(k->high > z + cfg.verticalMinRise)) continue;
    const float gap = k->level[0] - z;
    const float r = std::sqrt(c.x[i] * c.x[i] + c.y[i] * c.y[i]) - cfg.verticalRangeTolerance;
    if (gap < cfg.verticalGap || (k->far >= r * r && gap < cfg.verticalBeamSteps * k->spacing()))
      res.isGround[i] = 0;
  }
}

}  // namespace lidarlabel::ground_detail
