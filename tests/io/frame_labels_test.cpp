// Per-point labels of one frame from whatever the folder holds: native sidecar, SemanticKITTI
// labels/, nuScenes lidarseg (readFramePointLabels).
#include <gtest/gtest.h>

#include <filesystem>

#include "lidarlabel/core/errors.h"
#include "lidarlabel/io/frame_labels.h"
#include "lidarlabel/io/native_format.h"
#include "lidarlabel/io/nuscenes.h"
#include "lidarlabel/io/nuscenes_lidarseg.h"
#include "lidarlabel/io/ontology_io.h"
#include "lidarlabel/io/semantic_kitti.h"
#include "lidarlabel/io/sequence_open.h"
#include "lidarlabel/io/sweep_io.h"
#include "test_paths.h"

namespace lidarlabel {
namespace {

namespace fs = std::filesystem;
using test::sampleData;
using test::scratchDir;

const std::size_t kSemanticKittiPoints[] = {124668, 124605, 124478};

TEST(FramePointLabels, SemanticKittiFramesHaveOneMappedLabelPerPoint) {
  const Sequence s = openSequence(sampleData("semantickitti/sequences/00"));
  ASSERT_EQ(s.size(), 3u);
  for (std::size_t i = 0; i < 3; ++i) {
    const PointLabels l = readFramePointLabels(s, i, kSemanticKittiPoints[i], defaultOntology());
    EXPECT_EQ(l.size(), kSemanticKittiPoints[i]);
    // Mapped as the importer maps them: the 88 moving-motorcyclist (255) points of frame 0
    // become motorcyclist (32).
    EXPECT_EQ(std::count(l.semantic.begin(), l.semantic.end(), 255), 0);
  }
  const PointLabels first = readFramePointLabels(s, 0, kSemanticKittiPoints[0], defaultOntology());
  EXPECT_EQ(first.semantic,
            readSemanticKittiLabelsMapped(
                sampleData("semantickitti/sequences/00/labels/000000.label"), defaultOntology())
                .semantic);
  EXPECT_EQ(std::count(first.semantic.begin(), first.semantic.end(), 10), 4234);  // car
}

TEST(FramePointLabels, CountOtherThanTheSweepNamesTheLabelFile) {
  const Sequence s = openSequence(sampleData("semantickitti/sequences/00"));
  try {
    readFramePointLabels(s, 1, 1000, defaultOntology());
    FAIL() << "no error";
  } catch (const FileError& e) {
    EXPECT_NE(e.file().find("labels/000001.label"), std::string::npos) << e.what();
  }
}

TEST(FramePointLabels, NativeSidecarComesFirst) {
  const std::string dir = scratchDir();
  Sequence s = openSequence(sampleData("semantickitti/sequences/00"));
  s.root = dir;
  for (std::size_t i = 0; i < s.size(); ++i)
    s.frames[i].info.sweepPath =
        sampleData("semantickitti/sequences/00/velodyne/00000" + std::to_string(i) + ".bin");
  PointLabels mine;
  mine.semantic.assign(kSemanticKittiPoints[0], 40);
  mine.instance.assign(kSemanticKittiPoints[0], 0);
  writePointLabels(dir + "/frame0.llpl", mine);
  s.frames[0].pointLabelPath = "frame0.llpl";
  EXPECT_EQ(readFramePointLabels(s, 0, kSemanticKittiPoints[0], defaultOntology()).semantic,
            mine.semantic);
  // Frame 1 has no sidecar: SemanticKITTI labels beside its sweep.
  EXPECT_EQ(readFramePointLabels(s, 1, kSemanticKittiPoints[1], defaultOntology()).size(),
            kSemanticKittiPoints[1]);
}

TEST(FramePointLabels, FrameWithoutLabelsIsEmpty) {
  const Sequence s = openSequence(sampleData("kitti_object/training"));
  EXPECT_TRUE(readFramePointLabels(s, 0, 115384, defaultOntology()).empty());
}

TEST(FramePointLabels, NuscenesLidarsegIsFoundThroughLidarsegJsonAndSampleData) {
  // Export a SemanticKITTI frame as nuScenes with lidarseg, then open the export's dataroot.
  const std::string out = scratchDir() + "/nus";
  Sequence s = openSequence(sampleData("semantickitti/sequences/00"));
  s.frames.resize(1);
  s.root = scratchDir() + "/src";
  fs::create_directories(s.root);
  s.frames[0].info.sweepPath = sampleData("semantickitti/sequences/00/velodyne/000000.bin");
  const PointLabels mapped = readSemanticKittiLabelsMapped(
      sampleData("semantickitti/sequences/00/labels/000000.label"), defaultOntology());
  writePointLabels(s.root + "/000000.llpl", mapped);
  s.frames[0].pointLabelPath = "000000.llpl";
  exportNuscenes(s, out, defaultOntology());
  const Sequence opened = openSequence(out);
  ASSERT_EQ(opened.size(), 1u);
  const PointLabels l = readFramePointLabels(opened, 0, kSemanticKittiPoints[0], defaultOntology());
  ASSERT_EQ(l.size(), kSemanticKittiPoints[0]);
  const std::string seg =
      out + "/lidarseg/v1.0-lidarlabel/" + nuscenesSampleDataToken(s, 0) + "_lidarseg.bin";
  EXPECT_EQ(l.semantic, readNuscenesLidarseg(seg, defaultOntology()).semantic);
}

}  // namespace
}  // namespace lidarlabel
