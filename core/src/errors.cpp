#include "lidarlabel/core/errors.h"

namespace lidarlabel {

namespace {
std::string compose(const std::string& file, const std::string& where, const std::string& reason) {
  return where.empty() ? file + ": " + reason : file + ": " + where + ": " + reason;
}
}  // namespace

FileError::FileError(std::string file, std::string where, std::string reason)
    : std::runtime_error(compose(file, where, reason)),
      file_(std::move(file)),
      where_(std::move(where)),
      reason_(std::move(reason)) {}

std::string atLine(std::size_t line) {
  return "line " + std::to_string(line);
}
std::string atByte(std::size_t offset) {
  return "byte " + std::to_string(offset);
}

}  // namespace lidarlabel
