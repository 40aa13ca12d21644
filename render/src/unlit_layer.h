#pragma once
// Private to render/: a polydata + mapper + actor drawn unlit with per-point/per-cell RGB colours
// (exactly these colours on screen).
#include <vtkActor.h>
#include <vtkCellArray.h>
#include <vtkNew.h>
#include <vtkPoints.h>
#include <vtkPolyData.h>
#include <vtkPolyDataMapper.h>
#include <vtkUnsignedCharArray.h>

namespace lidarlabel::detail {

struct UnlitLayer {
  vtkNew<vtkPoints> points;
  vtkNew<vtkUnsignedCharArray> colors;
  vtkNew<vtkCellArray> cells;
  vtkNew<vtkPolyData> poly;
  vtkNew<vtkPolyDataMapper> mapper;
  vtkNew<vtkActor> actor;
  UnlitLayer();
};

}  // namespace lidarlabel::detail
