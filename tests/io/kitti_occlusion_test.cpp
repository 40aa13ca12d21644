// KITTI occlusion: the estimate (nearer 2-D boxes, blocked LiDAR rays), its levels, and which
// value an export writes (imported, the annotator's, or computed).
#include <gtest/gtest.h>

#include <algorithm>
#include <map>

#include "lidarlabel/io/atomic_file.h"
#include "lidarlabel/io/kitti_object.h"
#include "lidarlabel/io/kitti_occlusion.h"
#include "lidarlabel/io/kitti_tracking.h"
#include "lidarlabel/io/ontology_io.h"
#include "lidarlabel/io/sequence_open.h"
#include "test_paths.h"

namespace lidarlabel {
namespace {

using test::sampleData;

// KITTI camera axes at the LiDAR origin; P2 a pinhole, f = 720 px.
KittiCalib idealCalib() {
  KittiCalib c;
  for (auto& p : c.P) p.setZero();
  c.P[2] << 720, 0, 620, 0, 0, 720, 187, 0, 0, 0, 1, 0;
  c.Tr_velo_to_cam << 0, -1, 0, 0, 0, 0, -1, 0, 1, 0, 0, 0;
  c.Tr_imu_to_velo.setZero();
  return c;
}

// A 4 x 1.8 x 1.5 m car on the road (LiDAR 1.73 m above it), x metres ahead.
Cuboid carAhead(double x, double y = 0) {
  Cuboid b;
  b.center = {x, y, -1.73 + 0.75};
  b.size = {4.0, 1.8, 1.5};
  return b;
}

ObjectAnnotation newCar(const Cuboid& box) {
  ObjectAnnotation o;
  o.className = "car";
  o.box = box;
  return o;
}

KittiLabel rowAt(const std::array<double, 4>& bbox, double depth) {
  KittiLabel l;
  l.type = "Car";
  l.bbox = bbox;
  l.dimensions = {1.5, 1.8, 4};
  l.location = {0, 1.6, depth};
  return l;
}

TEST(KittiOcclusionLevel, ThresholdsAreFifteenAndFiftyPercent) {
  EXPECT_EQ(kittiOcclusionLevel(0.0), 0);
  EXPECT_EQ(kittiOcclusionLevel(0.149), 0);
  EXPECT_EQ(kittiOcclusionLevel(0.15), 1);
  EXPECT_EQ(kittiOcclusionLevel(0.499), 1);
  EXPECT_EQ(kittiOcclusionLevel(0.5), 2);
  EXPECT_EQ(kittiOcclusionLevel(1.0), 2);
}

TEST(KittiOcclusionEstimate, BoxShareIsTheAreaUnderTheUnionOfNearerBoxes) {
  const std::vector<KittiLabel> rows = {
      rowAt({100, 100, 200, 200}, 20),  // the target
      rowAt({150, 100, 250, 200}, 10),  // nearer: right half
      rowAt({150, 150, 300, 300}, 12),  // nearer, inside the right half already
      rowAt({100, 190, 120, 200}, 15),  // nearer: 2 % more
      rowAt({0, 0, 400, 400}, 30),      // farther: hides nothing
  };
  const auto e = estimateKittiOcclusion(rows, std::vector<Cuboid>(5), {0}, idealCalib(), nullptr);
  ASSERT_EQ(e.size(), 1u);
  EXPECT_NEAR(e[0].boxShare, 0.52, 1e-12);
  EXPECT_FALSE(e[0].pointShare.has_value());
  EXPECT_EQ(e[0].level, 2);
}

// Returns on the car's rear face (visible) and returns 10 m ahead on rays to its right part.
PointCloud rearFaceWithOccluders(double blockedAboveY) {
  PointCloud c;
  for (double y = -0.7; y <= 0.71; y += 0.2)
    for (double z = -1.4; z <= -0.49; z += 0.3) {
      const Eigen::Vector3d q(18.05, y, z);
      const Eigen::Vector3d p = y > blockedAboveY ? Eigen::Vector3d(q * 10 / 18.05) : q;
      c.push(static_cast<float>(p.x()), static_cast<float>(p.y()), static_cast<float>(p.z()), 0);
    }
  return c;
}

TEST(KittiOcclusionEstimate, ReturnsInFrontOfTheBoxBlockItsRays) {
  const KittiCalib calib = idealCalib();
  const Cuboid box = carAhead(20);
  const std::vector<KittiLabel> rows = {*kittiLabelFromCuboid(box, calib)};
  const PointCloud sweep = rearFaceWithOccluders(0.2);  // 8 columns of 4 returns
  const auto e = estimateKittiOcclusion(rows, {box}, {0}, calib, &sweep);
  ASSERT_TRUE(e[0].pointShare.has_value());
  EXPECT_NEAR(*e[0].pointShare, 3.0 / 8.0, 1e-12);  // columns y = 0.3, 0.5, 0.7 blocked
  EXPECT_EQ(e[0].level, 1);
}

TEST(KittiOcclusionEstimate, RoadReturnsBeforeAndUnderTheBoxBlockNothing) {
  const KittiCalib calib = idealCalib();
  const Cuboid box = carAhead(20);
  const std::vector<KittiLabel> rows = {*kittiLabelFromCuboid(box, calib)};
  PointCloud sweep = rearFaceWithOccluders(10);  // nothing blocked
  for (double x = 8; x < 22; x += 0.25)
    for (double y = -1.2; y <= 1.2; y += 0.2) sweep.push(x, y, -1.72f, 0);
  const auto e = estimateKittiOcclusion(rows, {box}, {0}, calib, &sweep);
  ASSERT_TRUE(e[0].pointShare.has_value());
  EXPECT_EQ(*e[0].pointShare, 0.0);
}

TEST(KittiOcclusionEstimate, TooFewReturnsLeaveOnlyTheBoxShare) {
  const KittiCalib calib = idealCalib();
  const Cuboid box = carAhead(20);
  const std::vector<KittiLabel> rows = {*kittiLabelFromCuboid(box, calib)};
  PointCloud sweep;
  for (int i = 0; i < 4; ++i) sweep.push(10, 0.1f * static_cast<float>(i), -0.9f, 0);
  const auto e = estimateKittiOcclusion(rows, {box}, {0}, calib, &sweep);
  EXPECT_FALSE(e[0].pointShare.has_value());
  EXPECT_EQ(e[0].level, 0);
}

TEST(KittiExportOcclusion, NewCarBehindANearerCarIsLargelyOccluded) {
  Frame f;
  f.objects = {newCar(carAhead(20)), newCar(carAhead(10))};
  const KittiFrameLabels out = kittiLabelsFromFrame(f, idealCalib(), defaultOntology());
  ASSERT_EQ(out.labels.size(), 2u);
  EXPECT_EQ(out.labels[0].occluded, 2);
  EXPECT_EQ(out.labels[1].occluded, 0);
  EXPECT_EQ(out.computedOcclusion, 2u);
}

TEST(KittiExportOcclusion, AnnotatorAttributeOverridesTheComputedLevel) {
  Frame f;
  f.objects = {newCar(carAhead(20)), newCar(carAhead(10))};
  f.objects[0].attributes.insert_or_assign("occluded", std::string("1"));
  f.objects[1].attributes["occluded"] = "auto";  // not a level: computed
  const KittiFrameLabels out = kittiLabelsFromFrame(f, idealCalib(), defaultOntology());
  EXPECT_EQ(out.labels[0].occluded, 1);
  EXPECT_EQ(out.labels[1].occluded, 0);
  EXPECT_EQ(out.computedOcclusion, 1u);
}

const std::string kAloneButOccluded =
    "Car 0.00 2 -1.60 580.00 170.00 660.00 220.00 1.50 1.80 4.00 0.00 1.73 20.00 -1.57\n";

TEST(KittiExportOcclusion, UneditedImportedBoxKeepsItsLevelWhereTheRuleDisagrees) {
  Frame f;
  addKittiLabelsToFrame(parseKittiObjectLabels(kAloneButOccluded, "c.txt"), idealCalib(),
                        defaultOntology(), 1, f);
  const KittiFrameLabels out = kittiLabelsFromFrame(f, idealCalib(), defaultOntology());
  EXPECT_EQ(out.labels[0].occluded, 2);
  EXPECT_EQ(out.computedOcclusion, 0u);
}

TEST(KittiExportOcclusion, EditedImportedBoxGetsTheComputedLevel) {
  Frame f;
  addKittiLabelsToFrame(parseKittiObjectLabels(kAloneButOccluded, "c.txt"), idealCalib(),
                        defaultOntology(), 1, f);
  f.objects[0].box.center.x() += 0.5;
  const KittiFrameLabels out = kittiLabelsFromFrame(f, idealCalib(), defaultOntology());
  EXPECT_EQ(out.labels[0].occluded, 0);
}

TEST(KittiExportOcclusion, SweepIsReadOnlyForFramesThatNeedAComputedLevel) {
  int calls = 0;
  auto loader = [&]() -> std::optional<PointCloud> {
    ++calls;
    return std::nullopt;
  };
  Frame imported;
  addKittiLabelsToFrame(parseKittiObjectLabels(kAloneButOccluded, "c.txt"), idealCalib(),
                        defaultOntology(), 1, imported);
  kittiLabelsFromFrame(imported, idealCalib(), defaultOntology(), {}, loader);
  EXPECT_EQ(calls, 0);
  Frame fresh;
  fresh.objects = {newCar(carAhead(20)), newCar(carAhead(10))};
  kittiLabelsFromFrame(fresh, idealCalib(), defaultOntology(), {}, loader);
  EXPECT_EQ(calls, 1);
}

TEST(KittiExportOcclusion, DefaultOntologyOffersTheOverrideOnEveryKittiClass) {
  for (const ClassDef& c : defaultOntology().classes) {
    if (c.kittiName.empty()) continue;
    const auto it = std::find_if(c.attributes.begin(), c.attributes.end(),
                                 [](const AttributeDef& a) { return a.name == "occluded"; });
    ASSERT_NE(it, c.attributes.end()) << c.name;
    EXPECT_EQ(it->values, (std::vector<std::string>{"auto", "0", "1", "2", "3"})) << c.name;
  }
}

// Removes the imported levels so that the export estimates them (everything else unedited).
void forgetImportedOcclusion(Sequence& seq) {
  for (Frame& f : seq.frames)
    for (ObjectAnnotation& o : f.objects) o.attributes.erase("kitti.occluded");
}

// Official 2-D boxes, no sweeps (the sample has none): the box share alone. Measured: 682 of 898
// levels agree (76 %); most others are objects KITTI saw partly hidden by things nobody boxed,
// which only a sweep would show.
TEST(KittiExportOcclusion, ComputedLevelsAgreeWithMostOfficialTrackingLevels) {
  std::size_t agree = 0, n = 0;
  for (const std::string s : {"0012", "0014"}) {
    const std::string labels = sampleData("kitti_tracking/training/label_02/" + s + ".txt");
    const KittiCalib calib =
        readKittiCalib(sampleData("kitti_tracking/training/calib/" + s + ".txt"));
    Sequence seq;
    importKittiTrackingLabels(labels, sampleData("kitti_tracking/training/calib/" + s + ".txt"),
                              seq, defaultOntology());
    forgetImportedOcclusion(seq);
    const KittiTrackingRows rows = kittiTrackingRowsFromSequence(seq, calib, defaultOntology());
    std::map<std::pair<int, int>, int> official;
    for (const KittiLabel& l : parseKittiTrackingLabels(readFile(labels), labels))
      if (!l.isDontCare()) official[{l.frame, l.trackId}] = l.occluded;
    for (const KittiLabel& l : rows.rows) {
      if (l.isDontCare()) continue;
      ++n;
      agree += official.at({l.frame, l.trackId}) == l.occluded ? 1 : 0;
    }
  }
  EXPECT_EQ(n, 898u);
  EXPECT_GE(agree, 670u);
}

// The object sample has sweeps (box share and blocked rays): every official level 0..2 comes out
// the same (all 0 there; the cyclist's 3 = unknown is not comparable).
TEST(KittiExportOcclusion, ObjectSampleLevelsFromSweepsEqualTheOfficialOnes) {
  const std::string root = sampleData("kitti_object/training");
  Sequence seq = openSequence(root);
  importKittiObjectLabels(root, seq, defaultOntology());
  forgetImportedOcclusion(seq);
  std::size_t compared = 0;
  for (std::size_t i = 0; i < seq.size(); ++i) {
    const std::string stem = kittiFrameStem(seq, i);
    const KittiCalib calib = readKittiCalib(root + "/calib/" + stem + ".txt");
    int loads = 0;
    const KittiFrameLabels out =
        kittiLabelsFromFrame(seq.frames[i], calib, defaultOntology(), {}, [&] {
          ++loads;
          return kittiSweepForOcclusion(seq, i);
        });
    EXPECT_EQ(loads, 1);
    const std::vector<KittiLabel> official =
        readKittiObjectLabels(root + "/label_2/" + stem + ".txt");
    ASSERT_EQ(out.labels.size(), official.size());
    for (std::size_t k = 0; k < official.size(); ++k) {
      if (official[k].isDontCare() || official[k].occluded > 2) continue;
      EXPECT_EQ(out.labels[k].occluded, official[k].occluded) << stem << " row " << k;
      ++compared;
    }
  }
  EXPECT_EQ(compared, 9u);
}

}  // namespace
}  // namespace lidarlabel
