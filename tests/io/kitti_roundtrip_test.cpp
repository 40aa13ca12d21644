// KITTI object and tracking round trips: unedited labels come back byte for byte (no row lost,
// 2-D boxes and alpha as read), edited boxes get computed values.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>

#include "lidarlabel/io/atomic_file.h"
#include "lidarlabel/io/kitti_object.h"
#include "lidarlabel/io/kitti_tracking.h"
#include "lidarlabel/io/native_format.h"
#include "lidarlabel/io/ontology_io.h"
#include "lidarlabel/io/sequence_open.h"
#include "test_paths.h"

namespace lidarlabel {
namespace {

using test::sampleData;
using test::scratchDir;

const std::string kObject = "kitti_object/training";
const std::string kTracking = "kitti_tracking/training";

std::string trackingLabels(const std::string& seq) {
  return sampleData(kTracking + "/label_02/" + seq + ".txt");
}
std::string trackingCalib(const std::string& seq) {
  return sampleData(kTracking + "/calib/" + seq + ".txt");
}

// Imports label_02 text for sequence 0012's calibration and exports it again.
std::string trackingRoundTrip(const std::string& text, const std::string& calibSeq = "0012") {
  Sequence seq;
  seq.name = calibSeq;
  addKittiTrackingLabels(parseKittiTrackingLabels(text, "crafted.txt"),
                         readKittiCalib(trackingCalib(calibSeq)), defaultOntology(), seq);
  const KittiTrackingRows rows = kittiTrackingRowsFromSequence(
      seq, readKittiCalib(trackingCalib(calibSeq)), defaultOntology());
  return kittiTrackingLabelsToText(rows.rows);
}

// A car whose 3-D box projects just right of the 1242 px image (left edge near u = 1250) while
// its KITTI 2-D box says 1240.05..1241.00, as in sequence 0001 frame 108 track 24.
const std::string kEdgeRow =
    "5 7 Car 2 1 -2.500000 1240.050000 150.000000 1241.000000 250.000000 1.500000 1.800000 "
    "4.000000 11.500000 1.600000 10.000000 -1.570000\n";

TEST(KittiRoundTrip, ObjectSampleComesBackByteForByte) {
  Sequence seq = openSequence(sampleData(kObject));
  importKittiObjectLabels(sampleData(kObject), seq, defaultOntology());
  const std::string out = scratchDir();
  exportKittiObject(seq, out, defaultOntology(), {});
  for (const std::string stem : {"000000", "000001", "000002", "000003", "000004", "000005"})
    EXPECT_EQ(readFile(out + "/label_2/" + stem + ".txt"),
              readFile(sampleData(kObject + "/label_2/" + stem + ".txt")))
        << stem;
}

TEST(KittiRoundTrip, TrackingSamplesComeBackByteForByte) {
  for (const std::string s : {"0012", "0014"}) {
    Sequence seq;
    seq.name = s;
    importKittiTrackingLabels(trackingLabels(s), trackingCalib(s), seq, defaultOntology());
    const std::string out = scratchDir();
    KittiTrackingExportSettings settings;
    settings.calibFile = trackingCalib(s);
    const KittiTrackingRows rows = exportKittiTracking(seq, out, defaultOntology(), settings);
    EXPECT_EQ(rows.skippedOutside, 0u);
    EXPECT_EQ(readFile(out + "/label_02/" + s + ".txt"), readFile(trackingLabels(s))) << s;
  }
}

TEST(KittiRoundTrip, LabelsSurviveSavingAndLoadingTheNativeDocument) {
  Sequence seq;
  seq.name = "0014";
  importKittiTrackingLabels(trackingLabels("0014"), trackingCalib("0014"), seq, defaultOntology());
  const Sequence back = nativeSequenceFromJson(nativeSequenceToJson(seq), "doc.json");
  const KittiTrackingRows rows =
      kittiTrackingRowsFromSequence(back, readKittiCalib(trackingCalib("0014")), defaultOntology());
  EXPECT_EQ(kittiTrackingLabelsToText(rows.rows), readFile(trackingLabels("0014")));
}

TEST(KittiRoundTrip, UneditedTrackingBoxProjectingOutsideTheImageIsKept) {
  EXPECT_EQ(trackingRoundTrip(kEdgeRow), kEdgeRow);
}

TEST(KittiRoundTrip, UneditedObjectBoxProjectingOutsideTheImageIsKept) {
  const std::string row =
      "Car 0.80 1 -2.50 1240.05 150.00 1241.00 250.00 1.50 1.80 4.00 11.50 1.60 10.00 -1.57\n";
  Frame f;
  const KittiCalib calib = readKittiCalib(sampleData(kObject + "/calib/000001.txt"));
  addKittiLabelsToFrame(parseKittiObjectLabels(row, "crafted.txt"), calib, defaultOntology(), 1, f);
  const KittiFrameLabels out = kittiLabelsFromFrame(f, calib, defaultOntology());
  EXPECT_EQ(out.skippedOutside, 0u);
  EXPECT_EQ(kittiObjectLabelsToText(out.labels), row);
}

TEST(KittiRoundTrip, TrackingTwoDBoxKeepsAllItsDecimals) {
  const std::string row =
      "0 3 Car 0 0 1.654174 654.989751 180.244977 688.725257 206.880017 1.688593 1.877292 "
      "4.500000 4.187615 2.199353 48.523727 1.739185\n";  // 0012 frame 0
  EXPECT_EQ(trackingRoundTrip(row), row);
}

TEST(KittiRoundTrip, DontCareRowsKeepTheirTextInBothBenchmarks) {
  const std::string tracking =
      "0 -1 DontCare -1 -1 -10.000000 714.295323 182.660000 762.680000 198.190000 -1000.000000 "
      "-1000.000000 -1000.000000 -10.000000 -1.000000 -1.000000 -1.000000\n";
  EXPECT_EQ(trackingRoundTrip(tracking), tracking);
  const std::string object =
      "DontCare -1 -1 -10 503.89 169.71 590.61 190.13 -1 -1 -1 -1000 -1000 -1000 -10\n";
  Frame f;
  const KittiCalib calib = readKittiCalib(sampleData(kObject + "/calib/000001.txt"));
  addKittiLabelsToFrame(parseKittiObjectLabels(object, "crafted.txt"), calib, defaultOntology(), 1,
                        f);
  EXPECT_EQ(kittiObjectLabelsToText(kittiLabelsFromFrame(f, calib, defaultOntology()).labels),
            object);
}

TEST(KittiRoundTrip, TrackingRowsAreWrittenDontCareFirstThenByTrackId) {
  const std::string in =
      "2 4 Car 0 0 1.654174 654.989751 180.244977 688.725257 206.880017 1.688593 1.877292 "
      "4.500000 4.187615 2.199353 48.523727 1.739185\n"
      "2 -1 DontCare -1 -1 -10.000000 1.000000 2.000000 3.000000 4.000000 -1000.000000 "
      "-1000.000000 -1000.000000 -10.000000 -1.000000 -1.000000 -1.000000\n"
      "2 1 Car 0 0 0.155801 459.621030 180.293358 566.834571 217.035394 1.484782 1.801123 "
      "4.311152 -4.116644 1.826652 30.902068 0.023919\n";
  const std::vector<KittiLabel> out = parseKittiTrackingLabels(trackingRoundTrip(in), "out");
  ASSERT_EQ(out.size(), 3u);
  EXPECT_EQ(out[0].trackId, -1);
  EXPECT_EQ(out[1].trackId, 1);
  EXPECT_EQ(out[2].trackId, 4);
}

TEST(KittiRoundTrip, EditedTrackingBoxIsWrittenWithComputedSixDecimalValues) {
  Sequence seq;
  const KittiCalib calib = readKittiCalib(trackingCalib("0012"));
  addKittiTrackingLabels(parseKittiTrackingLabels(kEdgeRow, "crafted.txt"), calib,
                         defaultOntology(), seq);
  seq.frames[5].objects[0].box.center.y() += 6.0;  // moved 6 m left: now inside the image
  const KittiTrackingRows rows = kittiTrackingRowsFromSequence(seq, calib, defaultOntology());
  ASSERT_EQ(rows.rows.size(), 1u);
  const KittiLabel& l = rows.rows[0];
  const KittiLabel fresh = *kittiLabelFromCuboid(seq.frames[5].objects[0].box, calib);
  EXPECT_EQ(l.bbox, fresh.bbox);
  EXPECT_DOUBLE_EQ(l.alpha, fresh.alpha);
  EXPECT_EQ(l.truncated, 0);  // a level, not the imported 2
  const std::string text = kittiTrackingLabelsToText(rows.rows);
  EXPECT_THAT(text, testing::StartsWith("5 7 Car 0 "));
  EXPECT_THAT(text, testing::HasSubstr(" 1.500000 1.800000 4.000000 5.5"));  // x ~ 11.5 - 6
}

TEST(KittiRoundTrip, FloatRoundOffIsNoEditButAMillimetreIs) {
  Sequence seq;
  const KittiCalib calib = readKittiCalib(trackingCalib("0012"));
  addKittiTrackingLabels(parseKittiTrackingLabels(kEdgeRow, "crafted.txt"), calib,
                         defaultOntology(), seq);
  Cuboid& box = seq.frames[5].objects[0].box;
  box.center = box.center.cast<float>().cast<double>();
  box.yaw = static_cast<float>(box.yaw);
  EXPECT_EQ(
      kittiTrackingLabelsToText(kittiTrackingRowsFromSequence(seq, calib, defaultOntology()).rows),
      kEdgeRow);
  box.center.x() += 0.001;  // edited: now a box wholly outside the image, which is skipped
  EXPECT_TRUE(kittiTrackingRowsFromSequence(seq, calib, defaultOntology()).rows.empty());
}

TEST(KittiRoundTrip, TrackingLevelBecomesAFractionInAnObjectExport) {
  Sequence seq;
  const KittiCalib calib = readKittiCalib(trackingCalib("0012"));
  addKittiTrackingLabels(parseKittiTrackingLabels(kEdgeRow, "crafted.txt"), calib,
                         defaultOntology(), seq);
  const KittiFrameLabels out = kittiLabelsFromFrame(seq.frames[5], calib, defaultOntology());
  ASSERT_EQ(out.labels.size(), 1u);
  // The level 2 ("ignored") is no fraction; the box projects wholly outside the image -> 1.
  EXPECT_EQ(out.labels[0].truncated, 1.0);
  EXPECT_EQ(out.labels[0].bbox[0], 1240.05);  // the rest stays as read
}

TEST(KittiRoundTrip, ObjectFractionBecomesALevelInATrackingExport) {
  Sequence seq;
  seq.frames.resize(1);
  const KittiCalib calib = readKittiCalib(trackingCalib("0012"));
  addKittiLabelsToFrame(
      parseKittiObjectLabels(
          "Car 0.40 0 1.65 654.99 180.24 688.73 206.88 1.69 1.88 4.50 4.19 2.20 48.52 1.74\n",
          "crafted.txt"),
      calib, defaultOntology(), 1, seq.frames[0]);
  const KittiTrackingRows rows = kittiTrackingRowsFromSequence(seq, calib, defaultOntology());
  ASSERT_EQ(rows.rows.size(), 1u);
  EXPECT_EQ(rows.rows[0].truncated, 1);  // 0.40 >= 0.15
}

TEST(KittiRoundTrip, UneditedResultsRowKeepsItsScoreText) {
  const std::string row =
      "Car 0.00 0 1.55 614.24 181.78 727.31 284.77 1.57 1.73 4.15 1.00 1.75 13.22 1.62 0.8765\n";
  Frame f;
  const KittiCalib calib = readKittiCalib(sampleData(kObject + "/calib/000003.txt"));
  addKittiLabelsToFrame(parseKittiObjectLabels(row, "results.txt"), calib, defaultOntology(), 1, f);
  KittiLabelOptions options;
  options.withScore = true;
  EXPECT_EQ(
      kittiObjectLabelsToText(kittiLabelsFromFrame(f, calib, defaultOntology(), options).labels),
      row);
}

ObjectAnnotation newObject(const std::string& cls, double x, double y) {
  ObjectAnnotation o;
  o.className = cls;
  o.box.center = {x, y, -0.98};
  o.box.size = {4.0, 1.8, 1.5};
  return o;
}

TEST(KittiExportSkips, NewBoxesBehindTheCameraOrBesideTheImageAreSkippedAndCounted) {
  Frame f;
  f.objects = {newObject("car", -10, 0),  // behind the camera
               newObject("car", 2, 10),   // in front of the camera plane, left of the image
               newObject("car", 15, 0)};  // visible
  const KittiCalib calib = readKittiCalib(sampleData(kObject + "/calib/000003.txt"));
  const KittiFrameLabels out = kittiLabelsFromFrame(f, calib, defaultOntology());
  EXPECT_EQ(out.skippedOutside, 2u);
  ASSERT_EQ(out.labels.size(), 1u);
  EXPECT_NEAR(out.labels[0].location.z(), 15 - 0.27, 0.05);
}

TEST(KittiExportSkips, NewBoxOfAClassWithoutKittiNameIsSkippedAndCounted) {
  Frame f;
  f.objects = {newObject("bus", 15, 0)};
  const KittiCalib calib = readKittiCalib(sampleData(kObject + "/calib/000003.txt"));
  const KittiFrameLabels out = kittiLabelsFromFrame(f, calib, defaultOntology());
  EXPECT_EQ(out.skippedNoClass, 1u);
  EXPECT_TRUE(out.labels.empty());
}

TEST(KittiExportSkips, ExportReportsComputedOcclusionsOnlyForNewBoxes) {
  Sequence seq = openSequence(sampleData(kObject));
  importKittiObjectLabels(sampleData(kObject), seq, defaultOntology());
  seq.frames[3].objects.push_back(newObject("car", 25, -4));
  const KittiExportReport r = exportKittiObject(seq, scratchDir(), defaultOntology(), {});
  EXPECT_EQ(r.objects, 11u);
  EXPECT_EQ(r.computedOcclusion, 1u);
  EXPECT_EQ(r.skippedOutside, 0u);
}

}  // namespace
}  // namespace lidarlabel
