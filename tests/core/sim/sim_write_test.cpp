// The written folder is a sequence the tool opens; writing is atomic and refuses to clobber.
#include <gtest/gtest.h>

#include <filesystem>

#include "lidarlabel/core/errors.h"
#include "lidarlabel/io/atomic_file.h"
#include "lidarlabel/io/native_format.h"
#include "lidarlabel/io/semantic_kitti.h"
#include "lidarlabel/io/sequence_open.h"
#include "lidarlabel/io/sweep_io.h"
#include "lidarlabel/sim/write.h"
#include "sim_test_util.h"
#include "test_paths.h"

namespace fs = std::filesystem;

namespace lidarlabel::sim {
namespace {

SimulationConfig smallConfig() {
  SimulationConfig c;
  c.seed = 3;
  c.frames = 4;
  c.sensor.beams = 16;
  c.sensor.azimuthSteps = 360;
  c.sensor.maxRange = 60;
  c.semanticKittiFiles = true;
  return c;
}

TEST(SimWrite, FolderOpensAsASequenceWithBoxesPosesAndPointLabels) {
  const std::string dir = lidarlabel::test::scratchDir() + "/seq";
  const SimulationSummary sum = writeSimulatedSequence(smallConfig(), dir);
  const Sequence s = openSequence(dir);
  ASSERT_EQ(s.size(), 4u);
  EXPECT_EQ(s.sweepFormat, "kitti-bin");
  EXPECT_EQ(s.metadata.at("command"), simulateCommandLine(smallConfig()));
  std::size_t boxes = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const Frame& f = s.frames[i];
    EXPECT_EQ(f.info.timestampUs, 1'000'000 + 100'000 * static_cast<long long>(i));
    ASSERT_TRUE(f.info.egoPose.has_value());
    EXPECT_NEAR(f.info.egoPose->translation().x(), 0.8 * static_cast<double>(i), 1e-9);  // 8 m/s
    const PointCloud cloud = readSweep(s.sweepPathOf(i));
    const PointLabels labels = readPointLabels(resolvePath(s.root, f.pointLabelPath),
                                               static_cast<long long>(cloud.size()));
    EXPECT_EQ(readSemanticKittiLabels(
                  dir + "/labels/" + fs::path(f.pointLabelPath).stem().string() + ".label",
                  static_cast<long long>(cloud.size())),
              labels);
    boxes += f.objects.size();
    for (const ObjectAnnotation& o : f.objects) {
      EXPECT_EQ(o.provenance, Provenance::Manual);
      EXPECT_FALSE(o.attributes.empty());
    }
  }
  EXPECT_EQ(boxes, sum.boxes);
  EXPECT_GT(sum.tracks, 10u);
  EXPECT_TRUE(fs::exists(dir + "/README.md"));
  EXPECT_EQ(readFile(dir + "/poses.txt").substr(0, 16), "1 0 0 0 0 1 0 -1");
}

TEST(SimWrite, RefusesToReplaceAFolderThatIsNotSimulatorOutput) {
  const std::string dir = lidarlabel::test::scratchDir();
  writeFileAtomic(dir + "/precious.txt", "keep me");
  EXPECT_THROW(writeSimulatedSequence(smallConfig(), dir), FileError);
  EXPECT_EQ(readFile(dir + "/precious.txt"), "keep me");
}

TEST(SimWrite, ReplacesAnEarlierSimulatorOutput) {
  const std::string dir = lidarlabel::test::scratchDir() + "/seq";
  SimulationConfig c = smallConfig();
  writeSimulatedSequence(c, dir);
  c.frames = 2;
  writeSimulatedSequence(c, dir);
  EXPECT_EQ(openSequence(dir).size(), 2u);
  EXPECT_FALSE(fs::exists(dir + "/velodyne/000003.bin"));
}

TEST(SimWrite, TrailingSlashNamesTheSameFolder) {
  const std::string dir = lidarlabel::test::scratchDir() + "/seq";
  SimulationConfig c = smallConfig();
  c.frames = 1;
  writeSimulatedSequence(c, dir + "/");
  writeSimulatedSequence(c, dir + "//");
  EXPECT_EQ(openSequence(dir).size(), 1u);
  EXPECT_EQ(
      std::distance(fs::directory_iterator(fs::path(dir).parent_path()), fs::directory_iterator()),
      1);
}

TEST(SimWrite, UnwritableDestinationThrowsAndLeavesNothingBehind) {
  const std::string dir = lidarlabel::test::scratchDir();
  writeFileAtomic(dir + "/file", "x");
  EXPECT_THROW(writeSimulatedSequence(smallConfig(), dir + "/file/seq"), FileError);
  EXPECT_EQ(std::distance(fs::directory_iterator(dir), fs::directory_iterator()), 1);
}

TEST(SimWrite, CommandLineListsOnlyNonDefaultOptionsInAFixedOrder) {
  SimulationConfig c;
  EXPECT_EQ(simulateCommandLine(c), "lidarlabel-cli simulate --out DIR --frames 40 --seed 1");
  c.seed = 7;
  c.scene.objects = 80;
  c.sensor.maxRange = 60.5;
  c.sensor.beams = 16;
  EXPECT_EQ(simulateCommandLine(c),
            "lidarlabel-cli simulate --out DIR --frames 40 --seed 7 --beams 16 --max-range 60.5 "
            "--objects 80");
}

TEST(SimConfig, ValidateNamesTheBadOption) {
  SimulationConfig c;
  EXPECT_EQ(validate(c), "");
  c.sensor.beams = 0;
  EXPECT_NE(validate(c).find("beams"), std::string::npos);
  c = {};
  c.sensor.maxRange = 0.5;
  EXPECT_NE(validate(c).find("max range"), std::string::npos);
  c = {};
  c.frames = 0;
  EXPECT_NE(validate(c).find("frames"), std::string::npos);
}

}  // namespace
}  // namespace lidarlabel::sim
