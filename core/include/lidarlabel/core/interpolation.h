#pragma once
// Keyframe interpolation of one track's boxes, done in the WORLD frame.
//
// Boxes are stored in each frame's LiDAR frame; FrameInfo::egoPose (LiDAR -> world) brings them
// to the world frame, where the centre is interpolated (linear, or a Catmull-Rom spline through
// the neighbouring keyframes), size linearly and yaw on the shortest arc; the result is brought
// back into each in-between frame's LiDAR frame. Frames without an ego pose use the identity
// (LiDAR frame = world). The interpolation parameter is the timestamp when both keyframes have
// distinct non-zero timestamps, else the frame index.
// Produced boxes carry Provenance::Interpolated, review Unreviewed.
#include <cstddef>
#include <cstdint>
#include <vector>

#include <Eigen/Geometry>

#include "lidarlabel/core/annotation.h"
#include "lidarlabel/core/cuboid.h"
#include "lidarlabel/core/sequence.h"

namespace lidarlabel {

// box expressed in another frame: `t` maps the box's frame to the target frame. The heading is
// rotated by t and re-projected onto the horizontal plane (yaw); pitch/roll of the box are kept
// as they are (the small tilt of the ego vehicle is not folded into them).
Cuboid transformBox(const Cuboid& box, const Eigen::Isometry3d& t);

// The pose of frame i (identity when unknown).
Eigen::Isometry3d egoPoseOf(const Sequence& sequence, std::size_t frame);

// Linear interpolation at s in [0, 1]: centre and size linear, yaw on the shortest arc
// (e.g. 170 deg -> -170 deg passes through 180 deg), pitch and roll linear.
Cuboid interpolateBox(const Cuboid& a, const Cuboid& b, double s);

struct InterpolationConfig {
  bool spline = true;  // centre on a Catmull-Rom spline when neighbouring keyframes exist
};

// One keyframe of a track: a frame index and its box in that frame's LiDAR frame.
struct Keyframe {
  std::size_t frame = 0;
  ObjectAnnotation object;
};

// The track's keyframes: its Manual boxes, in frame order.
std::vector<Keyframe> keyframesOf(const Sequence& sequence, std::uint32_t trackId);

// Boxes for every frame strictly between consecutive keyframes of trackId (one per frame, in
// frame order), each in that frame's LiDAR frame. Class, attributes come from the earlier key.
std::vector<Keyframe> interpolateTrack(const Sequence& sequence, std::uint32_t trackId,
                                       const InterpolationConfig& config = {});

// The sequence with interpolateTrack's boxes written in: a frame's existing non-Manual box of
// that track is replaced, a Manual one is never touched.
Sequence withInterpolatedTrack(const Sequence& sequence, std::uint32_t trackId,
                               const InterpolationConfig& config = {});

}  // namespace lidarlabel
