#pragma once
// Boxes and per-point labels of one frame, kept consistent: which points a box labels, where the
// two disagree, and the labels that make them agree again.
//
// Instance of a box = its trackId's low 16 bits (annotation.h). "Inside" is the rule of
// points_in_box.h (closed box; a point inside overlapping boxes belongs to the one whose centre
// is nearest), so filling from boxes, the disagreement colouring and the point counts of the
// object list all agree on every point.
#include <cstdint>
#include <vector>

#include "lidarlabel/core/annotation.h"
#include "lidarlabel/core/ontology.h"
#include "lidarlabel/core/point_cloud.h"

namespace lidarlabel {

inline std::uint16_t instanceOf(std::uint32_t trackId) {
  return static_cast<std::uint16_t>(trackId & 0xFFFFu);
}

// Points that get one (semantic, instance) pair; indices ascending.
struct LabelGroup {
  std::uint16_t semantic = 0;
  std::uint16_t instance = 0;
  std::vector<std::uint32_t> indices;
};

// The points owned by objects[k] for each k in `which` (indices into objects; the owner rule is
// applied among all `objects`), labelled with that object's class (ClassDef::semanticKittiId; 0
// for a class the ontology lacks) and instance. One group per listed object, in `which` order.
std::vector<LabelGroup> labelsFromBoxes(const PointCloud& cloud,
                                        const std::vector<ObjectAnnotation>& objects,
                                        const std::vector<std::size_t>& which,
                                        const Ontology& ontology);

enum class Disagreement : std::uint8_t {
  None = 0,
  OutsideOwnBox = 1,   // labelled with the instance of a box of this frame that does not own it
  InsideOtherBox = 2,  // owned by a box, labelled with another non-zero instance
};

// One case of the disagreement list: a box and how many of its points disagree in one way.
struct DisagreementCase {
  std::uint32_t trackId = 0;  // OutsideOwnBox: the box the points name; InsideOtherBox: the owner
  Disagreement kind = Disagreement::None;
  std::uint32_t points = 0;
};

struct DisagreementResult {
  std::vector<Disagreement> perPoint;   // one per point (None for all when labels are empty)
  std::vector<DisagreementCase> cases;  // ordered by trackId, then kind; only non-empty cases
  std::size_t total = 0;                // points that disagree
};

// Instance 0 never disagrees (unlabelled points inside a box are not an error), nor does an
// instance no box of the frame carries (e.g. a dataset's own instance ids before boxes exist).
DisagreementResult findDisagreements(const PointCloud& cloud, const PointLabels& labels,
                                     const std::vector<ObjectAnnotation>& objects);

// The labels that remove every disagreement, as groups of the points that change:
// points owned by a box whose semantic label is 0 or a thing class get the box's class and
// instance; points owned by a box labelled with stuff (the road under a car) keep their class and
// lose any other instance; points labelled with the instance of a box that does not own them get
// instance 0 (their class is kept).
std::vector<LabelGroup> instancesFromBoxes(const PointCloud& cloud, const PointLabels& labels,
                                           const std::vector<ObjectAnnotation>& objects,
                                           const Ontology& ontology);

}  // namespace lidarlabel
