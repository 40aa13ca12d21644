#pragma once
// Fuzz inputs for readers that take a path: the bytes go to a per-process file under /tmp
// (tmpfs on most systems), rewritten for every input.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <fstream>
#include <string>

namespace lidarlabel::fuzz {

inline std::string writeInput(const std::string& name, const std::uint8_t* data, std::size_t size) {
  const std::string path = "/tmp/lidarlabel-fuzz-" + std::to_string(::getpid()) + "-" + name;
  std::ofstream(path, std::ios::binary | std::ios::trunc)
      .write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  return path;
}

}  // namespace lidarlabel::fuzz
