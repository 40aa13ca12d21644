#pragma once
// Status bar wording, e.g. "frame 3/120 · 124,668 points · 5 boxes" (frame is shown 1-based).
#include <QString>
#include <cstddef>

namespace lidarlabel {

QString frameStatusText(std::size_t frameIndex, std::size_t frameCount, std::size_t points,
                        std::size_t boxes);

}  // namespace lidarlabel
