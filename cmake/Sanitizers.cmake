# LIDARLABEL_SANITIZE=ON builds everything with AddressSanitizer (+ LeakSanitizer) and
# UndefinedBehaviorSanitizer. Any UBSan report aborts (-fno-sanitize-recover=all), ASan halts on
# the first error. scripts/sanitize.sh is the one command that configures, builds and runs it.
option(LIDARLABEL_SANITIZE "Build with ASan + LSan + UBSan" OFF)
# Leaks inside system libraries (dbus, Mesa, X11, fontconfig, ...) that the tests cannot free.
set(LIDARLABEL_LSAN_SUPPRESSIONS ${CMAKE_CURRENT_LIST_DIR}/../tests/sanitizers/lsan.supp)
cmake_path(NORMAL_PATH LIDARLABEL_LSAN_SUPPRESSIONS)
if(LIDARLABEL_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer
                      -fno-sanitize-recover=all)
  add_link_options(-fsanitize=address,undefined)
endif()

# lidarlabel_sanitizer_environment(<out-var>): the ENVIRONMENT a test of the sanitizer build
# runs with (empty when LIDARLABEL_SANITIZE is OFF). One entry, so it survives being passed
# through gtest_discover_tests(PROPERTIES ...).
function(lidarlabel_sanitizer_environment out)
  if(LIDARLABEL_SANITIZE)
    set(${out} "LSAN_OPTIONS=suppressions=${LIDARLABEL_LSAN_SUPPRESSIONS}:print_suppressions=0"
        PARENT_SCOPE)
  else()
    set(${out} "" PARENT_SCOPE)
  endif()
endfunction()
