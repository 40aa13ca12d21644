#pragma once
// Status bar wording, e.g. "frame 3/120 · 124,668 points · 5 boxes" (frame is shown 1-based).
#include <QString>
#include <cstddef>

#include "lidarlabel/core/point_cloud.h"

namespace lidarlabel {

// points: points with a return. noReturn: points without one (NaN / Inf, kept so that indices
// match the file), shown only when there are any:
// "frame 1/1 · 77,708 points · 53,364 without a return · 0 boxes".
QString frameStatusText(std::size_t frameIndex, std::size_t frameCount, std::size_t points,
                        std::size_t boxes, std::size_t noReturn = 0);

// The same for a sweep (null: no sweep, 0 points), counting its points with and without a return.
QString frameStatusText(std::size_t frameIndex, std::size_t frameCount, const PointCloud* cloud,
                        std::size_t boxes);

}  // namespace lidarlabel
