# LIDARLABEL_SANITIZE=ON builds everything with AddressSanitizer (+ LeakSanitizer) and
# UndefinedBehaviorSanitizer. Any UBSan report aborts (-fno-sanitize-recover=all), ASan halts on
# the first error. scripts/sanitize.sh is the one command that configures, builds and runs it.
option(LIDARLABEL_SANITIZE "Build with ASan + LSan + UBSan" OFF)
# Leaks inside system libraries (dbus, Mesa, X11, fontconfig, ...) that the tests cannot free.
set(LIDARLABEL_LSAN_SUPPRESSIONS ${CMAKE_CURRENT_LIST_DIR}/../tests/sanitizers/lsan.supp)
cmake_path(NORMAL_PATH LIDARLABEL_LSAN_SUPPRESSIONS)
# -O1 -g1 (after the build type's -O2 -g, so they win): the optimisation AddressSanitizer's own
# documentation suggests, and line tables only, which is all a sanitizer report's stack needs.
# They halve the compile time of this build (e.g. core/src/box_fit.cpp 14.6 s -> 6.1 s).
if(LIDARLABEL_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer
                      -fno-sanitize-recover=all -O1 -g1)
  add_link_options(-fsanitize=address,undefined)
endif()

# lidarlabel_sanitizer_environment(<out-var>): the ENVIRONMENT a test of the sanitizer build
# runs with (empty when LIDARLABEL_SANITIZE is OFF). One entry, so it survives being passed
# through gtest_discover_tests(PROPERTIES ...). exitcode=23: a leak report ends the process with
# 23, which no test expects, so a test that expects a program to fail with 1 (e.g. a CLI error)
# still fails when that program leaks. (ASan and UBSan errors take their exit status from
# UBSAN_OPTIONS, which scripts/sanitize.sh sets to the same 23.) intercept_tls_get_addr=0 (a
# common flag, read from LSAN_OPTIONS too): GCC 12's runtime can take a dynamic TLS block that
# happens to start 16 bytes into a page for one with a pre-2.25 glibc header, and LeakSanitizer's
# tracer then dies at exit ("Tracer caught signal 11") after a passing test (docs/sanitizers.md).
function(lidarlabel_sanitizer_environment out)
  if(LIDARLABEL_SANITIZE)
    string(CONCAT options "suppressions=${LIDARLABEL_LSAN_SUPPRESSIONS}:print_suppressions=0"
           ":exitcode=23:intercept_tls_get_addr=0")
    set(${out} "LSAN_OPTIONS=${options}" PARENT_SCOPE)
  else()
    set(${out} "" PARENT_SCOPE)
  endif()
endfunction()

# lidarlabel_sanitizer_pin_gl_driver(<target>): in the sanitizer build, links
# tests/sanitizers/gl_driver_pin.cpp into <target> (a program that opens a GL context), which
# keeps Mesa's driver loaded until exit so LeakSanitizer can attribute (or scan) its memory; see
# that file. Nothing in other builds. Linked into the program itself rather than preloaded: an
# LD_PRELOAD library would have to come after libasan in every process the tests start (cmake,
# PostgreSQL, the CLI), which would then all run under ASan or fail its link-order check.
function(lidarlabel_sanitizer_pin_gl_driver target)
  if(LIDARLABEL_SANITIZE)
    target_sources(${target} PRIVATE
                   ${CMAKE_CURRENT_FUNCTION_LIST_DIR}/../tests/sanitizers/gl_driver_pin.cpp)
    target_link_libraries(${target} PRIVATE ${CMAKE_DL_LIBS})
  endif()
endfunction()
