// Sanitizer builds only (cmake/Sanitizers.cmake, lidarlabel_sanitizer_pin_gl_driver()): keeps
// Mesa's DRI driver loaded until the process exits, in every program of that build that opens
// a GL context (the GUI test programs and the `lidarlabel` program the process tests start).
//
// Why: libGLX_mesa dlclose()s the driver when Qt closes the X display, before exit. LeakSanitizer
// runs after that; the blocks the driver still references from its own globals (e.g. a 128-byte
// realloc in a pthread_once initialiser, reached from QXcbWindow::create() through
// libqxcb-glx-integration and libGLX_mesa) then look unreachable, and their stack frames point
// into an unmapped "<unknown module>" that no suppression can name. Loading the driver once more
// with RTLD_NODELETE keeps it mapped: its globals are scanned (those blocks are not leaks), and
// whatever it does leak stays attributed to swrast_dri.so (tests/sanitizers/lsan.supp).
// lidarlabel's own allocations are not affected: a leak in the project is still reported.
//
// Debian 12's Mesa ships one driver file hard-linked under every name (swrast_dri.so,
// iris_dri.so, radeonsi_dri.so, ...); the loader recognises the same file, so pinning
// swrast_dri.so pins the driver in use on a desktop too. Debian x86-64 path first, then the
// library search path; nothing happens where neither exists.
#include <dlfcn.h>

#include <initializer_list>

namespace {
const bool kDriverPinned = [] {
  for (const char* path : {"/usr/lib/x86_64-linux-gnu/dri/swrast_dri.so", "swrast_dri.so"})
    if (dlopen(path, RTLD_NOW | RTLD_NODELETE)) return true;
  return false;
}();
}  // namespace
