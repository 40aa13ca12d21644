// Sanitizer builds only (added to the GUI test programs by tests/CMakeLists.txt when
// LIDARLABEL_SANITIZE is ON): keeps Mesa's software DRI driver loaded until the process exits.
// libGL dlclose()s the driver when its last context goes; LeakSanitizer, which runs at exit,
// then reports the driver's never-freed allocations as "<unknown module>", which no suppression
// can name. Loading it once more with RTLD_NODELETE pins it, so those leaks stay attributed to
// swrast_dri.so and tests/sanitizers/lsan.supp suppresses them. lidarlabel's own allocations are
// not affected. Debian 12 x86-64 path first, then the library search path.
#include <dlfcn.h>

#include <initializer_list>

namespace {
const bool kDriverPinned = [] {
  for (const char* path : {"/usr/lib/x86_64-linux-gnu/dri/swrast_dri.so", "swrast_dri.so"})
    if (dlopen(path, RTLD_NOW | RTLD_NODELETE)) return true;
  return false;
}();
}  // namespace
