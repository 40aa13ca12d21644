// lidarlabel-cli prelabel as a process, on copies of the synthetic sample.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>

#include "cli_support.h"
#include "lidarlabel/core/box_iou.h"
#include "lidarlabel/core/traffic_side.h"
#include "lidarlabel/io/native_format.h"
#include "mirrored_sample.h"

using namespace lidarlabel;
using namespace lidarlabel::test;
using ::testing::HasSubstr;

namespace {
// Parked vehicles of the sample: van 9 on the right facing forward (yaw 0), truck 6 on the left
// facing back (yaw pi); the pre-labels find them by frames 10 and 30.
constexpr std::uint32_t kParkedVan = 9, kParkedTruck = 6;

// The pre-labelled box of `frame` on the object `id` of `folder`'s document (BEV IoU >= 0.5),
// or nullptr.
const ObjectAnnotation* boxOn(const Sequence& pre, std::size_t frame, std::uint32_t id,
                              const std::string& folder = sampleData("synthetic")) {
  const Sequence sample = loadNativeSequence(folder + "/" + kNativeFileName);
  for (const auto& truth : sample.frames[frame].objects)
    if (truth.trackId == id)
      for (const auto& o : pre.frames[frame].objects)
        if (bevIoU(o.box, truth.box) >= 0.5) return &o;
  return nullptr;
}

// |yaw - want| in radians, for a box that may be missing (then pi: as wrong as can be).
double yawOff(const ObjectAnnotation* o, double want) {
  return o ? std::abs(angleDiff(o->box.yaw, want)) : M_PI;
}
}  // namespace

TEST(PrelabelCli, WritesADocumentOfAutomaticBoxes) {
  const std::string dir = scratchDir();
  const std::string copy = syntheticCopy(dir + "/seq");
  const CliRun r = runCli({"prelabel", copy, "--out", dir + "/pre.json"});
  ASSERT_EQ(r.status, 0) << r.output;
  EXPECT_THAT(r.output, HasSubstr("frames: 40"));
  const Sequence pre = loadNativeSequence(dir + "/pre.json");
  ASSERT_EQ(pre.size(), 40u);
  std::size_t boxes = 0;
  for (const Frame& f : pre.frames)
    for (const ObjectAnnotation& o : f.objects) {
      EXPECT_EQ(o.provenance, Provenance::Automatic);
      ++boxes;
    }
  EXPECT_GT(boxes, 40u);
}

TEST(PrelabelCli, TheTrafficSideDecidesWhichWayParkedVehiclesFace) {
  const std::string dir = scratchDir();
  const std::string copy = syntheticCopy(dir + "/seq");
  ASSERT_EQ(runCli({"prelabel", copy, "--out", dir + "/right.json"}).status, 0);
  ASSERT_EQ(runCli({"prelabel", copy, "--out", dir + "/left.json", "--traffic", "left"}).status, 0);
  const Sequence right = loadNativeSequence(dir + "/right.json");
  const Sequence left = loadNativeSequence(dir + "/left.json");
  // Right-hand traffic, the default: both face the way they do in the sample.
  EXPECT_LT(yawOff(boxOn(right, 10, kParkedVan), 0.0), 0.3);
  EXPECT_LT(yawOff(boxOn(right, 30, kParkedTruck), M_PI), 0.3);
  // Left-hand traffic: the van on the right would face back, the truck on the left forward.
  EXPECT_LT(yawOff(boxOn(left, 10, kParkedVan), M_PI), 0.3);
  EXPECT_LT(yawOff(boxOn(left, 30, kParkedTruck), 0.0), 0.3);
}

TEST(PrelabelCli, WithoutTrafficTheSideTheSequenceRecordsIsUsedAndAGivenSideWins) {
  const std::string dir = scratchDir();
  const std::string copy = syntheticCopy(dir + "/seq");
  const std::string doc = copy + "/" + kNativeFileName;
  Sequence s = loadNativeSequence(doc);
  s.metadata[kTrafficSideKey] = "left";  // as the reader records a scene driven in Singapore
  saveNativeSequence(s, doc);
  const CliRun recorded = runCli({"prelabel", copy, "--out", dir + "/recorded.json"});
  ASSERT_EQ(recorded.status, 0) << recorded.output;
  EXPECT_THAT(recorded.output, HasSubstr("traffic: left"));
  const CliRun given =
      runCli({"prelabel", copy, "--out", dir + "/given.json", "--traffic", "right"});
  ASSERT_EQ(given.status, 0) << given.output;
  EXPECT_THAT(given.output, HasSubstr("traffic: right"));
  EXPECT_LT(yawOff(boxOn(loadNativeSequence(dir + "/recorded.json"), 10, kParkedVan), M_PI), 0.3);
  EXPECT_LT(yawOff(boxOn(loadNativeSequence(dir + "/given.json"), 10, kParkedVan), 0.0), 0.3);
}

TEST(PrelabelCli, WithoutASideGivenOrRecordedTheOncomingTracksDecideIt) {
  const std::string dir = scratchDir();
  const CliRun right =
      runCli({"prelabel", syntheticCopy(dir + "/seq"), "--out", dir + "/right.json"});
  ASSERT_EQ(right.status, 0) << right.output;
  EXPECT_THAT(right.output, HasSubstr("traffic: right (detected"));
  EXPECT_EQ(loadNativeSequence(dir + "/right.json").metadata.at(kTrafficSideKey), "right");
  // Mirrored, the street keeps left: the parked van, now on the left, faces forward.
  const CliRun left =
      runCli({"prelabel", mirroredSyntheticCopy(dir + "/mirrored"), "--out", dir + "/left.json"});
  ASSERT_EQ(left.status, 0) << left.output;
  EXPECT_THAT(left.output, HasSubstr("traffic: left (detected"));
  const Sequence pre = loadNativeSequence(dir + "/left.json");
  EXPECT_EQ(pre.metadata.at(kTrafficSideKey), "left");
  EXPECT_LT(yawOff(boxOn(pre, 10, kParkedVan, dir + "/mirrored"), 0.0), 0.3);
}

TEST(PrelabelCli, AnUnknownTrafficSideIsAUsageError) {
  const std::string dir = scratchDir();
  const CliRun r = runCli({"prelabel", syntheticCopy(dir + "/seq"), "--traffic", "sideways"});
  EXPECT_EQ(r.status, 2);
  EXPECT_THAT(r.output, HasSubstr("--traffic expects right, left or off, not 'sideways'"));
}
