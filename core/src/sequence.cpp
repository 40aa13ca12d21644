#include "lidarlabel/core/sequence.h"

#include <algorithm>
#include <filesystem>

namespace lidarlabel {

std::string resolvePath(const std::string& root, const std::string& p) {
  const std::filesystem::path path(p);
  if (root.empty() || path.is_absolute()) return p;
  return (std::filesystem::path(root) / path).string();
}

std::string Sequence::sweepPathOf(std::size_t i) const {
  return resolvePath(root, frames.at(i).info.sweepPath);
}

std::uint32_t Sequence::maxTrackId() const {
  std::uint32_t m = 0;
  for (const Frame& f : frames) {
    for (const ObjectAnnotation& o : f.objects) m = std::max(m, o.trackId);
  }
  return m;
}

}  // namespace lidarlabel
