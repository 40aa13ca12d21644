# `cmake --install build --prefix P` and the Debian package (`cpack` in the build folder).
# Layout under P: bin/lidarlabel, bin/lidarlabel-cli, share/lidarlabel/default_ontology.json (a
# copy of the built-in ontology to edit and pass with --ontology), share/applications/
# lidarlabel.desktop and share/icons/hicolor/{256x256,scalable}/apps/lidarlabel.{png,svg}. The
# programs need none of these files to run: the ontology is built in and the window finds its
# icon through the icon theme or relative to its executable (../share/icons/...).
include(GNUInstallDirs)

install(TARGETS lidarlabel-cli RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(FILES ${PROJECT_SOURCE_DIR}/io/resources/default_ontology.json
        DESTINATION ${CMAKE_INSTALL_DATADIR}/lidarlabel)
install(FILES ${PROJECT_SOURCE_DIR}/README.md DESTINATION ${CMAKE_INSTALL_DOCDIR})
if(LIDARLABEL_GUI)
  install(TARGETS lidarlabel RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
  install(FILES ${PROJECT_SOURCE_DIR}/packaging/lidarlabel.desktop
          DESTINATION ${CMAKE_INSTALL_DATADIR}/applications)
  install(FILES ${PROJECT_SOURCE_DIR}/packaging/lidarlabel.png
          DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/256x256/apps)
  install(FILES ${PROJECT_SOURCE_DIR}/packaging/lidarlabel.svg
          DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps)
endif()

# CPack: lidarlabel_<version>_amd64.deb. Depends are computed by dpkg-shlibdeps from the
# installed programs, so they name runtime libraries only (libqt6*, libvtk9.1, libstdc++6, ...).
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME lidarlabel)
set(CPACK_PACKAGE_VENDOR lidarlabel)
set(CPACK_PACKAGE_CONTACT "lidarlabel developers")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "Annotate autonomous-driving LiDAR with 3D boxes and point labels")
set(CPACK_PACKAGE_DESCRIPTION
    "A native desktop tool (lidarlabel) and command line (lidarlabel-cli) for oriented 3D cuboids \
and per-point labels on LiDAR sweeps and sequences; reads and writes KITTI, nuScenes, \
SemanticKITTI and OpenLABEL.")
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)  # <name>_<version>-<release>_<arch>.deb, no release: _0.1.0_
set(CPACK_DEBIAN_PACKAGE_SECTION science)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# Loaded at run time, so dpkg-shlibdeps cannot see it: Mesa's drivers (software GL without a GPU).
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "libgl1-mesa-dri")
include(CPack)
