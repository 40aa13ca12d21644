# VTK 9.1 from Debian for a Qt 6 program. Debian's VTK config needs MPI's C target first, and
# its Qt module (GUISupportQt) is Qt 5 only, so it is never requested: render/ has its own bridge.
find_package(MPI COMPONENTS C QUIET)
find_package(VTK 9.1 REQUIRED COMPONENTS
  CommonCore CommonDataModel CommonColor RenderingCore RenderingOpenGL2 RenderingFreeType
  InteractionStyle FiltersSources IOImage)
