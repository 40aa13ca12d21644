#pragma once
// What the 3D view shows, in application terms (no VTK, no Qt). Everything is in the LiDAR
// frame of the current sweep (x forward, y left, z up, metres).
#include <cstdint>
#include <functional>
#include <vector>

#include "lidarlabel/core/cuboid.h"
#include "lidarlabel/core/ontology.h"

namespace lidarlabel {

// One box to draw: 12 edges plus a heading mark (a line from the centre to the front face and a
// cross on the front face, the face at +length/2 along the heading).
struct CuboidItem {
  Cuboid box;
  Rgb color;              // line colour, drawn unlit (exactly this colour on screen)
  bool selected = false;  // drawn with thicker lines
};

// A drag handle of the selected box, drawn as a filled screen-space square (or a circle for
// the rotation knob). `id` is the tool's (e.g. a BoxFace index, or -1 for rotate).
struct HandleItem {
  Eigen::Vector3d position = Eigen::Vector3d::Zero();  // LiDAR frame, metres
  Rgb color{255, 255, 255};
  int id = 0;
  bool round = false;    // circle (rotation knob) instead of square
  float sizePx = 10.0f;  // side / diameter in pixels
};

// Display settings of the view. Units are screen pixels.
struct SceneStyle {
  float pointSize = 2.0f;          // point sprite size, pixels
  float boxLineWidth = 2.0f;       // unselected box lines, pixels
  float selectedLineWidth = 4.0f;  // selected box lines, pixels
  Rgb background{18, 20, 26};      // clear colour
  Rgb rubberBand{255, 255, 255};   // rubber-band rectangle outline (1 px)
  // Level of detail: while the camera moves, at most this many points are drawn (a strided
  // subset; the full cloud returns when it stops). 0 = always the full cloud.
  std::size_t lodPoints = 1'500'000;
};

// Progress of handing a big cloud to the view: `done` of `total` work units (proportional to the
// points handled). Return false to cancel.
using RenderProgress = std::function<bool(std::size_t done, std::size_t total)>;

// An RGB8 image, rows top to bottom, 3 bytes per pixel.
struct RgbImage {
  int width = 0;
  int height = 0;
  std::vector<std::uint8_t> rgb;

  Rgb at(int x, int y) const {
    const std::size_t i = 3 * (static_cast<std::size_t>(y) * width + x);
    return {rgb[i], rgb[i + 1], rgb[i + 2]};
  }
};

// Line segments (pairs of endpoints) that draw a cuboid: 12 edges, then the heading mark
// (centre -> front-face centre, and the two front-face diagonals). 15 segments in all.
std::vector<std::pair<Eigen::Vector3d, Eigen::Vector3d>> cuboidSegments(const Cuboid& box);
inline constexpr int kSegmentsPerCuboid = 15;

}  // namespace lidarlabel
