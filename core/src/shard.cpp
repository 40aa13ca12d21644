#include "lidarlabel/core/shard.h"

#include <algorithm>
#include <charconv>

namespace lidarlabel {

std::optional<ShardSpec> parseShard(const std::string& text) {
  const auto slash = text.find('/');
  if (slash == std::string::npos) return std::nullopt;
  ShardSpec s;
  const char* b = text.data();
  const char* e = b + text.size();
  const auto r1 = std::from_chars(b, b + slash, s.index);
  const auto r2 = std::from_chars(b + slash + 1, e, s.count);
  if (r1.ec != std::errc() || r1.ptr != b + slash || r2.ec != std::errc() || r2.ptr != e ||
      slash == 0 || s.count < 1 || s.index < 0 || s.index >= s.count)
    return std::nullopt;
  return s;
}

std::vector<std::string> shardItems(std::vector<std::string> items, const ShardSpec& shard) {
  std::sort(items.begin(), items.end());
  items.erase(std::unique(items.begin(), items.end()), items.end());
  std::vector<std::string> mine;
  for (std::size_t k = 0; k < items.size(); ++k)
    if (static_cast<int>(k % static_cast<std::size_t>(shard.count)) == shard.index)
      mine.push_back(items[k]);
  return mine;
}

}  // namespace lidarlabel
