// Sequence discovery: native first, nuScenes, KITTI odometry / object split, plain folders.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>

#include "lidarlabel/core/errors.h"
#include "lidarlabel/io/kitti_odometry.h"
#include "lidarlabel/io/native_format.h"
#include "lidarlabel/io/pcd.h"
#include "lidarlabel/io/sequence_open.h"
#include "test_paths.h"

namespace fs = std::filesystem;

namespace lidarlabel {
namespace {

using test::sampleData;
using test::scratchDir;
using test::writeText;
using ::testing::HasSubstr;

const char* kOdometry = "semantickitti/sequences/00";

TEST(SequenceDiscovery, KittiObjectSplitIsRecognisedWithItsSideFolders) {
  const SequenceLayout l = detectSequenceLayout(sampleData("kitti_object/training"));
  EXPECT_EQ(l.kind, "kitti-object");
  EXPECT_EQ(l.sweepFormat, "kitti-bin");
  ASSERT_EQ(l.sweeps.size(), 6u);
  EXPECT_THAT(l.sweeps[5], HasSubstr("000005.bin"));
  EXPECT_THAT(l.labelDir, HasSubstr("label_2"));
  EXPECT_THAT(l.calibDir, HasSubstr("calib"));
  EXPECT_EQ(l.imageDir, "");
}

TEST(SequenceDiscovery, KittiOdometryGivesTimestampsFromTimesTxt) {
  const Sequence s = openSequence(sampleData(kOdometry));
  EXPECT_EQ(detectSequenceLayout(sampleData(kOdometry)).kind, "kitti-odometry");
  ASSERT_EQ(s.size(), 3u);
  EXPECT_EQ(s.frames[0].info.timestampUs, 0);
  EXPECT_EQ(s.frames[1].info.timestampUs, 103736);
  EXPECT_EQ(s.frames[2].info.timestampUs, 207338);
}

TEST(SequenceDiscovery, KittiOdometryFirstLidarPoseIsIdentity) {
  const Sequence s = openSequence(sampleData(kOdometry));
  ASSERT_TRUE(s.frames[0].info.egoPose.has_value());
  EXPECT_TRUE(s.frames[0].info.egoPose->matrix().isApprox(Eigen::Matrix4d::Identity(), 1e-6));
}

TEST(SequenceDiscovery, KittiOdometryPoseMovesForwardAlongLidarXWithZUp) {
  // poses.txt line 3: cam0 moved 1.716 m along camera z (forward), -0.094 along x (right),
  // -0.057 along y (down) -> LiDAR frame about (+1.716, +0.094, +0.057).
  const Sequence s = openSequence(sampleData(kOdometry));
  const Eigen::Isometry3d& p = *s.frames[2].info.egoPose;
  EXPECT_NEAR(p.translation().x(), 1.716, 0.03);
  EXPECT_NEAR(p.translation().y(), 0.094, 0.03);
  EXPECT_NEAR(p.translation().z(), 0.057, 0.03);
  EXPECT_GT(p.linear()(2, 2), 0.9999);  // z stays up
}

TEST(SequenceDiscovery, KittiOdometrySubsetKeepsThePosesOfItsFileNumbers) {
  const fs::path dir = scratchDir();
  const fs::path src = sampleData(kOdometry);
  fs::create_directories(dir / "velodyne");
  fs::copy_file(src / "velodyne/000002.bin", dir / "velodyne/000002.bin");
  for (const char* f : {"calib.txt", "poses.txt", "times.txt"}) fs::copy_file(src / f, dir / f);
  const Sequence s = openSequence(dir.string());
  ASSERT_EQ(s.size(), 1u);
  EXPECT_EQ(s.frames[0].info.timestampUs, 207338);
  EXPECT_NEAR(s.frames[0].info.egoPose->translation().x(), 1.716, 0.03);
}

TEST(SequenceDiscovery, KittiOdometrySweepWithoutAPoseLineNamesPosesTxt) {
  const fs::path dir = scratchDir();
  const fs::path src = sampleData(kOdometry);
  fs::create_directories(dir / "velodyne");
  fs::copy_file(src / "velodyne/000002.bin", dir / "velodyne/000002.bin");
  fs::copy_file(src / "calib.txt", dir / "calib.txt");
  writeText(dir / "poses.txt", "1 0 0 0 0 1 0 0 0 0 1 0\n");
  try {
    openSequence(dir.string());
    FAIL();
  } catch (const FileError& e) {
    EXPECT_THAT(e.file(), HasSubstr("poses.txt"));
    EXPECT_THAT(e.reason(), HasSubstr("000002.bin"));
  }
}

TEST(SequenceDiscovery, KittiOdometryCalibWithoutTrIsAnError) {
  const fs::path dir = scratchDir();
  writeText(dir / "calib.txt", "P0: 1 0 0 0 0 1 0 0 0 0 1 0\n");
  EXPECT_THROW(readKittiOdometryTr((dir / "calib.txt").string()), FileError);
}

TEST(SequenceDiscovery, KittiPosesWithWrongColumnCountNameTheLine) {
  const fs::path dir = scratchDir();
  writeText(dir / "poses.txt", "1 0 0 0 0 1 0 0 0 0 1 0\n1 0 0 0 0 1 0 0 0 0 1\n");
  try {
    readKittiPoses((dir / "poses.txt").string());
    FAIL();
  } catch (const FileError& e) {
    EXPECT_EQ(e.where(), "line 2");
  }
}

TEST(SequenceDiscovery, NuscenesFolderTakesTimestampsFromFileNamesAndPosesFromTables) {
  const SequenceLayout l = detectSequenceLayout(sampleData("nuscenes"));
  EXPECT_EQ(l.kind, "nuscenes");
  const Sequence s = sequenceFromLayout(l);
  EXPECT_EQ(s.sweepFormat, "nuscenes-bin");
  ASSERT_EQ(s.size(), 1u);
  EXPECT_EQ(s.frames[0].info.timestampUs, 1532402927647951);
  // The sample's v1.0-mini tables give the LiDAR -> global pose: ego_pose * calibrated_sensor,
  // the sensor 1.84 m above the ego origin on a road at z = 0.
  ASSERT_TRUE(s.frames[0].info.egoPose.has_value());
  EXPECT_NEAR(s.frames[0].info.egoPose->translation().z(), 1.83, 0.01);
}

TEST(SequenceDiscovery, NuscenesTablesGiveLidarToGlobalPoses) {
  const fs::path dir = scratchDir();
  fs::create_directories(dir / "samples/LIDAR_TOP");
  PointCloud c;
  c.push(1, 2, 3, 4);
  c.ring.push_back(0);
  const std::string name = "n0__LIDAR_TOP__1000.pcd.bin";
  writeSweep((dir / "samples/LIDAR_TOP" / name).string(), c, "nuscenes-bin");
  writeText(dir / "v1.0-mini/sample_data.json",
            R"([{"token":"sd","filename":"samples/LIDAR_TOP/)" + name +
                R"(","ego_pose_token":"e","calibrated_sensor_token":"c"}])");
  writeText(dir / "v1.0-mini/ego_pose.json",
            R"([{"token":"e","translation":[100,200,0],"rotation":[1,0,0,0]}])");
  // LiDAR yawed +90 deg about z in the ego frame (w = cos 45, z = sin 45), 1.8 m up.
  writeText(
      dir / "v1.0-mini/calibrated_sensor.json",
      R"([{"token":"c","translation":[0.9,0,1.8],"rotation":[0.7071067811865476,0,0,0.7071067811865476]}])");
  const Sequence s = openSequence(dir.string());
  ASSERT_TRUE(s.frames[0].info.egoPose.has_value());
  const Eigen::Vector3d p = *s.frames[0].info.egoPose * Eigen::Vector3d(1, 0, 0);
  EXPECT_NEAR(p.x(), 100.9, 1e-9);  // LiDAR x = ego y
  EXPECT_NEAR(p.y(), 201.0, 1e-9);
  EXPECT_NEAR(p.z(), 1.8, 1e-9);
}

