#include "points_mapper.h"

#include <vtk_glew.h>  // first: VTK's GL loader

#include <vtkCellArray.h>
#include <vtkObjectFactory.h>
#include <vtkOpenGLIndexBufferObject.h>
#include <vtkOpenGLVertexBufferObject.h>
#include <vtkOpenGLVertexBufferObjectGroup.h>
#include <vtkPoints.h>
#include <vtkPolyData.h>
#include <vector>

namespace lidarlabel::detail {

vtkStandardNewMacro(PointsMapper);

namespace {
bool hasCells(vtkPolyData* poly) {
  return poly->GetNumberOfVerts() + poly->GetNumberOfLines() + poly->GetNumberOfPolys() +
             poly->GetNumberOfStrips() >
         0;
}
}  // namespace

PointsMapper::PointsMapper() {
  SetVBOShiftScaleMethod(vtkOpenGLVertexBufferObject::ALWAYS_AUTO_SHIFT_SCALE);
}

void PointsMapper::RenderPiece(vtkRenderer* ren, vtkActor* act) {
  Superclass::RenderPiece(ren, act);
  releaseStaging();  // uploaded: the driver holds the buffers now
}

void PointsMapper::BuildIBO(vtkRenderer* ren, vtkActor* act, vtkPolyData* poly) {
  allPoints_ = !hasCells(poly) && poly->GetNumberOfPoints() > 0;
  if (!allPoints_) {
    Superclass::BuildIBO(ren, act, poly);
    return;
  }
  for (int i = PrimitiveStart; i < PrimitiveEnd; ++i) {
    // Free what a previous (masked) cloud uploaded; IndexCount only tells the base class that
    // this primitive is drawn (it binds the vertex attributes for it).
    Primitives[i].IBO->ReleaseGraphicsResources();
    Primitives[i].IBO->IndexCount = 0;
  }
  Primitives[PrimitivePoints].IBO->IndexCount = static_cast<size_t>(poly->GetNumberOfPoints());
}

void PointsMapper::RenderPieceDraw(vtkRenderer* ren, vtkActor* act) {
  if (!allPoints_) {
    Superclass::RenderPieceDraw(ren, act);
    return;
  }
  const int n = VBOs->GetNumberOfTuples("vertexMC");
  if (n <= 0) return;
  DrawingVertices = false;
  DrawingSelection = false;
  UpdateShaders(Primitives[PrimitivePoints], ren, act);
  glDrawArrays(GL_POINTS, 0, static_cast<GLsizei>(n));
  PrimitiveIDOffset += n;
}

void PointsMapper::ComputeBounds() {
  vtkPolyData* poly = GetInput();
  if (poly && poly->GetPoints() && !hasCells(poly)) {
    poly->GetPoints()->GetBounds(Bounds);
    return;
  }
  Superclass::ComputeBounds();
}

void PointsMapper::releaseStaging() {
  for (const char* name : {"vertexMC", "scalarColor"})
    if (vtkOpenGLVertexBufferObject* vbo = VBOs->GetVBO(name))
      std::vector<float>().swap(vbo->GetPackedVBO());
}

}  // namespace lidarlabel::detail
