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
  const Sequence s = loadNativeSequence(lidarlabel::test::sampleData("synthetic/annotations.lidarlabel.json"));
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

TEST(SimSample, CommittedSequenceHasDozensOfTracksThatEnterLeaveAndHide) {
  const Sequence s = loadNativeSequence(lidarlabel::test::sampleData("synthetic/annotations.lidarlabel.json"));
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
  const Sequence s = loadNativeSequence(lidarlabel::test::sampleData("synthetic/annotations.lidarlabel.json"));
  const double ownMargin = kGaussianBound * SensorConfig{}.rangeNoiseStd + 1e-3;  // noise along the ray
  std::size_t checked = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const PointCloud cloud = readSweep(s.sweepPathOf(i));
    const PointLabels labels = readPointLabels(resolvePath(s.root, s.frames[i].pointLabelPath),
                                               static_cast<long long>(cloud.size()));
    for (const ObjectAnnotation& o : s.frames[i].objects)
      for (std::size_t k = 0; k < cloud.size(); ++k) {
        const Eigen::Vector3d p(cloud.x[k], cloud.y[k], cloud.z[k]);
        if (labels.instance[k] == o.trackId)
          ASSERT_TRUE(o.box.contains(p, ownMargin)) << "frame " << i << " track " << o.trackId;
        else
          ASSERT_FALSE(o.box.contains(p)) << "frame " << i << " track " << o.trackId << " point " << k;
        ++checked;
      }
  }
  EXPECT_GT(checked, 1000000u);
}

}  // namespace
}  // namespace lidarlabel::sim
