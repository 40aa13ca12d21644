#pragma once
// A read-only memory map of a whole file (POSIX mmap). Readers parse straight from the mapped
// bytes, so the file's contents live in the page cache, not in a heap copy. Private to io/.
#include <cstddef>
#include <string>
#include <string_view>

namespace lidarlabel {

class MappedFile {
 public:
  explicit MappedFile(const std::string& path);  // throws FileError naming path
  ~MappedFile();
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;
  std::string_view bytes() const { return {static_cast<const char*>(data_), size_}; }
  // Unmaps early (bytes() is empty afterwards), e.g. once a compressed block has been unpacked.
  void release();

 private:
  void* data_ = nullptr;
  std::size_t size_ = 0;
};

}  // namespace lidarlabel
