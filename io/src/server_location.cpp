// Team server locations: "postgresql://host/database/dataset/sequence[?params]" (no libpq here;
// the PostgreSQL store itself is lidarlabel::io_pg).
#include <algorithm>
#include <string_view>

#include "lidarlabel/core/errors.h"
#include "lidarlabel/io/store.h"

namespace lidarlabel {

bool isServerLocation(const std::string& location) {
  return location.rfind("postgresql://", 0) == 0 || location.rfind("postgres://", 0) == 0;
}

std::string redactServerUri(const std::string& uri) {
  std::string out = uri;
  // postgresql://user:password@host...: the password goes, "user@" stays.
  if (isServerLocation(out)) {
    const std::size_t user = out.find("://") + 3;
    const std::size_t colon = out.find_first_of(":/@?", user);
    if (colon != std::string::npos && out[colon] == ':') {
      const std::size_t at = out.find_first_of("@/?", colon + 1);
      if (at != std::string::npos && out[at] == '@') out.erase(colon, at - colon);
    }
  }
  // ...?password=secret&...: the value becomes ***.
  static constexpr std::string_view kKey = "password=";
  for (std::size_t k = out.find(kKey); k != std::string::npos; k = out.find(kKey, k)) {
    const std::size_t value = k + kKey.size();
    const std::size_t end = std::min(out.find_first_of("& \t\r\n", value), out.size());
    out.replace(value, end - value, "***");
    k = value + 3;
  }
  return out;
}

std::pair<std::string, std::string> splitServerLocation(const std::string& location) {
  const std::size_t scheme = location.find("://");
  const std::size_t query = location.find('?');
  const std::string head = location.substr(0, query);
  const std::string params = query == std::string::npos ? "" : location.substr(query);
  const std::size_t pathStart =
      scheme == std::string::npos ? std::string::npos : head.find('/', scheme + 3);
  const std::size_t last = head.rfind('/');
  const std::size_t middle =
      last == std::string::npos || last == 0 ? std::string::npos : head.rfind('/', last - 1);
  if (pathStart == std::string::npos || middle == std::string::npos || middle <= pathStart ||
      last + 1 >= head.size() || middle + 1 >= last)
    throw FileError(redactServerUri(location), "",
                    "names no sequence: expected postgresql://host/database/dataset/sequence");
  return {head.substr(0, middle) + params, head.substr(middle + 1)};
}

}  // namespace lidarlabel
