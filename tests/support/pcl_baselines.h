#pragma once
// The PCL baselines the benchmark and evaluation programs compare against, in one place so every
// figure uses the same settings. Only tests/bench and tests/eval include this (PCL is heavy).
#include <pcl/ModelCoefficients.h>
#include <pcl/PointIndices.h>
#include <pcl/point_cloud.h>
#include <pcl/point_types.h>
#include <pcl/sample_consensus/method_types.h>
#include <pcl/sample_consensus/model_types.h>
#include <pcl/segmentation/sac_segmentation.h>

#include <cstdlib>

#include "lidarlabel/core/point_cloud.h"

namespace lidarlabel::baseline {

inline pcl::PointCloud<pcl::PointXYZ>::Ptr toPcl(const PointCloud& c) {
  pcl::PointCloud<pcl::PointXYZ>::Ptr p(new pcl::PointCloud<pcl::PointXYZ>);
  p->resize(c.size());
  for (std::size_t i = 0; i < c.size(); ++i) (*p)[i] = pcl::PointXYZ(c.x[i], c.y[i], c.z[i]);
  return p;
}

// The ground baseline people reach for: one RANSAC plane over the whole sweep (PCL
// SACSegmentation, 0.2 m threshold, 100 iterations, coefficient refinement on, fixed seed:
// PCL's RANSAC draws with std::rand). Returns the inlier indices.
inline pcl::PointIndices ransacPlane(const pcl::PointCloud<pcl::PointXYZ>::Ptr& cloud) {
  pcl::SACSegmentation<pcl::PointXYZ> seg;
  seg.setModelType(pcl::SACMODEL_PLANE);
  seg.setMethodType(pcl::SAC_RANSAC);
  seg.setDistanceThreshold(0.2);
  seg.setMaxIterations(100);
  seg.setOptimizeCoefficients(true);
  seg.setInputCloud(cloud);
  pcl::PointIndices inliers;
  pcl::ModelCoefficients coeffs;
  std::srand(42);
  seg.segment(inliers, coeffs);
  return inliers;
}

}  // namespace lidarlabel::baseline
