#pragma once
// The view's camera as an orbit around a target point, plus the mouse gestures that move it.
// Pure math (Eigen only) so it is testable without a GL context; render/ applies it to VTK.
// Frame: LiDAR frame (x forward, y left, z up, metres). Angles in radians.
#include <Eigen/Geometry>  // cross products

#include "lidarlabel/core/cuboid.h"
#include "lidarlabel/core/point_cloud.h"

namespace lidarlabel {

struct OrbitCamera {
  Eigen::Vector3d target = Eigen::Vector3d::Zero();  // point looked at and orbited, metres
  double distance = 40.0;                            // eye-to-target distance, metres (> 0)
  double azimuth = 3.14159265358979;  // direction target->eye about +z; pi = eye behind (-x)
  double elevation = 0.5;             // angle of target->eye above the xy plane, [-pi/2+eps, pi/2]
  double viewAngleDeg = 40.0;         // vertical field of view, degrees (perspective)
  bool parallel = false;  // orthographic; visible height = 2 * distance * tan(viewAngle/2)
  // > 0: only what lies within this distance of the target along the view direction is drawn
  // and picked (a slab, e.g. a sub-view showing one box's points); 0 = everything. Metres.
  double slabHalfDepth = 0.0;
};

// Eye position, view direction up vector (unit, orthogonal to the view direction).
Eigen::Vector3d eyePosition(const OrbitCamera& c);
Eigen::Vector3d viewUp(const OrbitCamera& c);
// Half the visible height at the target, metres (used as the parallel scale).
double halfViewHeight(const OrbitCamera& c);

// Presets. Both frame the given bounds (or a 40 m area around the sensor when invalid).
// Bird's-eye: orthographic, straight down, forward (+x) pointing up on screen.
OrbitCamera birdsEyeCamera(const Bounds& bounds);
// Chase: perspective from behind and above the sensor, looking forward.
OrbitCamera chaseCamera(const Bounds& bounds);

// The three sub-views that follow a box: orthographic, framing the box plus `margin` metres on
// every side in a view of the given aspect (width / height), drawing only the slab of the box
// (its extent along the view direction plus the margin on both sides). Aligned with the box's
// yaw (pitch and roll are not followed). On screen:
//   Top:   looking down the box's -z; heading (+x of the box) up, the box's right (-y) right.
//   Side:  looking from the box's right side towards +y; heading right, +z up.
//   Front: looking at the front face from ahead (towards -x); the box's left (+y) right, +z up.
enum class BoxView { Top, Side, Front };
OrbitCamera boxViewCamera(const Cuboid& box, BoxView view, double aspect, double margin = 0.5);

// Focus: same direction and projection, target at the box centre, distance so the whole box
// (its bounding sphere, plus 30%) fills the view's height.
OrbitCamera focusOn(OrbitCamera c, const Cuboid& box);
// Orbit around a chosen point: the eye stays where it is and turns to look at `target`, which
// becomes the orbit centre (a picked point, the selected box's centre).
OrbitCamera orbitAround(OrbitCamera c, const Eigen::Vector3d& target);

// Gestures. dx, dy: mouse motion in pixels (x right, y down); viewHeightPx: widget height.
// Orbit: dragging the full height turns by 180 degrees; elevation is clamped.
OrbitCamera orbit(OrbitCamera c, double dx, double dy, double viewHeightPx);
// Pan: the target follows the mouse in the view plane (the point under the cursor stays put at
// the target's depth).
OrbitCamera pan(OrbitCamera c, double dx, double dy, double viewHeightPx);
// Zoom: steps > 0 moves closer; each step scales the distance by 0.85. Distance clamped to
// [0.5 m, 5 km].
OrbitCamera zoom(OrbitCamera c, double steps);

}  // namespace lidarlabel
