// Team server locations: "postgresql://host/database/dataset/sequence[?params]" (no libpq here;
// the PostgreSQL store itself is lidarlabel::io_pg).
#include <regex>

#include "lidarlabel/core/errors.h"
#include "lidarlabel/io/store.h"

namespace lidarlabel {

bool isServerLocation(const std::string& location) {
  return location.rfind("postgresql://", 0) == 0 || location.rfind("postgres://", 0) == 0;
}

std::string redactServerUri(const std::string& uri) {
  static const std::regex userPass(R"(^(postgres(ql)?://[^:/@?]*):[^@/?]*@)");
  static const std::regex keyword(R"((password=)[^&\s]*)");
  return std::regex_replace(std::regex_replace(uri, userPass, "$1@"), keyword, "$1***");
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
