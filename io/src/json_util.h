#pragma once
// Checked access to parsed JSON: every failure is a FileError naming the file and the JSON path
// of the offending field (e.g. "frames[3].objects[0].box.size"). Private to io/.
#include <Eigen/Core>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace lidarlabel {

// Parses text; a syntax error (or truncated file) becomes a FileError with line and column.
nlohmann::json parseJson(const std::string& text, const std::string& fileName);

class JsonReader {
 public:
  JsonReader(const nlohmann::json& j, std::string file, std::string path);

  bool has(const std::string& key) const;
  JsonReader child(const std::string& key) const;  // required key
  JsonReader at(std::size_t index) const;          // array element
  std::size_t arraySize() const;                   // fails unless this is an array

  std::string string(const std::string& key) const;
  std::string stringOr(const std::string& key, const std::string& fallback) const;
  double number(const std::string& key) const;  // finite only
  double numberOr(const std::string& key, double fallback) const;
  long long integer(const std::string& key, long long min, long long max) const;
  bool boolean(const std::string& key) const;
  bool booleanOr(const std::string& key, bool fallback) const;
  std::vector<double> numbers(const std::string& key, std::size_t count) const;  // exact count
  Eigen::Vector3d vec3(const std::string& key) const;
  std::map<std::string, std::string> stringMap(const std::string& key) const;

  const nlohmann::json& raw() const { return j_; }
  const std::string& path() const { return path_; }
  [[noreturn]] void fail(const std::string& key, const std::string& reason) const;

 private:
  const nlohmann::json& required(const std::string& key) const;
  std::string sub(const std::string& key) const;
  const nlohmann::json& j_;
  std::string file_, path_;
};

}  // namespace lidarlabel
