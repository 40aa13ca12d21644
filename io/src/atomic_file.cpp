#include "lidarlabel/io/atomic_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "lidarlabel/core/errors.h"

namespace fs = std::filesystem;

namespace lidarlabel {

namespace {
std::function<void(const std::string&)>& hook() {
  static std::function<void(const std::string&)> h;
  return h;
}

std::string uniqueSuffix() {
  static std::atomic<unsigned> counter{0};
  return ".tmp-" + std::to_string(::getpid()) + "-" + std::to_string(counter++);
}

void fsyncDir(const fs::path& dir) {
  const int fd = ::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY);
  if (fd >= 0) {
    ::fsync(fd);
    ::close(fd);
  }
}

[[noreturn]] void fail(const std::string& path, const std::string& what) {
  throw FileError(path, "", what + " (" + std::strerror(errno) + ")");
}
}  // namespace

void setAtomicWriteHookForTesting(std::function<void(const std::string&)> h) {
  hook() = std::move(h);
}

void writeFileAtomic(const std::string& path, std::string_view bytes) {
  const std::string tmp = path + uniqueSuffix();
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) fail(path, "cannot create temporary file " + tmp);
  std::size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      const int saved = errno;
      ::close(fd);
      ::unlink(tmp.c_str());
      errno = saved;
      fail(path, "write failed");
    }
    done += static_cast<std::size_t>(n);
  }
  if (::fsync(fd) != 0 || ::close(fd) != 0) {
    const int saved = errno;
    ::unlink(tmp.c_str());
    errno = saved;
    fail(path, "flush failed");
  }
  try {
    if (hook()) hook()(tmp);
  } catch (...) {
    // A simulated crash leaves the temporary file behind, as a real one would.
    throw;
  }
  if (::rename(tmp.c_str(), path.c_str()) != 0) {
    const int saved = errno;
    ::unlink(tmp.c_str());
    errno = saved;
    fail(path, "cannot move temporary file into place");
  }
  fsyncDir(fs::path(path).parent_path());
}

std::string readFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw FileError(path, "", std::string("cannot open (") + std::strerror(errno) + ")");
  std::ostringstream ss;
  ss << in.rdbuf();
  if (in.bad()) throw FileError(path, "", "read failed");
  return std::move(ss).str();
}

void replaceDirectoryAtomic(const std::string& dir,
                            const std::function<void(const std::string&)>& fill) {
  fs::path target = fs::path(dir).lexically_normal();
  if (target.has_parent_path() && target.filename().empty()) target = target.parent_path();  // "x/"
  const fs::path tmp = target.string() + uniqueSuffix();
  std::error_code ec;
  fs::create_directories(tmp, ec);
  if (ec) throw FileError(tmp.string(), "", "cannot create folder: " + ec.message());
  try {
    fill(tmp.string());
  } catch (...) {
    fs::remove_all(tmp, ec);
    throw;
  }
  const fs::path old = target.string() + ".old" + uniqueSuffix();
  const bool hadOld = fs::exists(target);
  if (hadOld) {
    fs::rename(target, old, ec);
    if (ec) {
      fs::remove_all(tmp, ec);
      throw FileError(dir, "", "cannot move the previous folder aside");
    }
  }
  fs::rename(tmp, target, ec);
  if (ec) {
    if (hadOld) fs::rename(old, target, ec);
    fs::remove_all(tmp, ec);
    throw FileError(dir, "", "cannot move the new folder into place");
  }
  if (hadOld) fs::remove_all(old, ec);
  fsyncDir(target.parent_path());
}

}  // namespace lidarlabel
