#pragma once
// Writing a simulated sequence folder: the io side of the simulator (target lidarlabel::sim_io,
// core <- io <- sim_io; lidarlabel::sim itself links core only).
#include <cstddef>
#include <functional>
#include <string>

#include "lidarlabel/sim/simulate.h"

namespace lidarlabel::sim {

struct SimulationSummary {
  int frames = 0;
  std::size_t points = 0;
  std::size_t boxes = 0;   // visible object-frames
  std::size_t tracks = 0;  // objects visible in at least one frame
};

// Writes a sequence folder atomically (replaceDirectoryAtomic: on failure `outDir` is left as
// it was): velodyne/NNNNNN.bin, labels/NNNNNN.llpl, annotations.lidarlabel.json, README.md and,
// with config.semanticKittiFiles, labels/NNNNNN.label, poses.txt, calib.txt, times.txt.
// progress(done, total) is called after each frame. Throws FileError when it cannot write.
SimulationSummary writeSimulatedSequence(
    const SimulationConfig& config, const std::string& outDir,
    const std::function<void(int done, int total)>& progress = {});

}  // namespace lidarlabel::sim
