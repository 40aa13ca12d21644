# PCL 1.13 for the benchmark baselines only. find_package(PCL) drags VTK::GUISupportQt (Qt 5)
# into the interface of pcl_io / pcl_2d; strip it so Qt 6 targets can still be configured.
find_package(MPI COMPONENTS C QUIET)
find_package(PCL 1.12 REQUIRED COMPONENTS common io filters sample_consensus segmentation)
foreach(t pcl_common pcl_io pcl_io_ply pcl_2d pcl_filters pcl_features pcl_search pcl_kdtree
          pcl_octree pcl_sample_consensus pcl_segmentation pcl_ml)
  if(TARGET ${t})
    get_target_property(libs ${t} INTERFACE_LINK_LIBRARIES)
    if(libs)
      list(REMOVE_ITEM libs VTK::GUISupportQt)
      set_target_properties(${t} PROPERTIES INTERFACE_LINK_LIBRARIES "${libs}")
    endif()
  endif()
endforeach()
