#pragma once
// The classes the simulator draws and their SemanticKITTI raw ids (the public SemanticKITTI
// label ids, as the default ontology assigns them; a test checks the two agree). Kept in core so
// the simulator needs no io (the ontology file is parsed by io).
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace lidarlabel::sim {

// (default-ontology class name, SemanticKITTI raw id), every class the scene uses.
const std::vector<std::pair<std::string, std::uint16_t>>& simulatedClasses();

// SemanticKITTI raw id of a simulated class; 0 (unlabeled) for a name not in the table.
std::uint16_t semanticKittiIdOf(const std::string& className);

}  // namespace lidarlabel::sim
