#pragma once
// Private to render/: the GL calls of the Qt bridge, kept in a translation unit without Qt
// headers (VTK's glew must not meet Qt's OpenGL headers).
class vtkGenericOpenGLRenderWindow;

namespace lidarlabel::detail {

// Renders the window's scene with VTK and blits VTK's display framebuffer into the framebuffer
// object targetFbo (Qt's widget FBO) scaled to destW x destH device pixels. The caller's GL
// context must be current; VTK's GL state is saved and restored around the call.
void renderInto(vtkGenericOpenGLRenderWindow& window, unsigned int targetFbo, int destW, int destH);

}  // namespace lidarlabel::detail
