#pragma once
// Ontology JSON files ("format": "lidarlabel-ontology"). Schema: io/resources/default_ontology.json
// is the reference example; docs/native-format.md describes every field.
#include <string>

#include "lidarlabel/core/ontology.h"

namespace lidarlabel {

// The driving ontology that ships with lidarlabel (embedded in the binary).
const Ontology& defaultOntology();

// Throws FileError (file + JSON field path) on malformed files, duplicate names or ids.
Ontology loadOntology(const std::string& path);
Ontology ontologyFromJson(const std::string& text, const std::string& fileName);
std::string ontologyToJson(const Ontology& ontology);
void saveOntology(const Ontology& ontology, const std::string& path);  // atomic

}  // namespace lidarlabel
