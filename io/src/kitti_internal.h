#pragma once
// Shared by the KITTI object and tracking modules. Private to io/.
#include <cstdint>

#include "lidarlabel/io/kitti_object.h"

namespace lidarlabel {

inline constexpr const char* kKittiDontCareKey = "kitti.dontcare";

// One non-DontCare row -> an object carrying the round-trip attributes of kitti_object.h (the
// row's text as read); source says whether its truncation is a fraction or a level.
ObjectAnnotation kittiObjectFromLabel(const KittiLabel& label, const KittiCalib& calib,
                                      const Ontology& ontology, std::uint32_t trackId,
                                      KittiBenchmark source);

// Keeps a DontCare row (its 15 object columns as read) in frame.passthrough.
void addKittiDontCare(const KittiLabel& label, Frame& frame);

}  // namespace lidarlabel
