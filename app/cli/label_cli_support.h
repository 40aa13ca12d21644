#pragma once
// Options shared by the export and import subcommands.
#include <optional>

#include "cli.h"
#include "lidarlabel/core/ontology.h"
#include "lidarlabel/io/kitti_object.h"

namespace lidarlabel::cli {

// --ontology FILE, else the built-in driving ontology.
Ontology ontologyFrom(const Args& args);
// --image-size WxH (e.g. 1242x375); nullopt when absent. Malformed -> UsageError.
std::optional<KittiImageSize> imageSizeFrom(const Args& args);

}  // namespace lidarlabel::cli
