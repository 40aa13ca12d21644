// The window on a real organised sweep with no-return (NaN) points: the RELLIS-3D Ouster scan in
// sample_data/rellis3d (2048 x 64, 53,364 no-returns). Needs an X display (xvfb-run, see README).
#include <QTest>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <tuple>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "lidarlabel/app/main_window.h"
#include "lidarlabel/core/points_in_box.h"
#include "lidarlabel/io/native_format.h"
#include "lidarlabel/io/semantic_kitti.h"
#include "lidarlabel/render/scene_view.h"
#include "qt_app.h"
#include "test_paths.h"

namespace lidarlabel {
namespace {

const std::string kFolder = "rellis3d";
constexpr std::size_t kPoints = 2048 * 64;
constexpr std::size_t kNoReturns = 53364;

// WIDTH x HEIGHT as the PCD header states them, read from the file itself.
std::size_t headerPointCount(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::string key;
  std::size_t width = 0, height = 0;
  while (in >> key && key != "DATA") {
    if (key == "WIDTH") in >> width;
    if (key == "HEIGHT") in >> height;
  }
  return width * height;
}

struct OpenWindow {
  MainWindow window;
  OpenWindow() {
    window.resize(900, 650);
    window.show();
    EXPECT_TRUE(QTest::qWaitForWindowExposed(&window));
    EXPECT_TRUE(window.openFolder(QString::fromStdString(test::sampleData(kFolder))));
  }
};

TEST(OrganisedSweep, OpensShowingItsPointsAndTheNoReturnCount) {
  test::qtApp();
  OpenWindow o;
  EXPECT_EQ(o.window.statusText().toStdString(),
            "frame 1/1 \u00b7 77,708 points \u00b7 53,364 without a return \u00b7 0 boxes");
  const QImage img = o.window.sceneView()->grabFramebuffer();
  EXPECT_GT(test::countNonBackground(img), img.width() * img.height() / 20);  // not blank
}

TEST(OrganisedSweep, KeepsEveryPointIndexOfTheFile) {
  test::qtApp();
  OpenWindow o;
  const auto cloud = o.window.document().cloud(0);
  ASSERT_NE(cloud, nullptr);
  EXPECT_EQ(cloud->size(), headerPointCount(test::sampleData(kFolder + "/000104.pcd")));
  EXPECT_EQ(cloud->size(), kPoints);
  EXPECT_EQ(countNonFinite(*cloud), kNoReturns);
  // Organised: point r * 2048 + c is beam r, column c; beam 0 looks 17 deg up, beam 63 16 deg
  // down (elevation of every return of the row).
  auto elevationDeg = [&](std::size_t i) {
    return std::atan2(cloud->z[i], std::hypot(cloud->x[i], cloud->y[i])) * 180.f / 3.14159265f;
  };
  for (const auto& [row, lo, hi] : {std::tuple{0, 16.f, 18.f}, std::tuple{63, -17.f, -15.5f}})
    for (std::size_t c = 0; c < 2048; ++c) {
      const std::size_t i = 2048 * static_cast<std::size_t>(row) + c;
      EXPECT_EQ(cloud->ring[i], row);
      if (isFinitePoint(*cloud, i)) {
        ASSERT_THAT(elevationDeg(i), testing::AllOf(testing::Gt(lo), testing::Lt(hi)))
            << "point " << i;
      }
    }
}

TEST(OrganisedSweep, SavedPointLabelsHaveTheSourceSweepsPointCount) {
  test::qtApp();
  OpenWindow o;
  const auto cloud = o.window.document().cloud(0);
  ASSERT_NE(cloud, nullptr);
  // A fill by box: every point inside a 40 m x 40 m box around the sensor becomes class 9.
  Cuboid area;
  area.size = {40, 40, 20};
  const PointsInBoxResult in = pointsInBoxes(*cloud, {area});
  PointLabels labels;
  labels.resize(cloud->size());
  for (std::size_t i = 0; i < cloud->size(); ++i)
    if (in.owner[i] == 0) labels.semantic[i] = 9;
  ASSERT_GT(in.insideCount[0], 10000u);
  for (std::size_t i = 0; i < cloud->size(); ++i) {
    if (!isFinitePoint(*cloud, i)) {
      ASSERT_EQ(labels.semantic[i], 0) << "no-return point " << i;
    }
  }

  const std::string dir = test::scratchDir();
  writePointLabels(dir + "/000104.llpl", labels);
  writeSemanticKittiLabels(dir + "/000104.label", labels);
  const auto count =
      static_cast<long long>(headerPointCount(test::sampleData(kFolder + "/000104.pcd")));
  EXPECT_EQ(readPointLabels(dir + "/000104.llpl", count), labels);
  EXPECT_EQ(std::filesystem::file_size(dir + "/000104.label"), 4u * kPoints);
  EXPECT_EQ(readSemanticKittiLabels(dir + "/000104.label", count).semantic, labels.semantic);
}

}  // namespace
}  // namespace lidarlabel
