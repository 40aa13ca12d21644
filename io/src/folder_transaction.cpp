#include "lidarlabel/io/folder_transaction.h"

#include <fcntl.h>
#include <stdio.h>  // renameat2, RENAME_EXCHANGE (glibc >= 2.28)
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <filesystem>

#include "lidarlabel/core/errors.h"

namespace fs = std::filesystem;

namespace lidarlabel {

namespace {

std::function<void(const std::string&)>& commitHook() {
  static std::function<void(const std::string&)> h;
  return h;
}

std::string uniqueSuffix() {
  static std::atomic<unsigned> counter{0};
  return ".staging-" + std::to_string(::getpid()) + "-" + std::to_string(counter++);
}

bool isReplaced(const fs::path& rel, const std::vector<fs::path>& replaced) {
  for (const fs::path& r : replaced) {
    auto a = rel.begin(), b = r.begin();
    while (a != rel.end() && b != r.end() && *a == *b) ++a, ++b;
    if (b == r.end()) return true;  // rel is r or lies inside it
  }
  return false;
}

// Old entries not replaced by the staged tree are linked (or copied) into it, recursively.
void carryOver(const fs::path& oldDir, const fs::path& newDir, const fs::path& rel,
               const std::vector<fs::path>& replaced) {
  for (const fs::directory_entry& e : fs::directory_iterator(oldDir / rel)) {
    const fs::path r = rel / e.path().filename();
    if (isReplaced(r, replaced)) continue;
    const fs::path target = newDir / r;
    const fs::file_status staged = fs::symlink_status(target);
    if (e.is_symlink()) {
      if (!fs::exists(staged)) fs::copy_symlink(e.path(), target);
    } else if (e.is_directory()) {
      if (fs::exists(staged) && !fs::is_directory(staged)) continue;  // a new file replaces it
      if (!fs::exists(staged)) fs::create_directory(target);
      carryOver(oldDir, newDir, r, replaced);
    } else if (!fs::exists(staged)) {
      std::error_code ec;
      fs::create_hard_link(e.path(), target, ec);
      if (ec) fs::copy_file(e.path(), target);
    }
  }
}

void fsyncDir(const fs::path& dir) {
  const int fd = ::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY);
  if (fd >= 0) {
    ::fsync(fd);
    ::close(fd);
  }
}

// Parents of `dir` that do not exist yet, innermost first.
std::vector<fs::path> missingParents(const fs::path& dir) {
  std::vector<fs::path> out;
  for (fs::path p = dir.parent_path(); !p.empty() && !fs::exists(p); p = p.parent_path())
    out.push_back(p);
  return out;
}

}  // namespace

void setFolderCommitHookForTesting(std::function<void(const std::string&)> h) {
  commitHook() = std::move(h);
}

void writeFolderAtomic(const std::string& destText, const std::vector<std::string>& replacedText,
                       const std::function<void(const std::string&)>& fill) {
  fs::path dest = fs::absolute(fs::path(destText)).lexically_normal();
  if (dest.filename().empty()) dest = dest.parent_path();  // "x/"
  const fs::file_status st = fs::status(dest);
  if (fs::exists(st) && !fs::is_directory(st))
    throw FileError(destText, "", "exists and is not a folder (an export needs a folder)");
  std::vector<fs::path> replaced;
  for (const std::string& r : replacedText) replaced.push_back(fs::path(r).lexically_normal());

  const std::vector<fs::path> created = missingParents(dest);
  const fs::path staging = dest.string() + uniqueSuffix();
  std::error_code ec;
  auto cleanUp = [&] {
    fs::remove_all(staging, ec);
    for (const fs::path& p : created) fs::remove(p, ec);
  };
  fs::create_directories(staging, ec);
  if (ec) {
    cleanUp();
    throw FileError(destText, "", "cannot create a staging folder beside it: " + ec.message());
  }
  const bool hadOld = fs::exists(st);
  try {
    fill(staging.string());
    if (hadOld) carryOver(dest, staging, {}, replaced);
    if (commitHook()) commitHook()(staging.string());
  } catch (const fs::filesystem_error& e) {
    cleanUp();
    throw FileError(e.path1().empty() ? destText : e.path1().string(), "",
                    e.code().message() + " (nothing was changed)");
  } catch (...) {
    cleanUp();
    throw;
  }
  // One step: the complete new tree takes dest's place.
  const int rc =
      hadOld ? ::renameat2(AT_FDCWD, staging.c_str(), AT_FDCWD, dest.c_str(), RENAME_EXCHANGE)
             : ::renameat2(AT_FDCWD, staging.c_str(), AT_FDCWD, dest.c_str(), RENAME_NOREPLACE);
  if (rc != 0 && hadOld && (errno == EINVAL || errno == ENOSYS)) {
    // File systems without the exchange: two renames, with the old tree restored on failure.
    const fs::path aside = dest.string() + uniqueSuffix();
    if (::rename(dest.c_str(), aside.c_str()) == 0) {
      if (::rename(staging.c_str(), dest.c_str()) == 0) {
        fs::remove_all(aside, ec);
        fsyncDir(dest.parent_path());
        return;
      }
      ::rename(aside.c_str(), dest.c_str());
    }
  }
  if (rc != 0) {
    const std::string why = std::strerror(errno);
    cleanUp();
    throw FileError(destText, "", "cannot move the new content into place: " + why);
  }
  if (hadOld) fs::remove_all(staging, ec);  // now the old tree
  fsyncDir(dest.parent_path());
}

}  // namespace lidarlabel
