#pragma once
// Private to render/: 2D shapes drawn over the scene in screen pixels (same size at any zoom):
// the selected box's handles (filled squares, circles for rotation knobs, each with a dark
// outline) and a rubber-band rectangle outline.
#include <optional>
#include <vector>

#include <vtkActor2D.h>
#include <vtkCellArray.h>
#include <vtkNew.h>
#include <vtkPoints.h>
#include <vtkPolyData.h>
#include <vtkPolyDataMapper2D.h>
#include <vtkRenderer.h>
#include <vtkUnsignedCharArray.h>
#include <Eigen/Core>

#include "lidarlabel/render/scene.h"

namespace lidarlabel::detail {

// A handle placed on screen: centre in VTK display pixels (device pixels, origin bottom-left).
struct PlacedHandle {
  Eigen::Vector2d centre;
  const HandleItem* item;
};

// A rectangle in VTK display pixels (origin bottom-left), corners in any order.
struct DisplayRect {
  Eigen::Vector2d a, b;
};

class OverlayLayer {
 public:
  explicit OverlayLayer(vtkRenderer* renderer);
  // Replaces what is drawn. scale: device pixels per logical pixel (handle sizes are logical).
  void update(const std::vector<PlacedHandle>& handles, const std::optional<DisplayRect>& band,
              Rgb bandColor, double scale);
  // Outlines drawn with the next update() in the band colour (display pixels; closed or open).
  struct Path {
    std::vector<Eigen::Vector2d> points;
    bool closed = true;
  };
  void setPaths(std::vector<Path> paths) { paths_ = std::move(paths); }

 private:
  struct Shapes {
    vtkNew<vtkPoints> points;
    vtkNew<vtkUnsignedCharArray> colors;
    vtkNew<vtkCellArray> cells;
    vtkNew<vtkPolyData> poly;
    vtkNew<vtkPolyDataMapper2D> mapper;
    vtkNew<vtkActor2D> actor;
    Shapes();
    void reset();
    void commit();
  };
  Shapes fills_;  // handle interiors (polygons)
  Shapes lines_;  // handle outlines, the rubber band and the tool paths
  std::vector<Path> paths_;
};

}  // namespace lidarlabel::detail
