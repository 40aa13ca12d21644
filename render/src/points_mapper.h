#pragma once
// Private to render/: a polydata mapper that draws every point of its input as GL_POINTS when the
// input has no vertex cells (one glDrawArrays, no index buffer), and behaves like VTK's own
// mapper otherwise. A 10M-point sweep then needs neither the 8 B per point of vertex cells nor
// the 4 B per point index buffer (and the driver's copy of it).
//
// Structure-of-arrays points (the cloud's own x/y/z vectors) are packed by VTK into a staging
// vector before the upload (VTK's direct upload would ask the array for an interleaved copy,
// which it then keeps: 12 B per point for good). The mapper forces that packing path
// (ALWAYS_AUTO_SHIFT_SCALE, which also centres the coordinates for float precision) and frees the
// staging vector right after each render (vtkOpenGLVertexBufferObject::PackedVBO keeps its
// capacity otherwise), so only the driver's copy of the buffer stays.
#include <vtkOpenGLPolyDataMapper.h>

namespace lidarlabel::detail {

class PointsMapper : public vtkOpenGLPolyDataMapper {
 public:
  static PointsMapper* New();
  vtkTypeMacro(PointsMapper, vtkOpenGLPolyDataMapper)

      // Frees VTK's CPU staging copies of the uploaded vertex buffers (no effect on what is drawn).
      void releaseStaging();

 protected:
  PointsMapper();
  void RenderPiece(vtkRenderer* ren, vtkActor* act) override;
  void BuildIBO(vtkRenderer* ren, vtkActor* act, vtkPolyData* poly) override;
  void RenderPieceDraw(vtkRenderer* ren, vtkActor* act) override;
  // Bounds of all points when there are no cells (vtkPolyData's own are then left empty).
  void ComputeBounds() override;

 private:
  bool allPoints_ = false;  // the input has no cells: draw points 0..n-1
};

}  // namespace lidarlabel::detail
