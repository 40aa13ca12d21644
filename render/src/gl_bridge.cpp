#include "gl_bridge.h"

#include <vtk_glew.h>  // first: VTK's GL loader

#include <vtkGenericOpenGLRenderWindow.h>
#include <vtkOpenGLFramebufferObject.h>
#include <vtkOpenGLState.h>

namespace lidarlabel::detail {

void renderInto(vtkGenericOpenGLRenderWindow& window, unsigned int targetFbo, int destW,
                int destH) {
  vtkOpenGLState* state = window.GetState();
  state->Reset();  // Qt touched GL since VTK's last frame: resync VTK's state cache
  state->Push();
  state->vtkglDepthFunc(GL_LEQUAL);
  window.Render();
  int src[2] = {0, 0};
  window.GetRenderFramebuffer()->GetLastSize(src);
  state->vtkglBindFramebuffer(GL_DRAW_FRAMEBUFFER, targetFbo);
  GLenum buffer = GL_COLOR_ATTACHMENT0;
  glDrawBuffers(1, &buffer);
  window.BlitDisplayFramebuffer(0, 0, 0, src[0], src[1], 0, 0, destW, destH, GL_COLOR_BUFFER_BIT,
                                GL_NEAREST);
  state->Pop();
}

}  // namespace lidarlabel::detail