TEST(SequenceDiscovery, PlainFolderIsInNaturalOrder) {
  const fs::path dir = scratchDir();
  PointCloud c;
  c.push(1, 2, 3, 0);
  for (const char* n : {"10.pcd", "2.pcd", "1.pcd"})
    writePcd((dir / n).string(), c, PcdEncoding::Binary);
  const SequenceLayout l = detectSequenceLayout(dir.string());
  EXPECT_EQ(l.kind, "folder");
  EXPECT_EQ(l.sweepFormat, "pcd");
  const Sequence s = sequenceFromLayout(l);
  ASSERT_EQ(s.size(), 3u);
  EXPECT_EQ(s.frames[0].info.sweepPath, "1.pcd");
  EXPECT_EQ(s.frames[1].info.sweepPath, "2.pcd");
  EXPECT_EQ(s.frames[2].info.sweepPath, "10.pcd");
}

TEST(SequenceDiscovery, PlainFolderMixingFormatsIsAnErrorNamingBoth) {
  const fs::path dir = scratchDir();
  PointCloud c;
  c.push(1, 2, 3, 0);
  writeSweep((dir / "a.pcd").string(), c, "pcd");
  writeSweep((dir / "b.ply").string(), c, "ply");
  try {
    detectSequenceLayout(dir.string());
    FAIL();
  } catch (const FileError& e) {
    EXPECT_THAT(e.reason(), HasSubstr("mixed sweep formats"));
    EXPECT_THAT(e.reason(), HasSubstr("b.ply"));
  }
}

TEST(SequenceDiscovery, FolderWithoutSweepsIsAnError) {
  EXPECT_THROW(openSequence(scratchDir()), FileError);
}

TEST(SequenceDiscovery, NativeDocumentWinsOverVelodyneFolder) {
  const fs::path dir = scratchDir();
  fs::create_directories(dir / "velodyne");
  fs::copy_file(sampleData("kitti_object/training/velodyne/000000.bin"),
                dir / "velodyne/000000.bin");
  Sequence s = openSequence(dir.string());
  s.metadata["note"] = "native";
  saveNativeSequence(s, nativePathFor(dir.string()));
  EXPECT_EQ(detectSequenceLayout(dir.string()).kind, "native");
  EXPECT_EQ(openSequence(dir.string()).metadata.at("note"), "native");
}

}  // namespace
}  // namespace lidarlabel
