// Edit API: new boxes take a class's size from the boxes people made in the sequence
// (EditorConfig::sizePrior) instead of the ontology's default.
#include <gtest/gtest.h>

#include "editor_fixture.h"

namespace lidarlabel {
namespace {

ObjectAnnotation carOfSize(ObjectId id, const Eigen::Vector3d& size,
                           Provenance provenance = Provenance::Manual) {
  ObjectAnnotation o;
  o.trackId = id;
  o.className = "car";
  o.provenance = provenance;
  o.box.center = {10.0 + 6.0 * id, -8.0, -0.9};
  o.box.size = size;
  return o;
}

// The synthetic sample with its boxes replaced by `frame3` in frame 3 (none elsewhere).
void openWithBoxes(Document& doc, const std::vector<ObjectAnnotation>& frame3) {
  test::openSynthetic(doc);
  Sequence s = doc.sequence();
  for (Frame& f : s.frames) f.objects.clear();
  s.frames[3].objects = frame3;
  doc.setSequence(s, doc.folder());
}

Eigen::Vector3d defaultCar(const Document& doc) {
  return doc.ontology().find("car")->defaultSize;
}

// A default-size car dropped in frame 0; its size.
Eigen::Vector3d newCarSize(Document& doc, Editor& editor) {
  const auto id = editor.createDefaultAt({12.0, 6.0, 0.0}, "car");
  if (!id) return Eigen::Vector3d::Zero();
  return doc.object(0, *id)->box.size;
}

TEST(EditorSizePrior, AClickOnEmptyRoadGivesTheMedianSizeOfTheCarsPeopleMade) {
  Document doc;
  Editor editor(doc);
  openWithBoxes(doc, {carOfSize(1, {4.0, 1.6, 1.5}), carOfSize(2, {4.2, 1.7, 1.4}),
                      carOfSize(3, {3.9, 1.65, 1.5})});
  const auto id = editor.createAtPoint({25.0, 0.5, -1.7}, "car");  // nothing there to fit
  ASSERT_TRUE(id.has_value());
  EXPECT_TRUE(doc.object(0, *id)->box.size.isApprox(Eigen::Vector3d(4.0, 1.65, 1.5), 1e-12))
      << doc.object(0, *id)->box.size.transpose();
}

TEST(EditorSizePrior, WithFewerThanThreeCarsTheOntologysSizeStays) {
  Document doc;
  Editor editor(doc);
  openWithBoxes(doc, {carOfSize(1, {4.0, 1.6, 1.5}), carOfSize(2, {4.2, 1.7, 1.4})});
  EXPECT_EQ(newCarSize(doc, editor), defaultCar(doc));
}

TEST(EditorSizePrior, AutomaticBoxesCountOnlyOnceAccepted) {
  Document doc;
  Editor editor(doc);
  std::vector<ObjectAnnotation> cars = {carOfSize(1, {4.0, 1.6, 1.5}, Provenance::Automatic),
                                        carOfSize(2, {4.2, 1.7, 1.4}, Provenance::Automatic),
                                        carOfSize(3, {3.9, 1.65, 1.5}, Provenance::Automatic)};
  openWithBoxes(doc, cars);
  EXPECT_EQ(newCarSize(doc, editor), defaultCar(doc));
  for (ObjectAnnotation& o : cars) o.review = ReviewState::Accepted;
  openWithBoxes(doc, cars);
  EXPECT_TRUE(newCarSize(doc, editor).isApprox(Eigen::Vector3d(4.0, 1.65, 1.5), 1e-12));
}

TEST(EditorSizePrior, ATrackCountsOnceHoweverManyFramesItSpans) {
  Document doc;
  Editor editor(doc);
  openWithBoxes(doc, {carOfSize(2, {4.0, 1.6, 1.5}), carOfSize(3, {4.2, 1.7, 1.4})});
  Sequence s = doc.sequence();
  for (std::size_t f = 4; f < 10; ++f) s.frames[f].objects = {carOfSize(1, {5.0, 2.0, 1.7})};
  doc.setSequence(s, doc.folder());
  EXPECT_TRUE(newCarSize(doc, editor).isApprox(Eigen::Vector3d(4.2, 1.7, 1.5), 1e-12))
      << newCarSize(doc, editor).transpose();
}

TEST(EditorSizePrior, OtherClassesKeepTheirOwnSizes) {
  Document doc;
  Editor editor(doc);
  openWithBoxes(doc, {carOfSize(1, {4.0, 1.6, 1.5}), carOfSize(2, {4.2, 1.7, 1.4}),
                      carOfSize(3, {3.9, 1.65, 1.5})});
  const auto id = editor.createDefaultAt({12.0, 6.0, 0.0}, "van");
  ASSERT_TRUE(id.has_value());
  EXPECT_EQ(doc.object(0, *id)->box.size, doc.ontology().find("van")->defaultSize);
}

}  // namespace
}  // namespace lidarlabel
