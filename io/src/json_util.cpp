#include "json_util.h"

#include <cmath>

#include "lidarlabel/core/errors.h"

namespace lidarlabel {

using json = nlohmann::json;

json parseJson(const std::string& text, const std::string& fileName) {
  try {
    return json::parse(text);
  } catch (const json::parse_error& e) {
    // e.byte is 1-based; turn it into line:column for the user.
    const std::size_t byte = std::min<std::size_t>(e.byte > 0 ? e.byte - 1 : 0, text.size());
    std::size_t line = 1, col = 1;
    for (std::size_t i = 0; i < byte; ++i) {
      if (text[i] == '\n') {
        ++line;
        col = 1;
      } else {
        ++col;
      }
    }
    const bool truncated = e.byte >= text.size();
    throw FileError(fileName, "line " + std::to_string(line) + ", column " + std::to_string(col),
                    truncated ? "JSON ends early (truncated file?)" : "invalid JSON syntax");
  } catch (const json::exception& e) {  // e.g. out_of_range 406: number overflow (found by fuzzing)
    throw FileError(fileName, "", std::string("unreadable JSON: ") + e.what());
  }
}

JsonReader::JsonReader(const json& j, std::string file, std::string path)
    : j_(j), file_(std::move(file)), path_(std::move(path)) {}

std::string JsonReader::sub(const std::string& key) const {
  return path_.empty() ? key : path_ + "." + key;
}

void JsonReader::fail(const std::string& key, const std::string& reason) const {
  throw FileError(file_, "field " + (key.empty() ? path_ : sub(key)), reason);
}

bool JsonReader::has(const std::string& key) const {
  return j_.is_object() && j_.contains(key);
}

const json& JsonReader::required(const std::string& key) const {
  if (!j_.is_object()) fail("", "expected a JSON object");
  auto it = j_.find(key);
  if (it == j_.end()) fail(key, "missing");
  return *it;
}

JsonReader JsonReader::child(const std::string& key) const {
  return JsonReader(required(key), file_, sub(key));
}

std::size_t JsonReader::arraySize() const {
  if (!j_.is_array()) fail("", "expected an array");
  return j_.size();
}

JsonReader JsonReader::at(std::size_t index) const {
  if (!j_.is_array() || index >= j_.size()) fail("", "array index out of range");
  return JsonReader(j_[index], file_, path_ + "[" + std::to_string(index) + "]");
}

std::string JsonReader::string(const std::string& key) const {
  const json& v = required(key);
  if (!v.is_string()) fail(key, "expected a string");
  return v.get<std::string>();
}

std::string JsonReader::stringOr(const std::string& key, const std::string& fallback) const {
  return has(key) ? string(key) : fallback;
}

double JsonReader::number(const std::string& key) const {
  const json& v = required(key);
  if (!v.is_number()) fail(key, "expected a number");
  const double d = v.get<double>();
  if (!std::isfinite(d)) fail(key, "not a finite number");
  return d;
}

double JsonReader::numberOr(const std::string& key, double fallback) const {
  return has(key) ? number(key) : fallback;
}

long long JsonReader::integer(const std::string& key, long long min, long long max) const {
  const json& v = required(key);
  if (!v.is_number_integer()) fail(key, "expected an integer");
  const long long i = v.is_number_unsigned() ? static_cast<long long>(v.get<unsigned long long>())
                                             : v.get<long long>();
  if (i < min || i > max) fail(key, "value " + std::to_string(i) + " out of range");
  return i;
}

bool JsonReader::boolean(const std::string& key) const {
  const json& v = required(key);
  if (!v.is_boolean()) fail(key, "expected true or false");
  return v.get<bool>();
}

bool JsonReader::booleanOr(const std::string& key, bool fallback) const {
  return has(key) ? boolean(key) : fallback;
}

std::vector<double> JsonReader::numbers(const std::string& key, std::size_t count) const {
  const json& v = required(key);
  if (!v.is_array() || v.size() != count)
    fail(key, "expected an array of " + std::to_string(count) + " numbers");
  std::vector<double> out;
  out.reserve(count);
  for (const json& e : v) {
    if (!e.is_number() || !std::isfinite(e.get<double>())) fail(key, "expected finite numbers");
    out.push_back(e.get<double>());
  }
  return out;
}

Eigen::Vector3d JsonReader::vec3(const std::string& key) const {
  const auto v = numbers(key, 3);
  return {v[0], v[1], v[2]};
}

std::map<std::string, std::string> JsonReader::stringMap(const std::string& key) const {
  const json& v = required(key);
  if (!v.is_object()) fail(key, "expected an object of strings");
  std::map<std::string, std::string> out;
  for (auto it = v.begin(); it != v.end(); ++it) {
    if (!it.value().is_string()) fail(key + "." + it.key(), "expected a string");
    out[it.key()] = it.value().get<std::string>();
  }
  return out;
}

}  // namespace lidarlabel
