#pragma once
// The frames of the ground evaluation beyond the SemanticKITTI tuning frames: the RELLIS-3D
// Ouster scan and synthetic sweeps from other sensors (mounting heights, beam counts). Labels are
// SemanticKITTI raw ids so one protocol (core/metrics.h) scores every frame.
#include <cstdint>
#include <string>
#include <vector>

#include "eval_common.h"

namespace lidarlabel::eval {

// RELLIS-3D 000104 (sample_data/rellis3d): the organised PCD with its per-point labels, the
// RELLIS ontology mapped to SemanticKITTI raw ids (rellisToSemanticKitti). Empty when the label
// file is missing.
std::vector<EvalFrame> rellisFrames();
// RELLIS-3D class id -> SemanticKITTI raw id: ground classes (dirt, grass, mud -> terrain;
// asphalt -> road; concrete, puddle -> other-ground), bush -> vegetation (excluded by the
// protocol like SemanticKITTI's bushes), void / sky -> unlabeled (excluded), the rest to the
// nearest non-ground class (tree -> trunk, so whole trees count as non-ground).
std::uint16_t rellisToSemanticKitti(std::uint32_t rellisId);
// A one-line statement of that mapping for the report.
std::string rellisMappingText();

// One synthetic sensor set-up of the ground evaluation.
struct SyntheticSensor {
  std::string name;  // e.g. "64 beams, 2.5 m"
  int beams = 64;
  double fovUpDeg = 2.0, fovDownDeg = -24.9;
  double mountHeight = 1.73;  // metres
};
// The set-ups reported: 64 beams at 1.2 / 1.73 / 2.5 m, 32 beams (HDL-32E-like) and 128 beams
// (VLS-128-like) at 1.73 m.
std::vector<SyntheticSensor> groundSensors();
// `frames` frames (every `stride`-th of a sequence) of seed `seed` seen by `sensor`; empty when
// the simulator is not built.
std::vector<EvalFrame> syntheticGroundFrames(const SyntheticSensor& sensor, std::uint64_t seed,
                                             int frames, int stride);

}  // namespace lidarlabel::eval
