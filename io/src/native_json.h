#pragma once
// The native document's JSON pieces (native_format.cpp), shared with the server store, which
// keeps review records, passthrough rows and attributes as jsonb in the same shapes. Private to io.
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "json_util.h"
#include "lidarlabel/core/annotation.h"
#include "lidarlabel/core/review.h"

namespace lidarlabel::native_detail {

// {"decisions": [...], "comments": [...]} as in docs/native-format.md.
nlohmann::json reviewToJson(const ReviewRecord& r);
ReviewRecord reviewFromJson(const JsonReader& r);
// One object as in the document's "objects" array.
nlohmann::json objectToJson(const ObjectAnnotation& o);
ObjectAnnotation objectFromJson(const JsonReader& r);
// {"key": ["record", ...], ...}
std::map<std::string, std::vector<std::string>> passthroughFromJson(const JsonReader& r);

}  // namespace lidarlabel::native_detail
