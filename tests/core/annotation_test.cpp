#include "lidarlabel/core/annotation.h"

#include <gtest/gtest.h>

#include "lidarlabel/core/ontology.h"
#include "lidarlabel/core/sequence.h"

namespace lidarlabel {
namespace {

TEST(Provenance, RoundTripsThroughItsString) {
  for (Provenance p :
       {Provenance::Manual, Provenance::Interpolated, Provenance::Tracked, Provenance::Automatic})
    EXPECT_EQ(provenanceFromString(toString(p)), p);
  EXPECT_FALSE(provenanceFromString("guessed").has_value());
}

TEST(ReviewState, RoundTripsThroughItsString) {
  for (ReviewState r : {ReviewState::Unreviewed, ReviewState::Accepted, ReviewState::Rejected})
    EXPECT_EQ(reviewStateFromString(toString(r)), r);
  EXPECT_FALSE(reviewStateFromString("ACCEPTED").has_value());
}

TEST(Ontology, FindsClassesByEachOfTheirNames) {
  Ontology o;
  ClassDef car;
  car.id = 1;
  car.name = "car";
  car.kittiName = "Car";
  car.nuscenesName = "vehicle.car";
  car.semanticKittiId = 10;
  car.color = {1, 2, 3};
  o.classes.push_back(car);
  EXPECT_EQ(o.find("car")->id, 1);
  EXPECT_EQ(o.findByKittiName("Car")->name, "car");
  EXPECT_EQ(o.findByNuscenesName("vehicle.car")->name, "car");
  EXPECT_EQ(o.findBySemanticKittiId(10)->name, "car");
  EXPECT_EQ(o.findByKittiName(""), nullptr);
  EXPECT_EQ(o.colorOf("car"), (Rgb{1, 2, 3}));
  EXPECT_EQ(o.colorOf("unicorn"), (Rgb{160, 160, 160}));
}

TEST(Sequence, ResolvesRelativeSweepPathsAgainstItsRoot) {
  Sequence s;
  s.root = "/data/seq";
  s.frames.resize(2);
  s.frames[0].info.sweepPath = "velodyne/000000.bin";
  s.frames[1].info.sweepPath = "/abs/000001.bin";
  EXPECT_EQ(s.sweepPathOf(0), "/data/seq/velodyne/000000.bin");
  EXPECT_EQ(s.sweepPathOf(1), "/abs/000001.bin");
}

TEST(Sequence, MaxTrackIdScansEveryFrame) {
  Sequence s;
  s.frames.resize(3);
  s.frames[1].objects.emplace_back().trackId = 7;
  s.frames[2].objects.emplace_back().trackId = 3;
  EXPECT_EQ(s.maxTrackId(), 7u);
}

}  // namespace
}  // namespace lidarlabel
