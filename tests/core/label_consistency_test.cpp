// Boxes and point labels: fill from boxes, disagreement on crafted cases, instances from boxes.
#include "lidarlabel/core/label_consistency.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "lidarlabel/core/label_colors.h"
#include "lidarlabel/core/points_in_box.h"

namespace lidarlabel {
namespace {

using ::testing::ElementsAre;

Ontology ontology() {
  Ontology o;
  ClassDef car;
  car.name = "car";
  car.semanticKittiId = 10;
  car.isThing = true;
  car.color = {245, 150, 100};
  ClassDef road;
  road.name = "road";
  road.semanticKittiId = 40;
  road.isThing = false;
  road.color = {255, 0, 255};
  o.classes = {car, road};
  return o;
}

ObjectAnnotation box(std::uint32_t id, Eigen::Vector3d centre) {
  ObjectAnnotation o;
  o.trackId = id;
  o.className = "car";
  o.box.center = centre;
  o.box.size = {2, 2, 2};
  return o;
}

// Two boxes: 7 at x = 0 and 9 at x = 10. Points 0, 1 in box 7; 2, 3 in box 9; 4, 5 in none.
struct Scene {
  PointCloud cloud;
  std::vector<ObjectAnnotation> objects{box(7, {0, 0, 0}), box(9, {10, 0, 0})};
  Scene() {
    for (float x : {0.f, 0.5f, 10.f, 10.5f, 5.f, 20.f}) cloud.push(x, 0, 0, 0);
  }
};

TEST(LabelsFromBoxes, GivesEachListedBoxItsPointsClassAndInstance) {
  const Scene s;
  const auto groups = labelsFromBoxes(s.cloud, s.objects, {1}, ontology());
  ASSERT_EQ(groups.size(), 1u);
  EXPECT_EQ(groups[0].semantic, 10);
  EXPECT_EQ(groups[0].instance, 9);
  EXPECT_THAT(groups[0].indices, ElementsAre(2u, 3u));
}

TEST(LabelsFromBoxes, EqualsCorePointInBoxOwnership) {
  const Scene s;
  std::vector<Cuboid> boxes;
  for (const auto& o : s.objects) boxes.push_back(o.box);
  const PointsInBoxResult r = pointsInBoxes(s.cloud, boxes);
  const auto groups = labelsFromBoxes(s.cloud, s.objects, {0, 1}, ontology());
  for (std::size_t k = 0; k < 2; ++k) {
    std::vector<std::uint32_t> owned;
    for (std::uint32_t i = 0; i < s.cloud.size(); ++i)
      if (r.owner[i] == static_cast<int>(k)) owned.push_back(i);
    EXPECT_EQ(groups[k].indices, owned);
  }
}

TEST(FindDisagreements, MarksExactlyTheCraftedCases) {
  const Scene s;
  PointLabels l;
  l.resize(6);
  l.instance = {7, 9, 9, 0, 7, 3};  // 1: 9 inside 7; 4: 7 outside its box; 5: no such box
  const DisagreementResult r = findDisagreements(s.cloud, l, s.objects);
  EXPECT_THAT(r.perPoint,
              ElementsAre(Disagreement::None, Disagreement::InsideOtherBox, Disagreement::None,
                          Disagreement::None, Disagreement::OutsideOwnBox, Disagreement::None));
  EXPECT_EQ(r.total, 2u);
  ASSERT_EQ(r.cases.size(), 2u);  // both name box 7, one case per kind
  EXPECT_EQ(r.cases[0].trackId, 7u);
  EXPECT_EQ(r.cases[0].kind, Disagreement::OutsideOwnBox);
  EXPECT_EQ(r.cases[1].trackId, 7u);
  EXPECT_EQ(r.cases[1].kind, Disagreement::InsideOtherBox);
  EXPECT_EQ(r.cases[1].points, 1u);
}

TEST(FindDisagreements, NoneWithoutLabels) {
  const Scene s;
  EXPECT_EQ(findDisagreements(s.cloud, PointLabels{}, s.objects).total, 0u);
}

TEST(InstancesFromBoxes, LeaveNoDisagreement) {
  const Scene s;
  PointLabels l;
  l.resize(6);
  l.semantic = {10, 40, 0, 10, 10, 0};
  l.instance = {7, 9, 9, 0, 7, 3};
  for (const LabelGroup& g : instancesFromBoxes(s.cloud, l, s.objects, ontology()))
    for (std::uint32_t i : g.indices) {
      l.semantic[i] = g.semantic;
      l.instance[i] = g.instance;
    }
  EXPECT_EQ(findDisagreements(s.cloud, l, s.objects).total, 0u);
  EXPECT_THAT(l.semantic, ElementsAre(10, 40, 10, 10, 10, 0));  // road in box 7 stays road
  EXPECT_THAT(l.instance, ElementsAre(7, 0, 9, 9, 0, 3));
}

TEST(LabelColors, PatchingTheChangedPointsEqualsAFullRecolour) {
  PointLabels l;
  l.resize(4);
  const SemanticLut lut = semanticLut(ontology());
  std::vector<std::uint8_t> rgb = colorizeLabels(l, 4, LabelColoring::Semantic, lut);
  l.semantic[2] = 40;
  colorLabelsAt(rgb, l, {2}, LabelColoring::Semantic, lut);
  EXPECT_EQ(rgb, colorizeLabels(l, 4, LabelColoring::Semantic, lut));
  EXPECT_EQ(rgb[6], 255);
  EXPECT_EQ(rgb[7], 0);
}

TEST(LabelColors, DisagreementColoursAreMagentaOrangeAndGrey) {
  const auto rgb = colorizeDisagreement(
      {Disagreement::None, Disagreement::OutsideOwnBox, Disagreement::InsideOtherBox});
  EXPECT_EQ((Rgb{rgb[0], rgb[1], rgb[2]}), kUnlabelledColor);
  EXPECT_EQ((Rgb{rgb[3], rgb[4], rgb[5]}), kOutsideOwnBoxColor);
  EXPECT_EQ((Rgb{rgb[6], rgb[7], rgb[8]}), kInsideOtherBoxColor);
}

}  // namespace
}  // namespace lidarlabel
