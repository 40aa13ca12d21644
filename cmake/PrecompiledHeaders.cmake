# Precompiled headers: the third-party headers that most files of a target parse (GoogleTest,
# Eigen, Qt, nlohmann/json) are parsed once per target instead of once per file. Only headers from
# outside the project go in, so an edit of the project's own headers rebuilds what it did before.
# LIDARLABEL_PCH=OFF builds without, which checks that every file includes what it uses.
option(LIDARLABEL_PCH "Precompile the common third-party headers of each target" ON)

# Headers every target may use: the standard library's and Eigen's.
set(LIDARLABEL_PCH_BASE <algorithm> <cmath> <filesystem> <functional> <map> <memory> <optional>
    <string> <vector> <Eigen/Core> <Eigen/Geometry>)
set(LIDARLABEL_PCH_TESTS <gtest/gtest.h> <gmock/gmock.h>)
set(LIDARLABEL_PCH_QT <QObject> <QString> <QWidget> <QApplication> <QUndoCommand>)

# lidarlabel_precompile(<target> [TESTS] [QT] [JSON]): precompile the base set plus GoogleTest
# (TESTS), Qt Widgets (QT) and nlohmann/json (JSON) for <target>; the target must link them.
function(lidarlabel_precompile target)
  if(NOT LIDARLABEL_PCH)
    return()
  endif()
  cmake_parse_arguments(ARG "TESTS;QT;JSON" "" "" ${ARGN})
  set(headers ${LIDARLABEL_PCH_BASE})
  if(ARG_TESTS)
    list(APPEND headers ${LIDARLABEL_PCH_TESTS})
  endif()
  if(ARG_QT)
    list(APPEND headers ${LIDARLABEL_PCH_QT})
  endif()
  if(ARG_JSON)
    list(APPEND headers <nlohmann/json.hpp>)
  endif()
  target_precompile_headers(${target} PRIVATE ${headers})
endfunction()
