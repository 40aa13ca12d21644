// Per-point label formats through the ontology: SemanticKITTI .label and nuScenes lidarseg .bin.
#include <gtest/gtest.h>

#include <algorithm>

#include "lidarlabel/core/errors.h"
#include "lidarlabel/io/atomic_file.h"
#include "lidarlabel/io/nuscenes_lidarseg.h"
#include "lidarlabel/io/ontology_io.h"
#include "lidarlabel/io/semantic_kitti.h"
#include "test_paths.h"

namespace lidarlabel {
namespace {

using test::sampleData;
using test::scratchDir;

PointLabels labels(std::vector<std::uint16_t> semantic, std::vector<std::uint16_t> instance = {}) {
  PointLabels l;
  l.semantic = std::move(semantic);
  l.instance =
      instance.empty() ? std::vector<std::uint16_t>(l.semantic.size(), 0) : std::move(instance);
  return l;
}

TEST(SemanticKittiMapping, MovingClassesBecomeTheirStaticClassAndUnknownIdsUnlabeled) {
  LabelMappingReport r;
  const PointLabels out = semanticKittiToOntology(labels({252, 10, 9999, 40, 259}, {3, 3, 0, 0, 5}),
                                                  defaultOntology(), &r);
  EXPECT_EQ(out.semantic, (std::vector<std::uint16_t>{10, 10, 0, 40, 20}));
  EXPECT_EQ(out.instance, (std::vector<std::uint16_t>{3, 3, 0, 0, 5}));
  EXPECT_EQ(r.movingMapped, 2u);
  EXPECT_EQ(r.unknown, 1u);
}

TEST(SemanticKittiMapping, RealSampleMaps88MovingMotorcyclistPointsAndKeepsTheRest) {
  const std::string path = sampleData("semantickitti/sequences/00/labels/000000.label");
  const PointLabels raw = readSemanticKittiLabels(path, 124668);
  LabelMappingReport r;
  const PointLabels mapped = readSemanticKittiLabelsMapped(path, defaultOntology(), 124668, &r);
  EXPECT_EQ(r.movingMapped, 88u);  // raw id 255 (moving-motorcyclist) in this frame
  EXPECT_EQ(r.unknown, 0u);
  EXPECT_EQ(std::count(mapped.semantic.begin(), mapped.semantic.end(), 32),
            std::count(raw.semantic.begin(), raw.semantic.end(), 32) + 88);
  EXPECT_TRUE(std::none_of(mapped.semantic.begin(), mapped.semantic.end(),
                           [](std::uint16_t s) { return s >= 252; }));
  EXPECT_EQ(mapped.instance, raw.instance);
}

TEST(SemanticKittiMapping, LabelCountDifferentFromTheSweepIsAnError) {
  EXPECT_THROW(
      readSemanticKittiLabelsMapped(sampleData("semantickitti/sequences/00/labels/000000.label"),
                                    defaultOntology(), 124667),
      FileError);
}

TEST(SemanticKittiMapping, ExportWritesRawIdsAndInstancesThatReadBackEqual) {
  const std::string path = scratchDir() + "/000000.label";
  const PointLabels l = labels({10, 40, 0, 30}, {1, 0, 0, 2});
  writeSemanticKittiLabels(path, l);
  const std::string bytes = readFile(path);
  ASSERT_EQ(bytes.size(), 16u);
  EXPECT_EQ(static_cast<unsigned char>(bytes[0]), 10);  // low 16 bits semantic
  EXPECT_EQ(static_cast<unsigned char>(bytes[2]), 1);   // high 16 bits instance
  EXPECT_EQ(readSemanticKittiLabelsMapped(path, defaultOntology(), 4), l);
}

TEST(NuscenesLidarseg, WritesOntologyIndicesOneBytePerPoint) {
  const std::string path = scratchDir() + "/sd_lidarseg.bin";
  writeNuscenesLidarseg(path, labels({10, 40, 0, 30, 70}), defaultOntology());
  const std::string bytes = readFile(path);
  // car -> 17 vehicle.car, road -> 24 flat.driveable_surface, unlabeled -> 0 noise,
  // person -> 2 human.pedestrian.adult, vegetation -> 30 static.vegetation
  EXPECT_EQ(bytes, std::string({17, 24, 0, 2, 30}));
}

TEST(NuscenesLidarseg, RoundTripsThroughTheOntology) {
  const std::string path = scratchDir() + "/sd_lidarseg.bin";
  const PointLabels l = labels({10, 40, 0, 30, 70, 48});
  writeNuscenesLidarseg(path, l, defaultOntology());
  EXPECT_EQ(readNuscenesLidarseg(path, defaultOntology(), 6), l);
}

TEST(NuscenesLidarseg, CountMismatchWithTheSweepNamesTheFile) {
  const std::string path = scratchDir() + "/sd_lidarseg.bin";
  writeFileAtomic(path, std::string(5, '\0'));
  try {
    readNuscenesLidarseg(path, defaultOntology(), 34688);
    FAIL() << "no error";
  } catch (const FileError& e) {
    EXPECT_EQ(e.file(), path);
    EXPECT_NE(e.reason().find("34688"), std::string::npos);
  }
}

TEST(NuscenesLidarseg, IndexWithoutAnOntologyClassReadsAsUnlabeled) {
  const std::string path = scratchDir() + "/sd_lidarseg.bin";
  writeFileAtomic(path, std::string({17, static_cast<char>(200)}));
  LabelMappingReport r;
  const PointLabels l = readNuscenesLidarseg(path, defaultOntology(), -1, &r);
  EXPECT_EQ(l.semantic, (std::vector<std::uint16_t>{10, 0}));
  EXPECT_EQ(r.unknown, 1u);
}

}  // namespace
}  // namespace lidarlabel
