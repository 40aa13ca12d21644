// Converting between label formats through the core model keeps the box geometry.
#include <gtest/gtest.h>

#include "lidarlabel/core/errors.h"
#include "lidarlabel/io/kitti_object.h"
#include "lidarlabel/io/nuscenes.h"
#include "lidarlabel/io/ontology_io.h"
#include "lidarlabel/io/openlabel.h"
#include "lidarlabel/io/sequence_open.h"
#include "test_paths.h"

namespace lidarlabel {
namespace {

using test::sampleData;

std::vector<KittiLabel> objectsOnly(std::vector<KittiLabel> v) {
  std::erase_if(v, [](const KittiLabel& l) { return l.isDontCare(); });
  return v;
}

TEST(CrossFormat, KittiToNuscenesToOpenLabelAndBackGivesTheSameKittiGeometry) {
  const std::string kitti = sampleData("kitti_object/training");
  Sequence seq = openSequence(kitti);
  importKittiObjectLabels(kitti, seq, defaultOntology());
  const std::string out = test::scratchDir();
  NuscenesExportSettings nus;
  nus.writeSweeps = false;
  exportNuscenes(seq, out, defaultOntology(), nus);

  Sequence viaNus = openSequence(kitti);  // same frames, no labels yet
  importNuscenes(out + "/v1.0-lidarlabel", viaNus, defaultOntology());
  writeOpenLabel(viaNus, out + "/seq.openlabel.json");
  Sequence viaOl = openSequence(kitti);
  importOpenLabel(out + "/seq.openlabel.json", viaOl);

  for (std::size_t i = 0; i < seq.size(); ++i) {
    const KittiCalib calib = readKittiCalib(kitti + "/calib/" + kittiFrameStem(seq, i) + ".txt");
    const auto a =
        objectsOnly(kittiLabelsFromFrame(seq.frames[i], calib, defaultOntology(), {}).labels);
    const auto b =
        objectsOnly(kittiLabelsFromFrame(viaOl.frames[i], calib, defaultOntology(), {}).labels);
    // Misc has no nuScenes category and is dropped on the way; the rest must match.
    std::size_t k = 0;
    for (const KittiLabel& l : a) {
      if (l.type == "Misc") continue;
      ASSERT_LT(k, b.size()) << "frame " << i;
      const KittiLabel& m = b[k++];
      EXPECT_EQ(l.type, m.type);
      EXPECT_LT((l.location - m.location).norm(), 1e-9) << "frame " << i;
      EXPECT_LT((l.dimensions - m.dimensions).norm(), 1e-9) << "frame " << i;
      EXPECT_NEAR(angleDiff(l.rotationY, m.rotationY), 0, 1e-9) << "frame " << i;
    }
    EXPECT_EQ(k, b.size()) << "frame " << i;
  }
}

}  // namespace
}  // namespace lidarlabel
