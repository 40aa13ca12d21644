# One warning set for every target of the project.
function(lidarlabel_warnings target)
  target_compile_options(${target} PRIVATE
    -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wcast-align
    -Wold-style-cast -Wnull-dereference -Wimplicit-fallthrough)
  if(LIDARLABEL_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()
