#include "lidarlabel/io/frame_labels.h"

#include "lidarlabel/io/native_format.h"

namespace lidarlabel {

PointLabels readFramePointLabels(const Sequence& sequence, std::size_t frame,
                                 std::size_t pointCount, const Ontology& /*ontology*/) {
  const Frame& f = sequence.frames.at(frame);
  if (!f.pointLabelPath.empty())
    return readPointLabels(resolvePath(sequence.root, f.pointLabelPath),
                           static_cast<long long>(pointCount));
  return {};
}

}  // namespace lidarlabel
