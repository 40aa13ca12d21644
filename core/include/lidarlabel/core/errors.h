#pragma once
// The one error type for bad input: it names the file, the place in it and the reason, so a
// user can find and fix the problem. what() = "<file>: <where>: <reason>" (where may be empty).
#include <stdexcept>
#include <string>

namespace lidarlabel {

class FileError : public std::runtime_error {
 public:
  FileError(std::string file, std::string where, std::string reason);
  const std::string& file() const { return file_; }
  const std::string& where() const { return where_; }
  const std::string& reason() const { return reason_; }

 private:
  std::string file_, where_, reason_;
};

// Helpers for the "where" part.
std::string atLine(std::size_t line);    // "line 12" (1-based)
std::string atByte(std::size_t offset);  // "byte 4096"

}  // namespace lidarlabel
