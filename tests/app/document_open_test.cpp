// Document::open brings the folder's own labels: boxes from KITTI label_2 and nuScenes tables,
// point labels from SemanticKITTI labels/.
#include <gtest/gtest.h>

#include <fstream>

#include "lidarlabel/app/document.h"
#include "test_paths.h"

namespace lidarlabel {
namespace {

std::size_t nonDontCareRows(const std::string& path) {
  std::ifstream in(path);
  std::size_t n = 0;
  for (std::string type, line; in >> type && std::getline(in, line);) n += type != "DontCare";
  return n;
}

TEST(DocumentOpen, KittiObjectSampleShowsEveryNonDontCareLabel2Row) {
  Document doc;
  doc.open(test::sampleData("kitti_object/training"));
  ASSERT_EQ(doc.frameCount(), 6u);
  for (std::size_t i = 0; i < 6; ++i)
    EXPECT_EQ(doc.objects(i).size(),
              nonDontCareRows(test::sampleData("kitti_object/training/label_2/00000" +
                                               std::to_string(i) + ".txt")))
        << "frame " << i;
  EXPECT_EQ(doc.objects(1).size(), 3u);  // Truck, Car, Cyclist
  EXPECT_EQ(doc.objects(1)[0].className, "truck");
}

TEST(DocumentOpen, NuscenesSampleShowsIts69Boxes) {
  Document doc;
  doc.open(test::sampleData("nuscenes"));
  ASSERT_EQ(doc.frameCount(), 1u);
  EXPECT_EQ(doc.objects(0).size(), 69u);
  EXPECT_EQ(doc.cloud(0)->size(), 34688u);
}

TEST(DocumentOpen, SemanticKittiFramesHavePointLabelsOfTheSweepsCount) {
  Document doc;
  doc.open(test::sampleData("semantickitti/sequences/00"));
  const std::size_t counts[] = {124668, 124605, 124478};
  for (std::size_t i = 0; i < 3; ++i) {
    const auto labels = doc.pointLabels(i);
    ASSERT_NE(labels, nullptr) << "frame " << i;
    EXPECT_EQ(labels->size(), counts[i]);
  }
}

}  // namespace
}  // namespace lidarlabel
