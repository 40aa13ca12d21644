#pragma once
// ASAM OpenLABEL 1.0.0 JSON for 3-D cuboids (FORMATS.md §5). Spec: docs/label-formats.md.
//
// Written: {"openlabel": {metadata (schema_version "1.0.0"), coordinate_systems (one sensor_cs,
// the LiDAR frame, root), streams (one lidar stream), objects (UID = trackId as a decimal string;
// name, type = class name, coordinate_system, frame_intervals, object_data_pointers), frames
// ("<index>": objects with a "cuboid" val = (x, y, z, qx, qy, qz, qw, l, w, h) in the sensor
// frame, attributes as text/num; frame_properties timestamp (s) and the sweep uri)}}.
// lidarlabel-only fields (provenance, review, confidence, object attributes) travel as cuboid
// attributes and are read back.
#include <string>

#include "lidarlabel/core/sequence.h"

namespace lidarlabel {

struct OpenLabelSettings {
  std::string coordinateSystem = "LIDAR_TOP";  // name of the declared sensor_cs
  std::string stream = "LIDAR_TOP";            // name of the lidar stream
};

std::string openLabelToJson(const Sequence& sequence, const OpenLabelSettings& settings = {});
void writeOpenLabel(const Sequence& sequence, const std::string& path,
                    const OpenLabelSettings& settings = {});  // atomic
// <outDir>/<sequence name or "sequence">.openlabel.json as one transaction over outDir
// (writeFolderAtomic: other files in outDir are kept). Returns the file's path.
std::string exportOpenLabel(const Sequence& sequence, const std::string& outDir,
                            const OpenLabelSettings& settings = {});

// Reads cuboids back (objects of a frame in trackId order). Frames are numbered as in the file
// ("0".."N-1"; gaps become empty frames); sweep paths come from the frame's stream uri, timestamps
// from frame_properties.timestamp. Needs a 10-value (quaternion) or 9-value (Euler x-y-z... rx, ry,
// rz) cuboid val. Errors name the file and the JSON field.
Sequence openLabelFromJson(const std::string& text, const std::string& fileName);
Sequence readOpenLabel(const std::string& path);

// Replaces the objects of `sequence` frame i with the file's frame i (by index; the sequence
// must have at least as many frames as the file, else FileError).
std::size_t importOpenLabel(const std::string& path, Sequence& sequence);

}  // namespace lidarlabel
