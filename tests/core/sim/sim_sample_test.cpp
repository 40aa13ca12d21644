// The committed sample sequence (sample_data/synthetic) is reproducible and shows what the
// issue asks for: dozens of tracks, occlusions, objects entering and leaving.
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "lidarlabel/io/native_format.h"
#include "lidarlabel/io/sweep_io.h"
#include "lidarlabel/sim/random.h"
#include "lidarlabel/sim/write.h"
#include "sim_test_util.h"
#include "test_paths.h"

namespace lidarlabel::sim {
namespace {

// The configuration of sample_data/synthetic (its README.md and metadata hold the command).
SimulationConfig sampleConfig() {
  SimulationConfig c;
  c.frames = 40;
  c.seed = 7;
  c.sensor.beams = 16;
  c.sensor.azimuthSteps = 360;
  c.sensor.maxRange = 60;
  c.scene.objects = 80;
  return c;
}

TEST(SimSample, CommittedSequenceRecordsItsCommand) {
  const Sequence s =
      loadNativeSequence(lidarlabel::test::sampleData("synthetic/annotations.lidarlabel.json"));
  EXPECT_EQ(s.metadata.at("command"), simulateCommandLine(sampleConfig()));
  EXPECT_EQ(s.metadata.at("generator"), "lidarlabel simulator");
}

TEST(SimSample, CommittedSequenceRegeneratesByteIdentically) {
  const std::string dir = lidarlabel::test::scratchDir() + "/synthetic";
  writeSimulatedSequence(sampleConfig(), dir);
  const std::string committed = lidarlabel::test::sampleData("synthetic");
  for (const char* f : {"annotations.lidarlabel.json", "README.md", "velodyne/000000.bin",
                        "velodyne/000039.bin", "labels/000000.llpl", "labels/000039.llpl"})
    EXPECT_EQ(readFile(dir + "/" + f), readFile(committed + "/" + f)) << f;
  EXPECT_EQ(test::hashFolder(dir), test::hashFolder(committed));
}

TEST(SimSample, EveryCommittedBoxContainsEveryPointLabelledWithItsInstance) {
  const Sequence s =
      loadNativeSequence(lidarlabel::test::sampleData("synthetic/annotations.lidarlabel.json"));
  std::size_t points = 0, inside = 0, boxes = 0, empty = 0;
  for (std::size_t f = 0; f < s.size(); ++f) {
    const PointCloud cloud = readSweep(s.sweepPathOf(f), s.sweepFormat);
    const PointLabels labels = readPointLabels(resolvePath(s.root, s.frames[f].pointLabelPath));
    for (const ObjectAnnotation& o : s.frames[f].objects) {
      std::size_t own = 0;
      for (std::size_t i = 0; i < cloud.size(); ++i) {
        if (labels.instance[i] != (o.trackId & 0xFFFF)) continue;
        ++own;
        inside += o.box.contains(test::pointAt(cloud, i)) ? 1 : 0;
      }
      points += own;
      ++boxes;
      empty += own == 0 ? 1 : 0;
    }
  }
  EXPECT_EQ(boxes, 1391u);
  EXPECT_EQ(empty, 0u);
  EXPECT_GT(points, 10000u);
  EXPECT_EQ(inside, points);  // 100 %, range noise on
}

TEST(SimSample, CommittedSequenceHasDozensOfTracksThatEnterLeaveAndHide) {
  const Sequence s =
      loadNativeSequence(lidarlabel::test::sampleData("synthetic/annotations.lidarlabel.json"));
  ASSERT_GE(s.size(), 40u);
  std::map<std::uint32_t, std::vector<std::size_t>> seenIn;
  for (std::size_t i = 0; i < s.size(); ++i)
    for (const ObjectAnnotation& o : s.frames[i].objects) seenIn[o.trackId].push_back(i);
  int entering = 0, leaving = 0, hidden = 0;
  for (const auto& [id, frames] : seenIn) {
    entering += frames.front() > 0;
    leaving += frames.back() + 1 < s.size();
    hidden += frames.back() - frames.front() + 1 > frames.size();  // a gap: occluded for a while
  }
  EXPECT_GE(seenIn.size(), 24u);
  EXPECT_GE(entering, 3);
  EXPECT_GE(leaving, 3);
  EXPECT_GE(hidden, 3);
}

TEST(SimSample, CommittedBoxesHoldExactlyThePointsOfTheirInstance) {
  const Sequence s =
      loadNativeSequence(lidarlabel::test::sampleData("synthetic/annotations.lidarlabel.json"));
  const double margin = boxMargin(SensorConfig{});  // the boxes are hulls grown by this
  std::size_t checked = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const PointCloud cloud = readSweep(s.sweepPathOf(i));
    const PointLabels labels = readPointLabels(resolvePath(s.root, s.frames[i].pointLabelPath),
                                               static_cast<long long>(cloud.size()));
    for (const ObjectAnnotation& o : s.frames[i].objects) {
      Cuboid hull = o.box;
      hull.size -= Eigen::Vector3d::Constant(2 * margin);
      for (std::size_t k = 0; k < cloud.size(); ++k) {
        const Eigen::Vector3d p(cloud.x[k], cloud.y[k], cloud.z[k]);
        if (labels.instance[k] == o.trackId)
          ASSERT_TRUE(o.box.contains(p)) << "frame " << i << " track " << o.trackId;
        else
          ASSERT_FALSE(hull.contains(p))
              << "frame " << i << " track " << o.trackId << " point " << k;
        ++checked;
      }
    }
  }
  EXPECT_GT(checked, 1000000u);
}

}  // namespace
}  // namespace lidarlabel::sim
