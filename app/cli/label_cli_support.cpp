#include "label_cli_support.h"

#include <cstdio>

#include "lidarlabel/io/ontology_io.h"

namespace lidarlabel::cli {

Ontology ontologyFrom(const Args& args) {
  const auto path = args.value("ontology");
  return path ? loadOntology(*path) : defaultOntology();
}

std::optional<KittiImageSize> imageSizeFrom(const Args& args) {
  const auto v = args.value("image-size");
  if (!v) return std::nullopt;
  KittiImageSize s;
  char x = 0, extra = 0;
  if (std::sscanf(v->c_str(), "%d%c%d%c", &s.width, &x, &s.height, &extra) != 3 || x != 'x' ||
      s.width <= 0 || s.height <= 0)
    throw UsageError("--image-size expects WIDTHxHEIGHT, e.g. 1242x375");
  return s;
}

}  // namespace lidarlabel::cli
