// Round trips of every sweep format and the real KITTI / nuScenes samples.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>

#include "lidarlabel/core/errors.h"
#include "lidarlabel/io/pcd.h"
#include "lidarlabel/io/ply.h"
#include "lidarlabel/io/sweep_io.h"
#include "test_paths.h"

namespace lidarlabel {
namespace {

using test::sampleData;
using test::scratchDir;

PointCloud smallCloud(bool ring, bool time) {
  PointCloud c;
  const float vals[][6] = {{1.5f, -2.25f, 0.125f, 0.5f, 3, 0.001f},
                           {-71.123456f, 33.3f, -1.73f, 0.f, 31, 0.05f},
                           {1e-7f, 1e7f, 3.14159265f, 255.f, 0, 0.0999f},
                           {0.f, 0.f, 0.f, 1.f, 65535, 0.f}};
  for (const auto& v : vals) {
    c.x.push_back(v[0]);
    c.y.push_back(v[1]);
    c.z.push_back(v[2]);
    c.intensity.push_back(v[3]);
    if (ring) c.ring.push_back(static_cast<std::uint16_t>(v[4]));
    if (time) c.time.push_back(v[5]);
  }
  return c;
}

void expectSameCloud(const PointCloud& a, const PointCloud& b, bool ring, bool time) {
  ASSERT_EQ(a.size(), b.size());
  ASSERT_TRUE(b.consistent());
  for (std::size_t i = 0; i < a.size(); ++i) {
    EXPECT_FLOAT_EQ(a.x[i], b.x[i]) << i;
    EXPECT_FLOAT_EQ(a.y[i], b.y[i]) << i;
    EXPECT_FLOAT_EQ(a.z[i], b.z[i]) << i;
    EXPECT_FLOAT_EQ(a.intensity[i], b.intensity[i]) << i;
  }
  EXPECT_EQ(b.hasRing(), ring);
  EXPECT_EQ(b.hasTime(), time);
  if (ring && a.hasRing()) {
    EXPECT_EQ(a.ring, b.ring);
  }
  if (time && a.hasTime()) {
    for (std::size_t i = 0; i < a.size(); ++i) EXPECT_FLOAT_EQ(a.time[i], b.time[i]) << i;
  }
}

class SweepRoundTrip : public ::testing::TestWithParam<std::string> {};

TEST_P(SweepRoundTrip, WriteThenReadGivesTheSamePointsAndFields) {
  const std::string format = GetParam();
  const bool keepsRing = format != "kitti-bin";
  const bool keepsTime = format.rfind("pcd", 0) == 0 || format.rfind("ply", 0) == 0;
  const PointCloud in = smallCloud(true, true);
  const std::string path = scratchDir() + "/sweep" + sweepExtensionFor(format);
  writeSweep(path, in, format);
  const PointCloud out = readSweep(path);
  expectSameCloud(in, out, keepsRing, keepsTime);
}

TEST_P(SweepRoundTrip, WriteThenReadKeepsACloudWithoutRingOrTime) {
  const std::string format = GetParam();
  const PointCloud in = smallCloud(false, false);
  const std::string path = scratchDir() + "/sweep" + sweepExtensionFor(format);
  writeSweep(path, in, format);
  const PointCloud out = readSweep(path);
  expectSameCloud(in, out, format == "nuscenes-bin", false);
}

INSTANTIATE_TEST_SUITE_P(EveryFormat, SweepRoundTrip,
                         ::testing::Values("kitti-bin", "nuscenes-bin", "pcd-ascii", "pcd-binary",
                                           "pcd-binary-compressed", "ply-ascii", "ply-binary",
                                           "ply-binary-be"),
                         [](const auto& p) {
                           std::string n = p.param;
                           std::replace(n.begin(), n.end(), '-', '_');
                           return n;
                         });

TEST(SweepRoundTrip, RealKittiSweepSurvivesEveryPcdAndPlyEncoding) {
  const PointCloud kitti = readSweep(sampleData("kitti_object/training/velodyne/000001.bin"));
  const std::string dir = scratchDir();
  for (const std::string format :
       {"pcd-ascii", "pcd-binary", "pcd-binary-compressed", "ply-ascii", "ply-binary"}) {
    const std::string path = dir + "/" + format + sweepExtensionFor(format);
    writeSweep(path, kitti, format);
    const PointCloud back = readSweep(path);
    SCOPED_TRACE(format);
    ASSERT_EQ(back.size(), kitti.size());
    EXPECT_EQ(back.x, kitti.x);
    EXPECT_EQ(back.y, kitti.y);
    EXPECT_EQ(back.z, kitti.z);
    EXPECT_EQ(back.intensity, kitti.intensity);
  }
}

TEST(SweepRoundTrip, CompressedPcdOfARealSweepIsSmallerThanBinary) {
  const PointCloud kitti = readSweep(sampleData("kitti_object/training/velodyne/000000.bin"));
  const auto compressed = pcdToBytes(kitti, PcdEncoding::BinaryCompressed);
  const auto binary = pcdToBytes(kitti, PcdEncoding::Binary);
  EXPECT_LT(compressed.size(), binary.size());
}

TEST(KittiBin, RealSamplesHaveTheDocumentedPointCounts) {
  const std::size_t expected[] = {115384, 120268, 126891, 113110, 115976, 125086};
  for (int i = 0; i < 6; ++i) {
    const PointCloud c =
        readSweep(sampleData("kitti_object/training/velodyne/00000" + std::to_string(i) + ".bin"));
    EXPECT_EQ(c.size(), expected[i]) << i;
    EXPECT_FALSE(c.hasRing());
  }
}

TEST(KittiBin, RealSampleReflectanceLiesInZeroToOne) {
  const PointCloud c = readSweep(sampleData("kitti_object/training/velodyne/000000.bin"));
  const auto [lo, hi] = std::minmax_element(c.intensity.begin(), c.intensity.end());
  EXPECT_GE(*lo, 0.f);
  EXPECT_LE(*hi, 1.f);
}

const char* kNuscenesSweep =
    "nuscenes/samples/LIDAR_TOP/n015-2018-07-24-11-22-45+0800__LIDAR_TOP__1532402927647951.pcd.bin";

TEST(NuscenesBin, FormatIsGuessedFromTheDoubleExtension) {
  EXPECT_EQ(sweepFormatFromPath(kNuscenesSweep), "nuscenes-bin");
  EXPECT_EQ(sweepFormatFromPath("a/000001.bin"), "kitti-bin");
}

TEST(NuscenesBin, RealSampleHas34688PointsWithRing0To31AndIntensity0To255) {
  const PointCloud c = readSweep(sampleData(kNuscenesSweep));
  ASSERT_EQ(c.size(), 34688u);
  ASSERT_TRUE(c.hasRing());
  const auto [rlo, rhi] = std::minmax_element(c.ring.begin(), c.ring.end());
  EXPECT_EQ(*rlo, 0);
  EXPECT_EQ(*rhi, 31);
  const auto [ilo, ihi] = std::minmax_element(c.intensity.begin(), c.intensity.end());
  EXPECT_GE(*ilo, 0.f);
  EXPECT_LE(*ihi, 255.f);
  EXPECT_GT(*ihi, 1.f);  // not rescaled to 0..1
}

TEST(NuscenesBin, SizeNotAMultipleOf20BytesNamesTheOffset) {
  const std::string path = scratchDir() + "/bad.pcd.bin";
  std::ofstream(path, std::ios::binary) << std::string(20 * 3 + 7, '\0');
  try {
    readSweep(path);
    FAIL() << "no error";
  } catch (const FileError& e) {
    EXPECT_EQ(e.file(), path);
    EXPECT_EQ(e.where(), "byte 60");
    EXPECT_THAT(e.reason(), ::testing::HasSubstr("multiple of 20"));
  }
}

TEST(NuscenesBin, FractionalRingValueIsAnErrorAtItsByte) {
  const std::string path = scratchDir() + "/ring.pcd.bin";
  const float rec[10] = {1, 2, 3, 4, 5, 1, 2, 3, 4, 2.5f};
  std::ofstream(path, std::ios::binary).write(reinterpret_cast<const char*>(rec), sizeof rec);
  try {
    readSweep(path);
    FAIL() << "no error";
  } catch (const FileError& e) {
    EXPECT_EQ(e.where(), "byte 36");
  }
}

TEST(KittiBin, NanCoordinateIsRejectedDroppedOrKeptByPolicy) {
  const std::string path = scratchDir() + "/nan.bin";
  const float rec[12] = {1, 2, 3, 0.5f, NAN, 2, 3, 0.5f, 7, 8, 9, 0.25f};
  std::ofstream(path, std::ios::binary).write(reinterpret_cast<const char*>(rec), sizeof rec);
  try {
    readSweep(path, "", {NonFinitePolicy::Reject});
    FAIL() << "no error";
  } catch (const NonFinitePointError& e) {
    EXPECT_EQ(e.where(), "byte 16");
    EXPECT_EQ(e.point(), 1u);
  }
  EXPECT_EQ(readSweep(path, "", {NonFinitePolicy::Drop}).size(), 2u);
  EXPECT_EQ(readSweep(path, "", {NonFinitePolicy::Keep}).size(), 3u);
}

TEST(ReadSweep, KeepsNoReturnPointsAtTheirIndexByDefault) {
  const std::string path = scratchDir() + "/nan.bin";
  const float rec[12] = {1, 2, 3, 0.5f, NAN, 2, 3, 0.5f, 7, 8, 9, 0.25f};
  std::ofstream(path, std::ios::binary).write(reinterpret_cast<const char*>(rec), sizeof rec);
  const PointCloud c = readSweep(path);
  ASSERT_EQ(c.size(), 3u);
  EXPECT_TRUE(std::isnan(c.x[1]));
  EXPECT_FLOAT_EQ(c.x[2], 7.f);
  EXPECT_EQ(countNonFinite(c), 1u);
}

TEST(ReadSweep, UnknownFormatIsAFileError) {
  EXPECT_THROW(readSweep("cloud.xyz"), FileError);
}

TEST(WriteSweep, UnknownOutputFormatIsRejected) {
  EXPECT_THROW(writeSweep(scratchDir() + "/x", smallCloud(false, false), "las"),
               std::invalid_argument);
}

}  // namespace
}  // namespace lidarlabel
