#pragma once
// Edit geometry for one oriented box: the pure maths behind keyboard nudges and handle drags.
// Free functions on value types (no Qt, no state): the desk's commands only apply boxes that
// these functions computed. Frame: LiDAR (x forward, y left, z up, metres); yaw about +z.
// The box's own axes: Forward = heading (+length), Left = +width, Up = +height (box z).
#include <Eigen/Core>

#include "lidarlabel/core/cuboid.h"

namespace lidarlabel {

enum class BoxAxis { Forward, Left, Up };
enum class BoxDimension { Length, Width, Height };
// Front = the face at +length/2 along the heading; Left = +width/2; Top = +height/2.
enum class BoxFace { Front, Back, Left, Right, Top, Bottom };
// Step sizes of a nudge. Normal is an unmodified key, Fine with Alt, Coarse with Shift.
enum class StepSize { Fine, Normal, Coarse };

// Nudge step lengths (defaults are what the window uses; the scripted annotator uses the same).
struct NudgeSteps {
  double fineMetres = 0.02;  // position and size, metres
  double normalMetres = 0.10;
  double coarseMetres = 0.50;
  double fineRadians = 0.00872664625997165;   // 0.5 degree
  double normalRadians = 0.0349065850398866;  // 2 degrees
  double coarseRadians = 0.174532925199433;   // 10 degrees

  double metres(StepSize s) const;
  double radians(StepSize s) const;
};

// Smallest extent a box may be edited down to, metres.
inline constexpr double kMinBoxExtent = 0.05;

// Moves the centre by `metres` along one of the box's own axes.
Cuboid nudgePosition(const Cuboid& box, BoxAxis axis, double metres);
// Turns the box about its centre by `radians` (counter-clockwise seen from above); yaw wrapped.
Cuboid nudgeYaw(const Cuboid& box, double radians);
// Grows (> 0) or shrinks (< 0) one dimension symmetrically about the centre; the extent is
// clamped to >= kMinBoxExtent.
Cuboid nudgeSize(const Cuboid& box, BoxDimension dimension, double metres);

// Handle drags. `from` / `to`: the drag's start and current positions in the LiDAR frame
// (e.g. the pointer's ray hitting the plane of the handle). Each returns the box for the whole
// drag so far, computed from the box at the start of the drag (not incrementally).
// Move: translates by (to - from) (z kept when keepHeight).
Cuboid dragMove(const Cuboid& start, const Eigen::Vector3d& from, const Eigen::Vector3d& to,
                bool keepHeight = true);
// Rotate about the centre by the angle swept, seen from above, by (from - centre) -> (to - centre).
Cuboid dragRotate(const Cuboid& start, const Eigen::Vector3d& from, const Eigen::Vector3d& to);
// Resize one face: the face moves by the component of (to - from) along its outward normal; the
// opposite face stays fixed; the extent is clamped to >= kMinBoxExtent.
Cuboid dragFace(const Cuboid& start, BoxFace face, const Eigen::Vector3d& from,
                const Eigen::Vector3d& to);

// Reverses the heading (yaw + pi, wrapped); centre and extent unchanged.
Cuboid flipHeading(const Cuboid& box);

// Outward unit normal of a face in the LiDAR frame, and the face's centre.
Eigen::Vector3d faceNormal(const Cuboid& box, BoxFace face);
Eigen::Vector3d faceCenter(const Cuboid& box, BoxFace face);

// Ray / box: the distance t >= 0 along a ray (origin + t * direction, direction need not be
// unit) to the first face hit, or a negative value when the ray misses the box (or the box lies
// wholly behind the origin). From an origin inside the box, the face the ray leaves through.
double rayBoxDistance(const Cuboid& box, const Eigen::Vector3d& origin,
                      const Eigen::Vector3d& direction);

}  // namespace lidarlabel
