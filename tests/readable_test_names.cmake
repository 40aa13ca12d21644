# Fails when a test name of the build folder BUILD is not stable and readable: a parameterised
# suite without a name generator prints its parameter's bytes ("8-byte object <...>"), which
# change on every build (heap pointers) and pad every ctest line.
execute_process(COMMAND ${CMAKE_CTEST_COMMAND} -N --test-dir "${BUILD}"
                RESULT_VARIABLE code OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT code EQUAL 0)
  message(FATAL_ERROR "ctest -N failed (${code})\n${err}")
endif()
string(REPLACE "\n" ";" lines "${out}")
set(bad "")
foreach(line IN LISTS lines)
  if(line MATCHES "Test +#[0-9]+: (.*)$")
    set(name "${CMAKE_MATCH_1}")
    string(LENGTH "${name}" length)
    if(name MATCHES "byte object|[^A-Za-z0-9_./-]" OR length GREATER 160)
      string(APPEND bad "  ${name}\n")
    endif()
  endif()
endforeach()
if(bad)
  message(FATAL_ERROR "test names must be letters, digits and _ . / - (at most 160 characters):\n${bad}"
          "give the parameterised suite a name generator (INSTANTIATE_TEST_SUITE_P's 4th argument)")
endif()
