#pragma once
// Opening a sequence folder as the user has it on disk.
#include <string>

#include "lidarlabel/core/sequence.h"

namespace lidarlabel {

// Recognised layouts, first match wins:
//  1. <folder>/annotations.lidarlabel.json  (native document; sweeps as it references them)
//  2. <folder>/velodyne/*.bin               (KITTI object split / odometry sequence)
//  3. <folder>/*.bin|*.pcd|*.ply            (a plain folder of sweeps, natural order)
// A folder with none of these -> FileError naming the folder.
Sequence openSequence(const std::string& folder);

// The path where the native document of a sequence opened from `folder` is saved.
std::string nativePathFor(const std::string& folder);

}  // namespace lidarlabel
