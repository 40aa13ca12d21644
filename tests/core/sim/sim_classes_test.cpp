// The simulator's class table (core, no io) agrees with the default ontology io ships.
#include <gtest/gtest.h>

#include "lidarlabel/io/ontology_io.h"
#include "lidarlabel/sim/classes.h"

namespace lidarlabel::sim {
namespace {

TEST(SimulatedClasses, HaveTheDefaultOntologysSemanticKittiIds) {
  for (const auto& [name, id] : simulatedClasses()) {
    const ClassDef* c = defaultOntology().find(name);
    ASSERT_NE(c, nullptr) << name << " is not a default-ontology class";
    EXPECT_EQ(c->semanticKittiId, id) << name;
  }
}

TEST(SemanticKittiIdOf, IsZeroForAnUnknownClass) {
  EXPECT_EQ(semanticKittiIdOf("car"), 10);
  EXPECT_EQ(semanticKittiIdOf("no-such-class"), 0);
}

}  // namespace
}  // namespace lidarlabel::sim
