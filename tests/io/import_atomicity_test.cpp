// Imports are transactions: a failure at any frame leaves the sequence folder (sidecars and the
// annotation file) byte-for-byte as it was and the in-memory sequence unchanged.
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "export_support.h"
#include "lidarlabel/core/errors.h"
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
using test::scratchDir;

std::string nativeText(const Sequence& s) {
  return nativeSequenceToJson(s);
}

struct LabelImport {
  std::string scratch, root, doc, labels;
  Sequence seq;
};

// The synthetic copy's labels exported as SemanticKITTI, then its own sidecars forgotten.
LabelImport semanticKittiImport() {
  LabelImport li;
  li.scratch = scratchDir();
  li.seq = test::syntheticCopy(li.scratch);
  li.root = li.seq.root;
  li.doc = nativePathFor(li.root);
  exportSemanticKitti(li.seq, li.scratch + "/sk");
  li.labels = li.scratch + "/sk/labels";
  for (Frame& f : li.seq.frames) f.pointLabelPath.clear();
  saveNativeSequence(li.seq, li.doc);
  return li;
}

TEST(SemanticKittiImport, ImportsEveryFrameAsSidecarsAndSavesTheDocument) {
  LabelImport li = semanticKittiImport();
  const auto r = importPointLabels(li.seq, li.doc,
                                   semanticKittiLabelSource(li.labels, li.seq, defaultOntology()));
  EXPECT_EQ(r.frames, 40u);
  const Sequence saved = loadNativeSequence(li.doc);
  ASSERT_EQ(saved.frames[12].pointLabelPath, "point_labels/000012.llpl");
  EXPECT_EQ(readPointLabels(li.root + "/point_labels/000012.llpl"),
            readPointLabels(li.root + "/labels/000012.llpl"));
}

TEST(SemanticKittiImport, FailureAtFrameTwelveLeavesNoOrphanSidecarsAndTheDocumentAsItWas) {
  LabelImport li = semanticKittiImport();
  test::truncateFile(li.labels + "/000012.label", 400);  // 100 labels for a full sweep
  const std::string before = nativeText(li.seq);
  const auto tree = test::snapshotTree(li.root);
  const auto parent = test::listing(li.scratch);
  EXPECT_THROW(importPointLabels(li.seq, li.doc,
                                 semanticKittiLabelSource(li.labels, li.seq, defaultOntology())),
               FileError);
  EXPECT_EQ(test::snapshotTree(li.root), tree);
  EXPECT_FALSE(fs::exists(li.root + "/point_labels"));
  EXPECT_EQ(test::listing(li.scratch), parent);
  EXPECT_EQ(nativeText(li.seq), before);
}

TEST(LidarsegImport, FailureHalfwayLeavesTheSequenceFolderAsItWas) {
  LabelImport li = semanticKittiImport();
  Sequence labelled = test::syntheticCopy(scratchDir());  // sidecars to export as lidarseg
  exportNuscenes(labelled, li.scratch + "/nus", defaultOntology());
  const std::string dir = li.scratch + "/nus/lidarseg/v1.0-lidarlabel";
  test::truncateFile(dir + "/" + nuscenesSampleDataToken(labelled, 20) + "_lidarseg.bin", 10);
  li.seq.name = labelled.name;  // same tokens
  const auto tree = test::snapshotTree(li.root);
  EXPECT_THROW(
      importPointLabels(li.seq, li.doc, lidarsegLabelSource(dir, li.seq, defaultOntology())),
      FileError);
  EXPECT_EQ(test::snapshotTree(li.root), tree);
}

TEST(NuscenesImport, DanglingTokenHalfwayLeavesTheSequenceUnchanged) {
  const std::string scratch = scratchDir();
  Sequence s = test::syntheticCopy(scratch);
  exportNuscenes(s, scratch + "/nus", defaultOntology());
  const std::string annFile = scratch + "/nus/v1.0-lidarlabel/sample_annotation.json";
  json ann = json::parse(readFile(annFile));
  ann[ann.size() / 2]["instance_token"] = "no-such-instance";
  writeFileAtomic(annFile, ann.dump());
  const std::string before = nativeText(s);
  EXPECT_THROW(importNuscenes(scratch + "/nus/v1.0-lidarlabel", s, defaultOntology()), FileError);
  EXPECT_EQ(nativeText(s), before);
}

TEST(OpenLabelImport, BadCuboidHalfwayLeavesTheSequenceUnchanged) {
  const std::string scratch = scratchDir();
  Sequence s = test::syntheticCopy(scratch);
  const std::string file = exportOpenLabel(s, scratch + "/ol");
  json doc = json::parse(readFile(file));
  json& objects = doc["openlabel"]["frames"]["20"]["objects"];
  objects.begin().value()["object_data"]["cuboid"][0]["val"] = json::array({1, 2, 3});
  writeFileAtomic(file, doc.dump());
  const std::string before = nativeText(s);
  EXPECT_THROW(importOpenLabel(file, s), FileError);
  EXPECT_EQ(nativeText(s), before);
}

}  // namespace
}  // namespace lidarlabel
