// The official-format conformance suite: exports of the synthetic sample and of each bundled
// real sample, checked against the invariants the official readers rely on
// (conformance_support.h). No Python needed; scripts/validate-exports.sh runs the real tools.
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "conformance_support.h"
#include "export_support.h"
#include "lidarlabel/io/atomic_exports.h"
#include "lidarlabel/io/nuscenes.h"
#include "lidarlabel/io/ontology_io.h"
#include "lidarlabel/io/openlabel.h"
#include "lidarlabel/io/point_label_import.h"
#include "lidarlabel/io/semantic_kitti.h"
#include "lidarlabel/io/sequence_open.h"

namespace lidarlabel {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;
using test::sampleData;
using test::scratchDir;

const std::string kVersion = "v1.0-lidarlabel";

Sequence synthetic() {
  return loadNativeSequence(sampleData("synthetic/annotations.lidarlabel.json"));
}

Sequence kittiObject() {
  Sequence s = openSequence(sampleData("kitti_object/training"));
  importKittiObjectLabels(sampleData("kitti_object/training"), s, defaultOntology());
  return s;
}

// The real nuScenes key frame with its 69 boxes, from the bundled mmdetection3d info
// (bbox_3d = x, y, z_centre, l, w, h, yaw in LIDAR_TOP; lidar2ego and ego2global 4x4).
// The bundled nuScenes sample as the window and the CLI open it: its standard v1.0-mini tables
// (69 boxes, ego pose and calibrated sensor).
Sequence nuscenesSample() {
  Sequence s = openSequence(sampleData("nuscenes"), defaultOntology());
  EXPECT_EQ(s.size(), 1u);
  return s;
}

// The SemanticKITTI sample copied under scratch with its labels imported as sidecars.
Sequence semanticKittiSample(const std::string& scratch) {
  const std::string root = test::copySample("semantickitti/sequences/00", scratch);
  Sequence s = openSequence(root);
  importPointLabels(s, nativePathFor(root),
                    semanticKittiLabelSource(sampleData("semantickitti/sequences/00/labels"), s,
                                             defaultOntology()));
  return s;
}

TEST(Conformance, SyntheticNuscenesExportWithLidarseg) {
  const std::string out = scratchDir() + "/nus";
  const NuscenesExportReport r = exportNuscenes(synthetic(), out, defaultOntology());
  EXPECT_EQ(r.lidarsegFrames, 40u);
  conformance::checkNuscenes(out, kVersion);
}

TEST(Conformance, SyntheticNuscenesResultsKeyEverySampleWithOfficialNames) {
  const Sequence s = synthetic();
  const json doc = json::parse(readFile(exportNuscenesResults(s, scratchDir(), defaultOntology())));
  ASSERT_EQ(doc["results"].size(), s.size());
  const std::set<std::string> names = {
      "car",        "truck",      "bus",     "trailer",      "construction_vehicle",
      "pedestrian", "motorcycle", "bicycle", "traffic_cone", "barrier"};
  for (std::size_t i = 0; i < s.size(); ++i) {
    const json& boxes = doc["results"].at(nuscenesSampleToken(s, i));
    EXPECT_LE(boxes.size(), 500u);
    for (const json& b : boxes) {
      EXPECT_TRUE(names.count(b["detection_name"])) << b["detection_name"];
      EXPECT_EQ(b["velocity"].size(), 2u);
      EXPECT_EQ(b["rotation"].size(), 4u);
    }
  }
}

TEST(Conformance, SyntheticSemanticKittiExport) {
  const std::string out = scratchDir();
  EXPECT_EQ(exportSemanticKitti(synthetic(), out).frames, 40u);
  conformance::checkSemanticKitti(out + "/labels", sampleData("synthetic/velodyne"));
}

TEST(Conformance, SyntheticOpenLabelExport) {
  conformance::checkOpenLabel(exportOpenLabel(synthetic(), scratchDir()));
}

TEST(Conformance, SyntheticKittiObjectExportWithTheKittiSampleCalib) {
  const std::string out = scratchDir();
  KittiExportSettings k;
  k.calibFile = sampleData("kitti_object/training/calib/000001.txt");
  const KittiExportReport r = exportKittiObjectAtomically(synthetic(), out, defaultOntology(), k);
  EXPECT_GT(r.objects, 100u);
  conformance::checkKittiObject(out);
}

TEST(Conformance, RealNuscenesSampleExport) {
  const Sequence s = nuscenesSample();
  const std::string out = scratchDir() + "/nus";
  const NuscenesExportReport r = exportNuscenes(s, out, defaultOntology());
  EXPECT_EQ(r.annotations, 69u);
  conformance::checkNuscenes(out, kVersion);
  conformance::checkOpenLabel(exportOpenLabel(s, scratchDir() + "/ol"));
}

TEST(Conformance, RealKittiObjectSampleExports) {
  const Sequence s = kittiObject();
  const std::string out = scratchDir();
  exportKittiObjectAtomically(s, out + "/kitti", defaultOntology(), {});
  conformance::checkKittiObject(out + "/kitti");
  exportNuscenes(s, out + "/nus", defaultOntology());
  conformance::checkNuscenes(out + "/nus", kVersion);
  conformance::checkOpenLabel(exportOpenLabel(s, out + "/ol"));
}

TEST(Conformance, RealSemanticKittiSampleExports) {
  const std::string scratch = scratchDir();
  const Sequence s = semanticKittiSample(scratch);
  EXPECT_EQ(exportSemanticKitti(s, scratch + "/sk").frames, 3u);
  conformance::checkSemanticKitti(scratch + "/sk/labels", s.root + "/velodyne");
  const NuscenesExportReport r = exportNuscenes(s, scratch + "/nus", defaultOntology());
  EXPECT_EQ(r.lidarsegFrames, 3u);
  conformance::checkNuscenes(scratch + "/nus", kVersion);
}

TEST(Conformance, RealKittiTrackingSampleExports) {
  const std::string root = sampleData("kitti_tracking/training");
  for (const char* seq : {"0012", "0014"}) {
    Sequence s;
    s.name = seq;
    importKittiTrackingLabels(root + "/label_02/" + seq + ".txt", root + "/calib/" + seq + ".txt",
                              s, defaultOntology());
    KittiTrackingExportSettings k;
    k.sequenceName = seq;
    k.calibFile = root + "/calib/" + seq + ".txt";
    const std::string out = scratchDir();
    exportKittiTrackingAtomically(s, out, defaultOntology(), k);
    conformance::checkKittiTracking(out + "/label_02/" + seq + ".txt");
    conformance::checkOpenLabel(exportOpenLabel(s, out + "/ol"));
  }
}

}  // namespace
}  // namespace lidarlabel
