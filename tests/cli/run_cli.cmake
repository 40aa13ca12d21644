# Runs lidarlabel-cli once and checks its exit status and output.
#   -DCLI=<program> -DARGS="a|b|c" -DEXPECT_CODE=<n> [-DEXPECT_REGEX=<regex on stdout+stderr>]
#   [-DCLEAN=<folder removed before the run>]
string(REPLACE "|" ";" args "${ARGS}")
if(CLEAN)
  file(REMOVE_RECURSE "${CLEAN}")
endif()
execute_process(COMMAND ${CLI} ${args} RESULT_VARIABLE code OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT "${code}" STREQUAL "${EXPECT_CODE}")
  message(FATAL_ERROR "exit status ${code}, expected ${EXPECT_CODE}\nstdout:\n${out}\nstderr:\n${err}")
endif()
if(DEFINED EXPECT_REGEX AND NOT "${out}${err}" MATCHES "${EXPECT_REGEX}")
  message(FATAL_ERROR "output does not match '${EXPECT_REGEX}'\nstdout:\n${out}\nstderr:\n${err}")
endif()
