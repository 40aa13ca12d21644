// KITTI alpha (observation angle): the formula against the official values and in every viewing
// direction, and imported alpha kept for unedited boxes.
#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

#include "lidarlabel/io/atomic_file.h"
#include "lidarlabel/io/kitti_object.h"
#include "lidarlabel/io/kitti_tracking.h"
#include "lidarlabel/io/ontology_io.h"
#include "test_paths.h"

namespace lidarlabel {
namespace {

using test::sampleData;

constexpr double kPi = std::numbers::pi;

KittiCalib trackingCalib(const std::string& seq) {
  return readKittiCalib(sampleData("kitti_tracking/training/calib/" + seq + ".txt"));
}

// Camera axes as KITTI's (x = -LiDAR y, y = -LiDAR z, z = LiDAR x) with the camera 0.27 m ahead
// of and 0.08 m below the LiDAR, as on the KITTI car; P2 a pinhole.
KittiCalib offsetCalib() {
  KittiCalib c;
  for (auto& p : c.P) p.setZero();
  c.P[2] << 720, 0, 620, 0, 0, 720, 187, 0, 0, 0, 1, 0;
  const Eigen::Vector3d cameraInLidar(0.27, 0, -0.08);
  Eigen::Matrix3d r;
  r << 0, -1, 0, 0, 0, -1, 1, 0, 0;
  c.Tr_velo_to_cam << r, -r * cameraInLidar;
  c.Tr_imu_to_velo.setZero();
  return c;
}

// A car with its bottom centre at LiDAR (x, y) on the road, heading `yaw`.
Cuboid carAt(double x, double y, double yaw) {
  Cuboid b;
  b.center = {x, y, -1.73 + 0.75};
  b.size = {4.0, 1.8, 1.5};
  b.yaw = yaw;
  return b;
}

// Official rows: 6 decimals, so alpha, ry and location carry <= 5e-7 rounding each.
TEST(KittiAlpha, ComputedAlphaEqualsEveryOfficialTrackingValueWithinRounding) {
  std::size_t n = 0;
  for (const std::string s : {"0012", "0014"}) {
    const KittiCalib calib = trackingCalib(s);
    const std::string path = sampleData("kitti_tracking/training/label_02/" + s + ".txt");
    for (const KittiLabel& l : parseKittiTrackingLabels(readFile(path), path)) {
      if (l.isDontCare()) continue;
      const KittiLabel g = kittiGeometryFromCuboid(cuboidFromKittiLabel(l, calib), calib);
      EXPECT_NEAR(angleDiff(g.alpha, l.alpha), 0, 2e-6)
          << s << " frame " << l.frame << " track " << l.trackId;
      ++n;
    }
  }
  EXPECT_EQ(n, 898u);
}

TEST(KittiAlpha, ComputedAlphaEqualsTheObjectSampleWithinItsTwoDecimals) {
  for (const std::string stem : {"000000", "000001", "000002", "000003", "000004", "000005"}) {
    const KittiCalib calib =
        readKittiCalib(sampleData("kitti_object/training/calib/" + stem + ".txt"));
    for (const KittiLabel& l :
         readKittiObjectLabels(sampleData("kitti_object/training/label_2/" + stem + ".txt"))) {
      if (l.isDontCare()) continue;
      const KittiLabel g = kittiGeometryFromCuboid(cuboidFromKittiLabel(l, calib), calib);
      EXPECT_NEAR(angleDiff(g.alpha, l.alpha), 0, 0.01) << stem << " " << l.type;
    }
  }
}

// alpha is the heading relative to the viewing ray: a box driving straight away from the sensor
// has alpha = -pi/2 and one coming straight at it +pi/2, wherever it is: ahead, beside the
// camera (behind its image plane), or behind the car.
TEST(KittiAlpha, RadialHeadingGivesPlusMinusHalfPiInEveryDirection) {
  const KittiCalib calib = offsetCalib();
  std::vector<Eigen::Vector2d> spots = {{0.1, 2.5}, {0.1, -2.5}, {0.2, 0.9}, {-0.5, 3.0}};
  for (int deg = -180; deg < 180; deg += 30)
    spots.emplace_back(10 * std::cos(deg * kPi / 180), 10 * std::sin(deg * kPi / 180));
  for (const Eigen::Vector2d& p : spots) {
    const double bearing = std::atan2(p.y(), p.x());
    const KittiLabel away = kittiGeometryFromCuboid(carAt(p.x(), p.y(), bearing), calib);
    const KittiLabel toward = kittiGeometryFromCuboid(carAt(p.x(), p.y(), bearing + kPi), calib);
    EXPECT_NEAR(angleDiff(away.alpha, -kPi / 2), 0, 1e-9) << p.transpose();
    EXPECT_NEAR(angleDiff(toward.alpha, kPi / 2), 0, 1e-9) << p.transpose();
  }
}

// With a real calibration, ry is measured in the (slightly rotated) camera frame and the bottom
// centre lies h/2 along camera y, ~1 cm off the LiDAR vertical: the radial alpha is -pi/2 up to
// that rotation and +-0.003 rad at 4 m (measured spread 0.0056 over 4..25 m). The camera-origin
// form of FORMATS.md §1.4 would spread by 2 x 0.27 m / 4 m = 0.13 rad.
TEST(KittiAlpha, RadialHeadingIsTheSameAllAroundWithARealCalibration) {
  const KittiCalib calib = trackingCalib("0012");
  double lo = 10, hi = -10;
  for (int deg = -180; deg < 180; deg += 15) {
    for (double range : {4.0, 25.0}) {
      const double b = deg * kPi / 180;
      const double a =
          kittiGeometryFromCuboid(carAt(range * std::cos(b), range * std::sin(b), b), calib).alpha;
      lo = std::min(lo, angleDiff(a, -kPi / 2));
      hi = std::max(hi, angleDiff(a, -kPi / 2));
    }
  }
  EXPECT_LT(hi - lo, 0.01);
  EXPECT_LT(std::max(std::abs(lo), std::abs(hi)), 0.02);
}

TEST(KittiAlpha, UneditedBoxKeepsItsImportedAlphaWhereTheFormulaDisagrees) {
  // Beside and behind the camera; the alpha in the file is not what the formula gives.
  const std::string row =
      "147 65 Pedestrian 0 1 2.922129 0.000000 160.000000 120.500000 375.000000 1.750000 "
      "0.600000 0.900000 -4.000000 1.600000 -0.500000 -1.650000\n";
  Sequence seq;
  const KittiCalib calib = trackingCalib("0012");
  addKittiTrackingLabels(parseKittiTrackingLabels(row, "crafted.txt"), calib, defaultOntology(),
                         seq);
  ASSERT_GT(std::abs(angleDiff(kittiGeometryFromCuboid(seq.frames[147].objects[0].box, calib).alpha,
                               2.922129)),
            0.5);
  const KittiTrackingRows rows = kittiTrackingRowsFromSequence(seq, calib, defaultOntology());
  EXPECT_EQ(kittiTrackingLabelsToText(rows.rows), row);
}

TEST(KittiAlpha, EditedBoxGetsTheFormula) {
  const std::string row =
      "0 1 Car 0 0 0.155801 459.621030 180.293358 566.834571 217.035394 1.484782 1.801123 "
      "4.311152 -4.116644 1.826652 30.902068 0.023919\n";
  Sequence seq;
  const KittiCalib calib = trackingCalib("0012");
  addKittiTrackingLabels(parseKittiTrackingLabels(row, "crafted.txt"), calib, defaultOntology(),
                         seq);
  Cuboid& box = seq.frames[0].objects[0].box;
  box.yaw += 0.3;
  const KittiTrackingRows rows = kittiTrackingRowsFromSequence(seq, calib, defaultOntology());
  ASSERT_EQ(rows.rows.size(), 1u);
  const KittiLabel g = kittiGeometryFromCuboid(box, calib);
  EXPECT_DOUBLE_EQ(rows.rows[0].alpha, g.alpha);
  EXPECT_NEAR(angleDiff(rows.rows[0].alpha, 0.155801), -0.3, 1e-3);
}

}  // namespace
}  // namespace lidarlabel
