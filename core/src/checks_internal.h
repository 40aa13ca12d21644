#pragma once
// Helpers shared by the check families (checks_*.cpp). Private to core.
#include <cstdarg>
#include <string>
#include <vector>

#include "lidarlabel/core/checks.h"

namespace lidarlabel::checks_detail {

// True when config.skip names `id`.
bool skipped(const CheckConfig& config, const char* id);
// The class's thresholds, or the defaults for an unknown class.
const CheckThresholds& thresholdsFor(const Ontology& ontology, const std::string& className);
// printf-style message.
std::string format(const char* fmt, ...) __attribute__((format(printf, 1, 2)));
// Seconds of every frame: timestamps when every frame has one, else f x defaultFrameSeconds.
std::vector<double> frameTimes(const Sequence& s, const CheckConfig& config);

}  // namespace lidarlabel::checks_detail
