// KITTI tracking label_02: the real sample (sample_data/kitti_tracking) and round trips.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>

#include "lidarlabel/core/errors.h"
#include "lidarlabel/io/atomic_file.h"
#include "lidarlabel/io/kitti_tracking.h"
#include "lidarlabel/io/ontology_io.h"
#include "test_paths.h"

namespace lidarlabel {
namespace {

using test::sampleData;
using test::scratchDir;

std::string label02(const std::string& seq) {
  return sampleData("kitti_tracking/training/label_02/" + seq + ".txt");
}
std::string calib(const std::string& seq) {
  return sampleData("kitti_tracking/training/calib/" + seq + ".txt");
}

// File facts (checked with grep/awk): 0012 has 354 rows of which 105 DontCare, 4 track ids;
// 0014 has 798 rows of which 149 DontCare, 17 track ids.
TEST(KittiTrackingSample, Sequence0012Has249BoxesExcludingDontCareIn4Tracks) {
  Sequence seq;
  const auto r = importKittiTrackingLabels(label02("0012"), calib("0012"), seq, defaultOntology());
  EXPECT_EQ(r.objects, 249u);
  EXPECT_EQ(r.dontCare, 105u);
  EXPECT_EQ(r.tracks, 4u);
}

TEST(KittiTrackingSample, Sequence0014Has649BoxesIn17Tracks) {
  Sequence seq;
  const auto r = importKittiTrackingLabels(label02("0014"), calib("0014"), seq, defaultOntology());
  EXPECT_EQ(r.objects, 649u);
  EXPECT_EQ(r.tracks, 17u);
  EXPECT_GE(seq.size(), r.frames);
}

TEST(KittiTrackingSample, TrackIdsAreShiftedByOne) {
  Sequence seq;
  importKittiTrackingLabels(label02("0012"), calib("0012"), seq, defaultOntology());
  // 0012 frame 0: "0 0 Cyclist ...", "0 1 Car ...", "0 3 Car ..."
  ASSERT_EQ(seq.frames[0].objects.size(), 3u);
  EXPECT_EQ(seq.frames[0].objects[0].trackId, 1u);
  EXPECT_EQ(seq.frames[0].objects[0].className, "cyclist");
  EXPECT_EQ(seq.frames[0].objects[2].trackId, 4u);
}

TEST(KittiTrackingSample, ExportReproducesEveryRowsValues) {
  for (const std::string s : {"0012", "0014"}) {
    Sequence seq;
    seq.name = s;
    importKittiTrackingLabels(label02(s), calib(s), seq, defaultOntology());
    const std::string out = scratchDir();
    KittiTrackingExportSettings settings;
    settings.calibFile = calib(s);
    exportKittiTracking(seq, out, defaultOntology(), settings);
    auto sorted = [](std::vector<KittiLabel> v) {
      std::stable_sort(v.begin(), v.end(), [](const KittiLabel& a, const KittiLabel& b) {
        return std::tie(a.frame, a.trackId) < std::tie(b.frame, b.trackId);
      });
      return v;
    };
    const std::string calibText = readFile(out + "/calib/" + s + ".txt");
    EXPECT_NE(calibText.find("\nR_rect "), std::string::npos);
    EXPECT_NE(calibText.find("\nTr_velo_cam "), std::string::npos);
    EXPECT_TRUE(readKittiCalib(out + "/calib/" + s + ".txt")
                    .Tr_velo_to_cam.isApprox(readKittiCalib(calib(s)).Tr_velo_to_cam, 1e-12));
    const auto a = sorted(parseKittiTrackingLabels(readFile(label02(s)), "orig"));
    const auto b =
        sorted(parseKittiTrackingLabels(readFile(out + "/label_02/" + s + ".txt"), "out"));
    ASSERT_EQ(a.size(), b.size()) << s;
    for (std::size_t i = 0; i < a.size(); ++i) {
      EXPECT_EQ(a[i].frame, b[i].frame);
      EXPECT_EQ(a[i].trackId, b[i].trackId);
      EXPECT_EQ(a[i].type, b[i].type);
      EXPECT_EQ(a[i].truncated, b[i].truncated) << s << " " << i;
      EXPECT_EQ(a[i].occluded, b[i].occluded);
      EXPECT_EQ(a[i].alpha, b[i].alpha) << s << " " << i;  // imported alpha kept (unedited)
      for (int k = 0; k < 4; ++k) EXPECT_EQ(a[i].bbox[k], b[i].bbox[k]) << s << " " << i;
      EXPECT_EQ(a[i].rotationY, b[i].rotationY) << s << " " << i;
      EXPECT_EQ(a[i].location, b[i].location) << s << " " << i;
      EXPECT_EQ(a[i].dimensions, b[i].dimensions) << s << " " << i;
    }
  }
}

TEST(KittiTrackingText, WrongColumnCountNamesTheLine) {
  try {
    parseKittiTrackingLabels("0 1 Car 0 0 0.1 1 2 3 4 1.5 1.6 4 1 2 30 0.1\n0 1 Car 0 0\n",
                             "0001.txt");
    FAIL() << "no error";
  } catch (const FileError& e) {
    EXPECT_EQ(e.where(), "line 2");
    EXPECT_THAT(e.reason(), testing::HasSubstr("17"));
  }
}

TEST(KittiTrackingText, WritesFrameAndTrackIdFirstAndIntegerTruncation) {
  KittiLabel l;
  l.frame = 7;
  l.trackId = 2;
  l.type = "Car";
  l.truncated = 1;
  l.occluded = 0;
  l.alpha = 0.5;
  l.bbox = {1, 2, 3, 4};
  l.dimensions = {1.5, 1.6, 4};
  l.location = {1, 2, 30};
  l.rotationY = 0.25;
  EXPECT_EQ(kittiTrackingLabelsToText({l}),
            "7 2 Car 1 0 0.500000 1.000000 2.000000 3.000000 4.000000 1.500000 1.600000 4.000000 "
            "1.000000 2.000000 30.000000 0.250000\n");
}

}  // namespace
}  // namespace lidarlabel
