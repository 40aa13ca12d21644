#include "lidarlabel/render/offscreen.h"

#include <cstring>
#include <stdexcept>

#include <vtkImageData.h>
#include <vtkRenderWindow.h>
#include <vtkWindowToImageFilter.h>

#include "scene_actors.h"

namespace lidarlabel {

RgbImage renderOffscreen(const OffscreenScene& scene, int width, int height) {
  detail::SceneActors actors;
  actors.setStyle(scene.style);
  if (scene.cloud)  // shared without ownership: the caller's cloud outlives this call
    actors.cloud().setCloud(std::shared_ptr<const PointCloud>(scene.cloud, [](auto*) {}),
                            scene.rgb);
  actors.setCuboids(scene.cuboids);
  actors.applyCamera(scene.camera);

  vtkNew<vtkRenderWindow> window;
  window->SetOffScreenRendering(1);
  window->SetMultiSamples(0);  // exact colours: no edge blending
  window->SetSize(width, height);
  window->AddRenderer(actors.renderer());
  window->Render();
  if (!window->SupportsOpenGL()) throw std::runtime_error("renderOffscreen: no OpenGL context");

  vtkNew<vtkWindowToImageFilter> grab;
  grab->SetInput(window);
  grab->SetInputBufferTypeToRGB();
  grab->ReadFrontBufferOff();
  grab->Update();
  vtkImageData* img = grab->GetOutput();
  RgbImage out;
  out.width = width;
  out.height = height;
  out.rgb.resize(3 * static_cast<std::size_t>(width) * height);
  const auto* src = static_cast<const std::uint8_t*>(img->GetScalarPointer());
  const std::size_t row = 3 * static_cast<std::size_t>(width);
  for (int y = 0; y < height; ++y)  // VTK rows are bottom-up
    std::memcpy(&out.rgb[y * row], src + (height - 1 - y) * row, row);
  window->Finalize();
  return out;
}

Eigen::Matrix4d viewProjectionMatrix(const OrbitCamera& camera, double aspect) {
  vtkNew<vtkCamera> cam;
  detail::applyOrbitCamera(camera, cam);
  if (camera.slabHalfDepth > 0)
    cam->SetClippingRange(detail::slabClippingRange(camera).data());
  else
    cam->SetClippingRange(0.05, 20000.0);
  return detail::toEigen(cam->GetCompositeProjectionTransformMatrix(aspect, -1, 1));
}

}  // namespace lidarlabel
