#include "unlit_layer.h"

#include <vtkProperty.h>

namespace lidarlabel::detail {

UnlitLayer::UnlitLayer() {
  colors->SetNumberOfComponents(3);
  colors->SetName("rgb");
  poly->SetPoints(points);
  mapper->SetInputData(poly);
  mapper->SetColorModeToDirectScalars();  // bytes are used as colours, no lookup table
  mapper->ScalarVisibilityOn();
  actor->SetMapper(mapper);
  vtkProperty* p = actor->GetProperty();
  p->LightingOff();  // exact colours on screen, no shading
  p->SetAmbient(1.0);
  p->SetDiffuse(0.0);
  p->SetSpecular(0.0);
}

}  // namespace lidarlabel::detail
